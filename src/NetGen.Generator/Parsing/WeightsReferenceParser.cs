using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>
/// Reads <c>Weights = "…"</c> of a [Network] attribute into a <see cref="WeightsRequest"/>, and checks that no member of
/// the class takes the name of the member generated for embedded weights (NG0039).
/// </summary>
internal static class WeightsReferenceParser
{
    /// <summary>The named property of NetworkAttribute.</summary>
    public const string PropertyName = "Weights";

    /// <summary>The static member generated for a network with embedded weights.</summary>
    public const string EmbeddedParametersName = "EmbeddedParameters";

    /// <summary>
    /// The request when the attribute has a non-empty constant <c>Weights</c>; null when it has none or null (and when the
    /// argument does not bind, which the compiler reports). An empty or blank path is NG0017.
    /// </summary>
    public static WeightsRequest? Read(AttributeData network, AttributeSyntax? syntax, TypeDeclarationSyntax declaration, string networkName,
        List<DiagnosticInfo> diagnostics)
    {
        TypedConstant? bound = null;
        foreach (var pair in network.NamedArguments)
            if (pair.Key == PropertyName) bound = pair.Value;
        if (bound is not { Kind: TypedConstantKind.Primitive, Value: string path }) return null;

        var argument = AttributeArguments.FindArgument(syntax, -1, null, PropertyName);
        var location = LocationInfo.From(argument) ?? LocationInfo.From(syntax) ?? LocationInfo.From(declaration.Identifier.GetLocation());
        if (path.Trim().Length == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidArgument, location, PropertyName, "Network",
                "string naming a weights file among the AdditionalFiles", path.Length == 0 ? "it is empty" : "it is blank"));
            return null;
        }
        return new WeightsRequest(path, declaration.SyntaxTree.FilePath, location, networkName);
    }

    /// <summary>Reports members of the class, and inherited non-private ones, named like the embedded-weights member.</summary>
    public static void CheckCollisions(INamedTypeSymbol type, TypeDeclarationSyntax declaration, List<DiagnosticInfo> diagnostics)
    {
        foreach (var member in type.GetMembers(EmbeddedParametersName))
        {
            if (member.IsImplicitlyDeclared) continue;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EmbeddedMemberCollision,
                LocationInfo.From(member.Locations.FirstOrDefault()), $"The {Describe(member)} '{member.Name}'", EmbeddedParametersName));
        }
        for (var baseType = type.BaseType; baseType is not null && baseType.SpecialType != SpecialType.System_Object; baseType = baseType.BaseType)
        {
            foreach (var member in baseType.GetMembers(EmbeddedParametersName))
            {
                if (member.IsImplicitlyDeclared || member.DeclaredAccessibility == Accessibility.Private) continue;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EmbeddedMemberCollision,
                    LocationInfo.From(declaration.Identifier.GetLocation()),
                    $"The {Describe(member)} '{member.Name}' inherited from '{baseType.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat)}'",
                    EmbeddedParametersName));
                return;
            }
        }
    }

    private static string Describe(ISymbol member) => member switch
    {
        IMethodSymbol => "method",
        IPropertySymbol => "property",
        IFieldSymbol { IsConst: true } => "constant",
        IFieldSymbol => "field",
        IEventSymbol => "event",
        INamedTypeSymbol => "nested type",
        _ => "member",
    };
}
