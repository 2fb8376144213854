using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace NetGen.Generator.Analyzers;

/// <summary>
/// The length of a float array or span argument when it is known at compile time: a collection expression without
/// spreads, an array creation with a constant size or an initializer, a stackalloc with a constant size or an
/// initializer, or a local initialised by one of these and never written again. Anything else is unknown (null).
/// </summary>
internal static class KnownLength
{
    /// <summary>How many locals initialised from locals are followed (float[] a = …; ReadOnlySpan&lt;float&gt; s = a;).</summary>
    private const int MaxDepth = 4;

    public static long? Of(IOperation? operation) => Of(operation, 0);

    private static long? Of(IOperation? operation, int depth)
    {
        operation = SkipLengthPreservingConversions(operation);
        switch (operation)
        {
            case null:
                return null;
            case IArrayCreationOperation { DimensionSizes.Length: 1 } array:
                if (array.Initializer is { } initializer) return initializer.ElementValues.Length;
                return AsLength(array.DimensionSizes[0].ConstantValue);
            case ICollectionExpressionOperation collection when IsFloatBuffer(collection.Type):
                return collection.Elements.Any(e => e is ISpreadOperation) ? null : collection.Elements.Length;
            case ILocalReferenceOperation local when depth < MaxDepth:
                return OfLocal(local, depth);
        }
        return OfStackAlloc(operation);
    }

    /// <summary>
    /// Array → span, span → read-only span and identity conversions keep the length; a conversion from any other
    /// type (a user-defined one, say) may not, so the length behind it is unknown.
    /// </summary>
    private static IOperation? SkipLengthPreservingConversions(IOperation? operation)
    {
        while (operation is IConversionOperation conversion && IsFloatBuffer(conversion.Type) && IsFloatBuffer(conversion.Operand.Type))
            operation = conversion.Operand;
        return operation;
    }

    /// <summary>float[] (one dimension), Span&lt;float&gt; or ReadOnlySpan&lt;float&gt;.</summary>
    internal static bool IsFloatBuffer(ITypeSymbol? type) => type switch
    {
        IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Single } => true,
        INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", Arity: 1, ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } named
            => named.TypeArguments[0].SpecialType == SpecialType.System_Single,
        _ => false,
    };

    /// <summary>stackalloc has no IOperation of its own in C#; read its size from the syntax and the semantic model.</summary>
    private static long? OfStackAlloc(IOperation? operation)
    {
        if (operation?.SemanticModel is not { } model) return null;
        var syntax = operation.Syntax;
        while (syntax is ParenthesizedExpressionSyntax parenthesized) syntax = parenthesized.Expression;
        switch (syntax)
        {
            case StackAllocArrayCreationExpressionSyntax { Initializer: { } initializer }:
                return initializer.Expressions.Count;
            case StackAllocArrayCreationExpressionSyntax { Type: ArrayTypeSyntax { RankSpecifiers.Count: 1 } arrayType }
                when arrayType.RankSpecifiers[0].Sizes is { Count: 1 } sizes && sizes[0] is not OmittedArraySizeExpressionSyntax:
                return sizes[0].SyntaxTree == model.SyntaxTree ? AsLength(model.GetConstantValue(sizes[0])) : null;
            case ImplicitStackAllocArrayCreationExpressionSyntax implicitStackAlloc:
                return implicitStackAlloc.Initializer.Expressions.Count;
        }
        return null;
    }

    private static long? OfLocal(ILocalReferenceOperation reference, int depth)
    {
        var local = reference.Local;
        if (local.IsRef || local.IsConst || !IsFloatBuffer(local.Type)) return null;

        // Every use of the local is inside the operation tree of the member that declares it.
        var root = (IOperation)reference;
        while (root.Parent is not null) root = root.Parent;

        IOperation? initializer = null;
        bool declared = false;
        foreach (var operation in root.Descendants())
        {
            if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
            {
                if (declared) return null;
                declared = true;
                initializer = declarator.Initializer?.Value
                    ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer?.Value;
            }
            else if (operation is ILocalReferenceOperation use && SymbolEqualityComparer.Default.Equals(use.Local, local) && IsWritten(use))
            {
                return null;
            }
        }
        return declared ? Of(initializer, depth + 1) : null;
    }

    /// <summary>Whether this use of a local can change which array or span the local holds.</summary>
    private static bool IsWritten(ILocalReferenceOperation use)
    {
        if (use.IsDeclaration) return false;
        var parent = use.Parent;
        switch (parent)
        {
            case IAssignmentOperation assignment when assignment.Target == use:
            case ISimpleAssignmentOperation { IsRef: true } refAssignment when refAssignment.Value == use:
            case IIncrementOrDecrementOperation:
            case IAddressOfOperation:
            case IConditionalOperation { IsRef: true }:
            case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out }:
                return true;
            case IVariableInitializerOperation initializer:
                // ref var alias = ref local;
                return initializer.Parent is IVariableDeclaratorOperation { Symbol.IsRef: true };
        }
        // (local, other) = …: the local sits in a tuple that is the target of a deconstruction.
        for (var node = parent; node is ITupleOperation; node = node.Parent)
            if (node.Parent is IDeconstructionAssignmentOperation deconstruction && deconstruction.Target == node) return true;
        return false;
    }

    private static long? AsLength(Optional<object?> constant)
    {
        if (!constant.HasValue) return null;
        try
        {
            long value = constant.Value switch
            {
                int i => i,
                long l => l,
                uint u => u,
                ulong ul when ul <= long.MaxValue => (long)ul,
                short s => s,
                ushort us => us,
                byte b => b,
                sbyte sb => sb,
                char c => c,
                _ => -1,
            };
            return value >= 0 ? value : null;
        }
        catch (Exception ex) when (ex is InvalidCastException or OverflowException)
        {
            return null;
        }
    }
}
