using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>Reports [Dense] on a type that has no [Network] (the layers would silently do nothing).</summary>
internal static class OrphanLayerParser
{
    public static EquatableArray<DiagnosticInfo> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        foreach (var attribute in context.TargetSymbol.GetAttributes())
            if (attribute.AttributeClass?.ToDisplayString() == KnownNames.NetworkAttribute)
                return EquatableArray<DiagnosticInfo>.Empty;

        var declaration = (TypeDeclarationSyntax)context.TargetNode;
        var builder = ImmutableArray.CreateBuilder<DiagnosticInfo>();
        foreach (var attribute in context.Attributes)
        {
            var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken);
            builder.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerWithoutNetwork,
                LocationInfo.From(syntax) ?? LocationInfo.From(declaration.Identifier.GetLocation()), context.TargetSymbol.Name));
        }
        return new EquatableArray<DiagnosticInfo>(builder.ToImmutable());
    }
}
