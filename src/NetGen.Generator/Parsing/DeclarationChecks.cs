using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>
/// Checks that a [Network] type can receive the generated members: its form (partial, not static, generic, a record,
/// file-local, …) and that none of its own or inherited members has the name of a generated one.
/// </summary>
internal static class DeclarationChecks
{
    public static void CheckForm(TypeDeclarationSyntax declaration, INamedTypeSymbol type, List<DiagnosticInfo> diagnostics)
    {
        string name = type.Name;
        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, Loc(declaration.Identifier), name));

        // Each unsupported form is reported on the token or clause that makes it so.
        if (declaration is RecordDeclarationSyntax record)
        {
            bool isStruct = record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword);
            Unsupported(declaration.Keyword, isStruct ? "a record struct" : "a record", "declare it as a 'partial class' instead");
        }
        else if (declaration is not ClassDeclarationSyntax)
        {
            Unsupported(declaration.Keyword, "a" + (declaration.Keyword.ValueText is "interface" ? "n " : " ") + declaration.Keyword.ValueText,
                "declare it as a 'partial class' instead");
        }
        foreach (var modifier in declaration.Modifiers)
        {
            if (modifier.IsKind(SyntaxKind.StaticKeyword))
                Unsupported(modifier, "static", "remove 'static': NetGen generates constructors and instance members");
            else if (modifier.IsKind(SyntaxKind.FileKeyword))
                Unsupported(modifier, "file-local", "remove 'file': the generated members are declared in another file");
        }
        if (declaration.TypeParameterList is { } typeParameters)
            Unsupported(typeParameters, "generic", "remove the type parameters: a network's shapes are fixed at compile time");
        if (declaration.ParameterList is { } parameters && declaration is not RecordDeclarationSyntax)
            Unsupported(parameters, "declared with a primary constructor", "remove the parameter list: NetGen generates the constructors");

        for (var parent = declaration.Parent as TypeDeclarationSyntax; parent is not null; parent = parent.Parent as TypeDeclarationSyntax)
        {
            if (!parent.Modifiers.Any(SyntaxKind.PartialKeyword))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ContainingTypeNotPartial, Loc(parent.Identifier), parent.Identifier.Text, name));
            foreach (var modifier in parent.Modifiers)
                if (modifier.IsKind(SyntaxKind.FileKeyword))
                    Unsupported(modifier, $"nested in the file-local type '{parent.Identifier.Text}'",
                        $"remove 'file' from '{parent.Identifier.Text}': the generated members are declared in another file");
        }

        void Unsupported(SyntaxNodeOrToken where, string form, string fix) =>
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedType, LocationInfo.From(where.GetLocation()), name, form, fix));
    }

    /// <summary>Reports user members, and the class name itself, that collide with generated members (layer l has views when <paramref name="hasViews"/>(l)).</summary>
    public static void CheckCollisions(INamedTypeSymbol type, TypeDeclarationSyntax declaration, System.Func<int, bool> hasViews, List<DiagnosticInfo> diagnostics,
        CancellationToken cancellationToken)
    {
        if (Names.IsGenerated(type.Name, hasViews))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberCollision, Loc(declaration.Identifier),
                $"The class name '{type.Name}'", type.Name));

        foreach (var member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member.IsImplicitlyDeclared) continue;
            string? generated = member switch
            {
                // A primary constructor is already NG0003.
                IMethodSymbol { MethodKind: MethodKind.Constructor, IsStatic: false } ctor =>
                    IsPrimaryConstructor(ctor, cancellationToken) ? null : CollidingConstructor(ctor, type.Name),
                IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor or MethodKind.Destructor } => null,
                IPropertySymbol { ExplicitInterfaceImplementations.Length: > 0 } property => CollidingExplicit(property.ExplicitInterfaceImplementations),
                IMethodSymbol { ExplicitInterfaceImplementations.Length: > 0 } => null,
                _ => Names.IsGenerated(member.Name, hasViews) ? member.Name : null,
            };
            if (generated is null) continue;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberCollision, LocationInfo.From(member.Locations.FirstOrDefault()),
                $"The {Describe(member)} '{Display(member, type.Name)}'", generated));
        }
    }

    /// <summary>One diagnostic per base class whose non-private members have generated names (they would be hidden).</summary>
    public static void CheckInheritedCollisions(INamedTypeSymbol type, TypeDeclarationSyntax declaration, System.Func<int, bool> hasViews,
        List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        for (var baseType = type.BaseType; baseType is not null && baseType.SpecialType != SpecialType.System_Object; baseType = baseType.BaseType)
        {
            var names = new SortedSet<string>(System.StringComparer.Ordinal);
            foreach (var member in baseType.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (member.IsImplicitlyDeclared || member.DeclaredAccessibility == Accessibility.Private) continue;
                if (member is IMethodSymbol { MethodKind: not MethodKind.Ordinary }) continue;
                if (Names.IsGenerated(member.Name, hasViews)) names.Add(member.Name);
            }
            if (names.Count == 0) continue;
            string list = string.Join(", ", names.Take(5).Select(n => "'" + n + "'")) + (names.Count > 5 ? $" and {names.Count - 5} more" : "");
            var location = BaseTypeLocation(type, type.BaseType!, cancellationToken) ?? Loc(declaration.Identifier);
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InheritedMemberCollision, location, type.Name, list,
                baseType.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat)));
            return; // one diagnostic: the fix (another base class) is the same for every level
        }
    }

    /// <summary>The base class as written in some declaration's base list (the base class is always listed first).</summary>
    private static LocationInfo? BaseTypeLocation(INamedTypeSymbol type, INamedTypeSymbol baseType, CancellationToken cancellationToken)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax { BaseList.Types: { Count: > 0 } types }) continue;
            var first = types[0].Type;
            string written = first switch
            {
                QualifiedNameSyntax q => q.Right.Identifier.ValueText,
                AliasQualifiedNameSyntax a => a.Name.Identifier.ValueText,
                SimpleNameSyntax s => s.Identifier.ValueText,
                _ => "",
            };
            if (written == baseType.Name) return LocationInfo.From(types[0]);
        }
        return null;
    }

    /// <summary>Whether <paramref name="name"/> is generated in a network whose layers 1 to <paramref name="layerCount"/> all have parameters.</summary>
    internal static bool IsGeneratedName(string name, int layerCount) => Names.IsGenerated(name, l => l <= layerCount);

    private static bool IsPrimaryConstructor(IMethodSymbol ctor, CancellationToken cancellationToken) =>
        ctor.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is TypeDeclarationSyntax);

    private static string? CollidingConstructor(IMethodSymbol ctor, string typeName)
    {
        if (ctor.Parameters.Length == 0) return typeName + "()";
        if (ctor.Parameters.Length == 1 && ctor.Parameters[0] is { RefKind: RefKind.None, IsParams: false } p
            && p.Type.SpecialType == SpecialType.System_Int32)
            return typeName + "(int seed)";
        return null;
    }

    private static string? CollidingExplicit(ImmutableArray<IPropertySymbol> implemented)
    {
        foreach (var property in implemented)
            if (property.ContainingType?.ToDisplayString() == "NetGen.INetwork" && Names.ExplicitlyImplemented.Contains(property.Name))
                return "NetGen.INetwork." + property.Name;
        return null;
    }

    private static string Describe(ISymbol member) => member switch
    {
        IMethodSymbol { MethodKind: MethodKind.Constructor } => "constructor",
        IMethodSymbol => "method",
        IPropertySymbol => "property",
        IFieldSymbol { IsConst: true } => "constant",
        IFieldSymbol => "field",
        IEventSymbol => "event",
        INamedTypeSymbol => "nested type",
        _ => "member",
    };

    private static string Display(ISymbol member, string typeName) => member is IMethodSymbol { MethodKind: MethodKind.Constructor } ctor
        ? typeName + "(" + string.Join(", ", ctor.Parameters.Select(p => p.Type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat))) + ")"
        : member.Name;

    private static LocationInfo? Loc(SyntaxToken token) => LocationInfo.From(token.GetLocation());
}
