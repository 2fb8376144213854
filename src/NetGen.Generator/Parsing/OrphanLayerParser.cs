using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>Reports layer attributes ([Dense], [Conv2D], …) on a type that has no [Network] (they would silently do nothing), on each one.</summary>
internal static class OrphanLayerParser
{
    public static EquatableArray<DiagnosticInfo> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetNode is not TypeDeclarationSyntax declaration) return EquatableArray<DiagnosticInfo>.Empty;
        try
        {
            // A type with [Network] on any partial declaration is the network parser's (NG0006 for split layers).
            foreach (var attribute in context.TargetSymbol.GetAttributes())
                if (attribute.AttributeClass?.ToDisplayString() == KnownNames.NetworkAttribute)
                    return EquatableArray<DiagnosticInfo>.Empty;

            var builder = ImmutableArray.CreateBuilder<DiagnosticInfo>();
            foreach (var attribute in context.Attributes)
            {
                var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken);
                string kind = Layers.LayerKinds.Find(attribute.AttributeClass?.ToDisplayString())?.Name ?? "Dense";
                builder.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerWithoutNetwork,
                    LocationInfo.From(syntax) ?? LocationInfo.From(declaration.Identifier.GetLocation()), context.TargetSymbol.Name, kind));
            }
            return new EquatableArray<DiagnosticInfo>(builder.ToImmutable());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ImmutableArray.Create(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError,
                LocationInfo.From(declaration.Identifier.GetLocation()), context.TargetSymbol.Name, ex.GetType().Name + ": " + ex.Message)).ToEquatableArray();
        }
    }
}
