using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator;

namespace NetGen.CodeFixes;

/// <summary>NG0010: sets <c>Inputs = k</c> to the size the layer actually receives (the previous layer's units, or the network's inputs).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SetInputsCodeFixProvider)), Shared]
public sealed class SetInputsCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.InputsMismatchId);

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
            var node = root.FindNode(diagnostic.Location.SourceSpan);
            var argument = node as AttributeArgumentSyntax ?? node.FirstAncestorOrSelf<AttributeArgumentSyntax>();
            if (argument?.NameEquals is null || argument.Parent?.Parent is not AttributeSyntax dense) continue;
            if (ExpectedInputs(dense, model, context.CancellationToken) is not int expected) continue;
            string text = expected.ToString(CultureInfo.InvariantCulture);
            context.RegisterCodeFix(
                CodeAction.Create($"Set Inputs = {text}", ct => SetAsync(context.Document, argument, text, ct),
                    equivalenceKey: nameof(SetInputsCodeFixProvider)),
                diagnostic);
        }
    }

    /// <summary>n[l−1] for the layer <paramref name="dense"/>: the units of the [Dense] before it, or the network's inputs.</summary>
    internal static int? ExpectedInputs(AttributeSyntax dense, SemanticModel model, CancellationToken cancellationToken)
    {
        if (dense.Parent?.Parent is not TypeDeclarationSyntax declaration) return null;
        // Only for a plain stack of [Dense] layers: after convolutions, pooling or [Flatten] the size comes from shape
        // inference, which the diagnostic states; a fix from the units of the previous [Dense] would be wrong.
        foreach (var kind in NetGen.Generator.Layers.LayerKinds.All)
            if (kind.AttributeName != NetGenSyntax.DenseAttribute
                && NetGenSyntax.Attributes(declaration, model, kind.AttributeName, cancellationToken).Count > 0)
                return null;
        var layers = NetGenSyntax.Attributes(declaration, model, NetGenSyntax.DenseAttribute, cancellationToken);
        int index = layers.IndexOf(dense);
        if (index < 0) return null;
        if (index > 0) return NetGenSyntax.IntValue(NetGenSyntax.Positional(layers[index - 1], 0, "units"), model, cancellationToken);
        var networks = NetGenSyntax.Attributes(declaration, model, NetGenSyntax.NetworkAttribute, cancellationToken);
        return networks.Count == 1 ? NetGenSyntax.IntValue(NetGenSyntax.Positional(networks[0], 0, "inputs"), model, cancellationToken) : null;
    }

    private static async Task<Document> SetAsync(Document document, AttributeArgumentSyntax argument, string value, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null) return document;
        var literal = SyntaxFactory.ParseExpression(value).WithTriviaFrom(argument.Expression);
        return document.WithSyntaxRoot(root.ReplaceNode(argument.Expression, literal));
    }
}
