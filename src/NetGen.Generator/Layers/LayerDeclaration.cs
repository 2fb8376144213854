using System.Collections.Generic;
using System.Globalization;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;

namespace NetGen.Generator.Layers;

/// <summary>
/// One layer attribute as written, read from its arguments (each invalid argument is already reported and read as null),
/// with the locations its diagnostics point at. Its shape rule, <see cref="Infer"/>, turns it into a
/// <see cref="LayerModel"/> once the shape it receives is known. Declarations live only while a network is parsed;
/// the model that comes out of them holds no syntax.
/// </summary>
internal abstract class LayerDeclaration(int number, AttributeArguments arguments)
{
    /// <summary>The layer's 1-based position among the network's layers.</summary>
    public int Number { get; } = number;

    /// <summary>The whole attribute, e.g. <c>Conv2D(6, 5, Activation.ReLU)</c>.</summary>
    public LocationInfo? AttributeLocation { get; } = arguments.AttributeLocation;

    /// <summary>"Dense", "Conv2D", …</summary>
    public abstract string Kind { get; }

    /// <summary>Whether the kind has a weight and a bias (and so the views W{l} and b{l}).</summary>
    public virtual bool HasParameters => false;

    /// <summary>The declared activation, when the kind has one and it is valid.</summary>
    public virtual ActivationKind? Activation => null;

    /// <summary>
    /// The activation the loss sees when this layer is the output: the declared one, Identity for a kind without
    /// (pooling); null when it is invalid, or for a kind that computes nothing ([Flatten]: the layer before it counts).
    /// </summary>
    public virtual ActivationKind? OutputActivation => Activation;

    /// <summary>Whether every argument of the attribute is valid on its own (the shapes aside).</summary>
    public abstract bool IsWellFormed { get; }

    /// <summary>Values per example this layer outputs when that follows from its own arguments (Dense: its units).</summary>
    public virtual int? OutputSize => null;

    /// <summary>Where a diagnostic about the activation goes: the argument, or the attribute when it is not written.</summary>
    public virtual LocationInfo? ActivationLocation => AttributeLocation;

    /// <summary>
    /// The shape rule: the layer given the shape it receives, or null when it cannot be built (each reason reported
    /// through <paramref name="context"/>; an argument already reported invalid yields null without a second report).
    /// </summary>
    public abstract LayerModel? Infer(TensorShape input, ShapeContext context);
}

/// <summary>What a shape rule knows about the layer's surroundings, and where it reports.</summary>
internal sealed class ShapeContext(List<DiagnosticInfo> diagnostics)
{
    public List<DiagnosticInfo> Diagnostics { get; } = diagnostics;

    /// <summary>The layer before the one being inferred; null for the first layer (it receives the network's input).</summary>
    public LayerModel? Previous { get; set; }

    public void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, LocationInfo? location, params object[] args) =>
        Diagnostics.Add(DiagnosticInfo.Create(descriptor, location, args));

    /// <summary>
    /// Where a layer's input comes from, for messages: "the network's 1×28×28 input", "the 6×14×14 output of layer 2"
    /// (with the layout named for a flat one: "the 120 values (flat) of layer 3").
    /// </summary>
    public string DescribeInput(TensorShape input) => Previous is null
        ? (input.IsFlat ? $"the network's {input} inputs (flat)" : $"the network's {input} input ({input.Layout})")
        : (input.IsFlat ? $"the {input} values (flat) of layer {N(Previous.Number)}" : $"the {input} output ({input.Layout}) of layer {N(Previous.Number)}");

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
