using System.Collections.Immutable;
using System.Composition;
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

/// <summary>NG0015: a Softmax output trained with MeanSquaredError; sets <c>Loss = Loss.CrossEntropy</c> on [Network].</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseCrossEntropyCodeFixProvider)), Shared]
public sealed class UseCrossEntropyCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.MeanSquaredErrorWithSoftmaxId);

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
            // On the Loss argument of [Network], or on the output's Softmax when the loss is the default.
            var node = root.FindNode(diagnostic.Location.SourceSpan);
            if (node.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } declaration) continue;
            var networks = NetGenSyntax.Attributes(declaration, model, NetGenSyntax.NetworkAttribute, context.CancellationToken);
            if (networks.Count != 1) continue;
            var network = networks[0];
            context.RegisterCodeFix(
                CodeAction.Create("Use Loss.CrossEntropy", ct => SetAsync(context.Document, network, ct), equivalenceKey: nameof(UseCrossEntropyCodeFixProvider)),
                diagnostic);
        }
    }

    private static async Task<Document> SetAsync(Document document, AttributeSyntax network, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null) return document;
        var value = NetGenSyntax.EnumMember("Loss", "CrossEntropy");
        AttributeSyntax updated;
        if (NetGenSyntax.Named(network, "Loss") is { } existing)
        {
            updated = network.ReplaceNode(existing.Expression, value.WithTriviaFrom(existing.Expression));
        }
        else
        {
            var argument = SyntaxFactory.AttributeArgument(SyntaxFactory.NameEquals("Loss"), null, value);
            var list = network.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
            updated = network.WithArgumentList(list.AddArguments(argument).WithAdditionalAnnotations(Formatter.Annotation));
        }
        var changed = document.WithSyntaxRoot(root.ReplaceNode(network, updated));
        changed = await Simplifier.ReduceAsync(changed, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
