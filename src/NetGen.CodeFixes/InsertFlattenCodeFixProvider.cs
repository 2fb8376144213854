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
using NetGen.Generator;

namespace NetGen.CodeFixes;

/// <summary>NG0042: inserts <c>[Flatten]</c> before a <c>[Dense]</c> that follows a shaped layer (or a shaped network input).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InsertFlattenCodeFixProvider)), Shared]
public sealed class InsertFlattenCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.DenseNeedsFlattenId);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan);
            if (node.FirstAncestorOrSelf<AttributeSyntax>() is not { Parent: AttributeListSyntax } dense) continue;
            context.RegisterCodeFix(
                CodeAction.Create("Insert [Flatten]", ct => InsertAsync(context.Document, dense, ct), equivalenceKey: nameof(InsertFlattenCodeFixProvider)),
                diagnostic);
        }
    }

    private static async Task<Document> InsertAsync(Document document, AttributeSyntax dense, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || dense.Parent is not AttributeListSyntax list) return document;
        var flatten = SyntaxFactory.Attribute(SyntaxFactory.IdentifierName("Flatten"));
        if (list.Attributes.Count == 1 && list.Parent is TypeDeclarationSyntax)
        {
            // [Dense(…)] alone in its brackets: a new line "[Flatten]" above it, indented as it is.
            var newList = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(flatten))
                .WithLeadingTrivia(list.GetLeadingTrivia())
                .WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed);
            var indentation = SyntaxFactory.TriviaList(list.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)));
            var moved = list.WithLeadingTrivia(indentation);
            return document.WithSyntaxRoot(root.ReplaceNode(list, new[] { newList, moved }));
        }
        // Several attributes in one pair of brackets: Flatten goes just before the Dense.
        int index = list.Attributes.IndexOf(dense);
        return document.WithSyntaxRoot(root.ReplaceNode(list, list.WithAttributes(list.Attributes.Insert(index, flatten))));
    }
}
