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
    /// <summary>g(z) = z·Φ(z), Φ the standard normal distribution function (PyTorch's default, erf form of <c>nn.GELU</c>).</summary>
    GELU = 6,
    /// <summary>g(z) = z·σ(z) (SiLU, swish; PyTorch <c>nn.SiLU</c>).</summary>
    SiLU = 7,
    /// <summary>g(z) = z for z &gt; 0, e^z − 1 otherwise (α = 1; PyTorch <c>nn.ELU</c>).</summary>
    ELU = 8,
    /// <summary>g(z) = log(1 + e^z) (PyTorch <c>nn.Softplus</c> with β = 1).</summary>
    Softplus = 9,
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
/// Declares a partial class as a NetGen network. Its layers are the layer attributes (<see cref="DenseAttribute"/>,
/// <see cref="Conv2DAttribute"/>, <see cref="MaxPool2DAttribute"/>, <see cref="FlattenAttribute"/>, …) on the same
/// declaration, applied in the order written. The NetGen source generator emits the network's forward and backward
/// passes with constant shapes, and reports a shape that does not fit as a compile-time error.
/// </summary>
/// <remarks>
/// Each example is one contiguous block of <c>InputSize</c> floats; a shaped input is stored in PyTorch's per-example
/// order, channels outermost (C × L or C × H × W), so a batch is m such blocks (NCL / NCHW).
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
    /// <summary>A network whose examples are flat vectors of <paramref name="inputs"/> features (for Dense layers).</summary>
    /// <param name="inputs">Number of input features n[0] per example.</param>
    public NetworkAttribute(int inputs)
    {
        Inputs = inputs;
        Channels = inputs;
        Height = Width = 1;
    }

    /// <summary>A network whose examples are <paramref name="channels"/> × <paramref name="length"/> sequences (for Conv1D layers).</summary>
    /// <param name="channels">Channels C per position.</param>
    /// <param name="length">Positions L.</param>
    public NetworkAttribute(int channels, int length)
    {
        Channels = channels;
        Height = 1;
        Width = length;
        Inputs = channels * length;
    }

    /// <summary>A network whose examples are <paramref name="channels"/> × <paramref name="height"/> × <paramref name="width"/> images (for Conv2D layers).</summary>
    /// <param name="channels">Channels C.</param>
    /// <param name="height">Rows H.</param>
    /// <param name="width">Columns W.</param>
    public NetworkAttribute(int channels, int height, int width)
    {
        Channels = channels;
        Height = height;
        Width = width;
        Inputs = channels * height * width;
    }

    /// <summary>Number of input values per example: the flat size, C·L or C·H·W.</summary>
    public int Inputs { get; }

    /// <summary>Channels of a shaped input (the flat size for a flat input).</summary>
    public int Channels { get; }

    /// <summary>Rows of a 2-D input; 1 otherwise.</summary>
    public int Height { get; }

    /// <summary>Columns of a 2-D input, positions of a 1-D input; 1 for a flat input.</summary>
    public int Width { get; }

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

    /// <summary>
    /// The negative slope of <see cref="Activation.LeakyReLU"/> (PyTorch's <c>negative_slope</c>); 0.01 by default. Only
    /// for a LeakyReLU layer (setting it on another activation is a compile-time error), and finite.
    /// </summary>
    public float Slope { get; set; } = Kernels.LeakyReLU.Slope;
}

/// <summary>What <see cref="Conv2DAttribute"/> and <see cref="Conv1DAttribute"/> share: filters, kernel, activation, stride, padding.</summary>
/// <param name="filters">Number of output channels.</param>
/// <param name="kernel">Size of each filter along every spatial axis.</param>
/// <param name="activation">The activation g applied to Z.</param>
public abstract class ConvolutionAttribute(int filters, int kernel, Activation activation) : Attribute
{
    /// <summary>Number of output channels.</summary>
    public int Filters { get; } = filters;

    /// <summary>Size of each filter along every spatial axis.</summary>
    public int Kernel { get; } = kernel;

    /// <summary>The activation function g.</summary>
    public Activation Activation { get; } = activation;

    /// <summary>Step between neighbouring windows along every axis; 1 by default.</summary>
    public int Stride { get; set; } = 1;

    /// <summary>Zeros added on each side of the input along every axis; 0 by default.</summary>
    public int Padding { get; set; }

    /// <summary>
    /// The negative slope of <see cref="Activation.LeakyReLU"/> (PyTorch's <c>negative_slope</c>); 0.01 by default. Only
    /// for a LeakyReLU layer (setting it on another activation is a compile-time error), and finite.
    /// </summary>
    public float Slope { get; set; } = Kernels.LeakyReLU.Slope;
}

/// <summary>
/// A 2-D convolution over C × H × W inputs, as PyTorch's <c>nn.Conv2d</c> (a correlation, zero padding):
/// Z = W ⋆ A_prev + b with W of shape filters × C × kernel × kernel, A = g(Z), output
/// filters × ⌊(H + 2·padding − kernel) / stride⌋ + 1 × ⌊(W + 2·padding − kernel) / stride⌋ + 1.
/// </summary>
/// <param name="filters">Number of output channels.</param>
/// <param name="kernel">Height and width of each filter.</param>
/// <param name="activation">The activation g applied to Z.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class Conv2DAttribute(int filters, int kernel, Activation activation = Activation.Identity)
    : ConvolutionAttribute(filters, kernel, activation);

/// <summary>
/// A 1-D convolution over C × L inputs, as PyTorch's <c>nn.Conv1d</c>: W has shape filters × C × kernel, output
/// filters × ⌊(L + 2·padding − kernel) / stride⌋ + 1.
/// </summary>
/// <param name="filters">Number of output channels.</param>
/// <param name="kernel">Length of each filter.</param>
/// <param name="activation">The activation g applied to Z.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class Conv1DAttribute(int filters, int kernel, Activation activation = Activation.Identity)
    : ConvolutionAttribute(filters, kernel, activation);

/// <summary>What the pooling attributes share: the window size and the stride (= size unless set); no padding, floor.</summary>
/// <param name="size">Size of each window along every spatial axis.</param>
public abstract class PoolingAttribute(int size) : Attribute
{
    private int? _stride;

    /// <summary>Size of each window along every spatial axis.</summary>
    public int Size { get; } = size;

    /// <summary>Step between neighbouring windows; <see cref="Size"/> by default (windows that do not overlap).</summary>
    public int Stride { get => _stride ?? Size; set => _stride = value; }
}

/// <summary>2-D max pooling (PyTorch <c>nn.MaxPool2d</c>): the largest value of each size × size window, per channel.</summary>
/// <param name="size">Height and width of each window.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MaxPool2DAttribute(int size) : PoolingAttribute(size);

/// <summary>2-D average pooling (PyTorch <c>nn.AvgPool2d</c>): the mean of each size × size window, per channel.</summary>
/// <param name="size">Height and width of each window.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AvgPool2DAttribute(int size) : PoolingAttribute(size);

/// <summary>1-D max pooling (PyTorch <c>nn.MaxPool1d</c>): the largest value of each window of size positions, per channel.</summary>
/// <param name="size">Length of each window.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MaxPool1DAttribute(int size) : PoolingAttribute(size);

/// <summary>1-D average pooling (PyTorch <c>nn.AvgPool1d</c>): the mean of each window of size positions, per channel.</summary>
/// <param name="size">Length of each window.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AvgPool1DAttribute(int size) : PoolingAttribute(size);

/// <summary>
/// Turns a C × H × W (or C × L) activation into one vector of C·H·W values in that order (PyTorch <c>nn.Flatten</c>),
/// so a <see cref="DenseAttribute"/> can follow. It moves no data: the generated code reads the same buffer.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class FlattenAttribute : Attribute
{
}
