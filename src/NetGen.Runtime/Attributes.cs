using System;

namespace NetGen;

/// <summary>Activation function g applied after a dense layer's affine map.</summary>
public enum Activation
{
    /// <summary>g(z) = z.</summary>
    Identity = 0,
    /// <summary>g(z) = max(0, z).</summary>
    ReLU = 1,
    /// <summary>g(z) = z for z &gt; 0, 0.01·z otherwise.</summary>
    LeakyReLU = 2,
    /// <summary>g(z) = 1 / (1 + e^−z).</summary>
    Sigmoid = 3,
    /// <summary>g(z) = tanh(z).</summary>
    Tanh = 4,
    /// <summary>g(z)_k = e^{z_k} / Σ_j e^{z_j}; output layer only.</summary>
    Softmax = 5,
}

/// <summary>The cost a network is trained to minimise, averaged over the examples of a batch.</summary>
public enum Loss
{
    /// <summary>L = −Σ_k [y log a + (1−y) log(1−a)]; requires a Sigmoid output layer.</summary>
    BinaryCrossEntropy = 0,
    /// <summary>L = −Σ_k y log a; requires a Softmax output layer (targets one-hot or probabilities).</summary>
    CrossEntropy = 1,
    /// <summary>L = ½ Σ_k (a − y)².</summary>
    MeanSquaredError = 2,
}

/// <summary>
/// Declares a partial class as a NetGen network with <paramref name="inputs"/> input features.
/// Its layers are the <see cref="DenseAttribute"/>s on the same declaration, applied in the order written.
/// The NetGen source generator emits the network's forward and backward passes with constant shapes.
/// </summary>
/// <param name="inputs">Number of input features n[0] per example.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute(int inputs) : Attribute
{
    /// <summary>Number of input features n[0] per example.</summary>
    public int Inputs { get; } = inputs;

    /// <summary>The training loss; defaults to <see cref="NetGen.Loss.MeanSquaredError"/>.</summary>
    public Loss Loss { get; set; } = Loss.MeanSquaredError;

    /// <summary>
    /// Optional: a weights file to compile into the assembly, so the network needs no file at run time. The file is a
    /// <c>netgen-weights/1</c> JSON document (see docs/embedded-weights.md; <c>tools/NetGen.WeightsExport</c> converts a
    /// safetensors file) and must be an <c>AdditionalFiles</c> item of the project, e.g.
    /// <c>&lt;AdditionalFiles Include="xnor.weights.json" /&gt;</c>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The path is matched against the project's AdditionalFiles: first relative to the directory of the source file that
    /// declares the network, then as the trailing part of an AdditionalFiles path (so <c>"xnor.weights.json"</c> finds
    /// <c>Models/xnor.weights.json</c> when no other AdditionalFiles item has that name). Both <c>/</c> and <c>\</c> separate
    /// directories.
    /// </para>
    /// <para>
    /// At compile time the generator checks every tensor (<c>0.weight</c> [units, inputs], <c>0.bias</c> [units],
    /// <c>1.weight</c>, … by 0-based layer) against the declared layers and reports a missing, unreadable or malformed file,
    /// a missing, extra or wrongly shaped tensor and non-finite values as errors (NG0030–NG0039). The generated class then
    /// has a static <c>EmbeddedParameters</c> span (the values, laid out like <c>Parameters</c>, in the assembly's read-only
    /// data) and its parameterless constructor starts from them; <c>T(int seed)</c> still initialises randomly.
    /// </para>
    /// </remarks>
    public string? Weights { get; set; }
}

/// <summary>A fully connected layer: Z = W·A_prev + b, A = g(Z).</summary>
/// <param name="units">Number of output units n[l] of the layer.</param>
/// <param name="activation">The activation g applied to Z.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DenseAttribute(int units, Activation activation = Activation.Identity) : Attribute
{
    /// <summary>Number of output units n[l].</summary>
    public int Units { get; } = units;

    /// <summary>The activation function g[l].</summary>
    public Activation Activation { get; } = activation;

    /// <summary>
    /// Optional: the number of inputs this layer expects (n[l−1]). When set, the generator checks it
    /// against the previous layer's units (or the network's inputs) and reports a compile-time error on mismatch.
    /// </summary>
    public int Inputs { get; set; }
}
