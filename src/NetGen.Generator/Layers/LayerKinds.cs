using System;
using System.Collections.Immutable;
using NetGen.Generator.Layers.Convolution;
using NetGen.Generator.Layers.Dense;
using NetGen.Generator.Layers.Flatten;
using NetGen.Generator.Layers.Pooling;
using NetGen.Generator.Parsing;

namespace NetGen.Generator.Layers;

/// <summary>A layer attribute the generator understands: its metadata name and the rule that reads it.</summary>
/// <param name="AttributeName">Metadata name, e.g. <c>NetGen.Conv2DAttribute</c>.</param>
/// <param name="Name">The name users write, e.g. <c>Conv2D</c>.</param>
/// <param name="Read">Reads the attribute at 1-based position <c>number</c> into a declaration (reporting bad arguments).</param>
internal sealed record LayerKind(string AttributeName, string Name, Func<int, AttributeArguments, LayerDeclaration> Read);

/// <summary>
/// Every layer kind, in one list: parsing looks attributes up here, the orphan check watches each, and a new kind is one
/// line here plus its folder (model record, declaration with its shape rule, emitter).
/// </summary>
internal static class LayerKinds
{
    public static readonly ImmutableArray<LayerKind> All = ImmutableArray.Create(
        new LayerKind(KnownNames.DenseAttribute, "Dense", (n, a) => new DenseDeclaration(n, a)),
        new LayerKind(KnownNames.Conv2DAttribute, "Conv2D", (n, a) => new ConvolutionDeclaration(n, a, twoDimensional: true)),
        new LayerKind(KnownNames.Conv1DAttribute, "Conv1D", (n, a) => new ConvolutionDeclaration(n, a, twoDimensional: false)),
        new LayerKind(KnownNames.MaxPool2DAttribute, "MaxPool2D", (n, a) => new PoolingDeclaration(n, a, PoolingOperation.Max, twoDimensional: true)),
        new LayerKind(KnownNames.AvgPool2DAttribute, "AvgPool2D", (n, a) => new PoolingDeclaration(n, a, PoolingOperation.Average, twoDimensional: true)),
        new LayerKind(KnownNames.MaxPool1DAttribute, "MaxPool1D", (n, a) => new PoolingDeclaration(n, a, PoolingOperation.Max, twoDimensional: false)),
        new LayerKind(KnownNames.AvgPool1DAttribute, "AvgPool1D", (n, a) => new PoolingDeclaration(n, a, PoolingOperation.Average, twoDimensional: false)),
        new LayerKind(KnownNames.FlattenAttribute, "Flatten", (n, a) => new FlattenDeclaration(n, a)));

    public static LayerKind? Find(string? attributeName)
    {
        if (attributeName is null) return null;
        foreach (var kind in All)
            if (kind.AttributeName == attributeName) return kind;
        return null;
    }
}
