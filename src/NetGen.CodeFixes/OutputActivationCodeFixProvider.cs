using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using NetGen.Generator;

namespace NetGen.CodeFixes;

/// <summary>
/// NG0013 / NG0014: changes the output layer's activation to the one the loss needs (Sigmoid for
/// BinaryCrossEntropy, Softmax for CrossEntropy; the latter only when the layer has more than one unit,
/// since Softmax over one unit is NG0012).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OutputActivationCodeFixProvider)), Shared]
public sealed class OutputActivationCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.BinaryCrossEntropyNeedsSigmoidId, DiagnosticDescriptors.CrossEntropyNeedsSoftmaxId);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            // The diagnostic is on the activation argument, or on the whole [Dense] when the activation is not written.
            var node = root.FindNode(diagnostic.Location.SourceSpan);
            var dense = node as AttributeSyntax ?? node.FirstAncestorOrSelf<AttributeSyntax>();
            if (dense is null) continue;
            string activation = diagnostic.Id == DiagnosticDescriptors.BinaryCrossEntropyNeedsSigmoidId ? "Sigmoid" : "Softmax";
            if (activation == "Softmax"
                && NetGenSyntax.IntValue(NetGenSyntax.Positional(dense, 0, "units"), model, context.CancellationToken) is not > 1)
                continue;
            context.RegisterCodeFix(
                CodeAction.Create($"Use Activation.{activation} on the output layer", ct => SetAsync(context.Document, dense, activation, ct),
                    equivalenceKey: nameof(OutputActivationCodeFixProvider) + activation),
                diagnostic);
        }
    }

    private static async Task<Document> SetAsync(Document document, AttributeSyntax dense, string activation, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null) return document;
        var value = NetGenSyntax.EnumMember("Activation", activation);
        AttributeSyntax updated;
        if (NetGenSyntax.Positional(dense, 1, "activation") is { } existing)
        {
            updated = dense.ReplaceNode(existing.Expression, value.WithTriviaFrom(existing.Expression));
        }
        else
        {
            // After units; by name when units is written by name, so any argument order stays valid.
            bool named = dense.ArgumentList?.Arguments.Any(a => a.NameColon is not null) == true;
            var argument = SyntaxFactory.AttributeArgument(value);
            if (named) argument = argument.WithNameColon(SyntaxFactory.NameColon("activation"));
            updated = NetGenSyntax.InsertBeforeNamed(dense, argument);
        }
        var changed = document.WithSyntaxRoot(root.ReplaceNode(dense, updated));
        changed = await Simplifier.ReduceAsync(changed, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
