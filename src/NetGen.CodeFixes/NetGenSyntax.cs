using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace NetGen.CodeFixes;

/// <summary>Finds NetGen's attributes on a declaration and builds the expressions the fixes write.</summary>
internal static class NetGenSyntax
{
    public const string NetworkAttribute = "NetGen.NetworkAttribute";
    public const string DenseAttribute = "NetGen.DenseAttribute";

    /// <summary>The attributes of <paramref name="declaration"/> whose type is <paramref name="metadataName"/>, in source order.</summary>
    public static List<AttributeSyntax> Attributes(TypeDeclarationSyntax declaration, SemanticModel model, string metadataName,
        CancellationToken cancellationToken)
    {
        var result = new List<AttributeSyntax>();
        foreach (var list in declaration.AttributeLists)
            foreach (var attribute in list.Attributes)
            {
                var type = model.GetTypeInfo(attribute, cancellationToken).Type
                    ?? (model.GetSymbolInfo(attribute, cancellationToken).Symbol ?? model.GetSymbolInfo(attribute, cancellationToken).CandidateSymbols.FirstOrDefault())?.ContainingType;
                if (type?.ToDisplayString() == metadataName) result.Add(attribute);
            }
        return result;
    }

    /// <summary>The argument for constructor parameter <paramref name="position"/> (positional or by name), or null.</summary>
    public static AttributeArgumentSyntax? Positional(AttributeSyntax attribute, int position, string parameter)
    {
        if (attribute.ArgumentList is null) return null;
        int index = 0;
        foreach (var argument in attribute.ArgumentList.Arguments)
        {
            if (argument.NameEquals is not null) continue;
            if (argument.NameColon is not null)
            {
                if (argument.NameColon.Name.Identifier.ValueText == parameter) return argument;
            }
            else if (index == position)
            {
                return argument;
            }
            index++;
        }
        return null;
    }

    /// <summary>The named property argument <c>Name = value</c>, or null.</summary>
    public static AttributeArgumentSyntax? Named(AttributeSyntax attribute, string property) =>
        attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == property);

    /// <summary>The constant int value of an argument, or null.</summary>
    public static int? IntValue(AttributeArgumentSyntax? argument, SemanticModel model, CancellationToken cancellationToken) =>
        argument is not null && model.GetConstantValue(argument.Expression, cancellationToken) is { HasValue: true, Value: int value } ? value : null;

    /// <summary><c>global::NetGen.{type}.{member}</c>, simplified to what the file's usings allow.</summary>
    public static ExpressionSyntax EnumMember(string type, string member) =>
        SyntaxFactory.ParseExpression($"global::NetGen.{type}.{member}").WithAdditionalAnnotations(Simplifier.Annotation);

    /// <summary>Adds a positional-position argument: before the first named property argument (which must come last).</summary>
    public static AttributeSyntax InsertBeforeNamed(AttributeSyntax attribute, AttributeArgumentSyntax argument)
    {
        var list = attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
        int index = 0;
        while (index < list.Arguments.Count && list.Arguments[index].NameEquals is null) index++;
        var updated = list.WithArguments(list.Arguments.Insert(index, argument)).WithAdditionalAnnotations(Formatter.Annotation);
        return attribute.WithArgumentList(updated);
    }
}
