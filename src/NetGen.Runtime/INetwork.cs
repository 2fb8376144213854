using System;

namespace NetGen;

/// <summary>
/// What every generated network offers to shape-independent code (trainers, metrics, serialisation).
/// Generated classes implement it explicitly; their own members are the constant-shaped versions.
/// </summary>
public interface INetwork
{
    /// <summary>n[0], features per example.</summary>
    int InputSize { get; }
    /// <summary>n[L], outputs per example.</summary>
    int OutputSize { get; }
    /// <summary>Total number of weights and biases.</summary>
    int ParameterCount { get; }
    /// <summary>Number of layers with parameters (dense and convolution layers; pooling and flatten have none).</summary>
    int LayerCount { get; }
    /// <summary>All parameters: each parameterised layer's W then b, in order; W row-major (PyTorch's layout).</summary>
    Span<float> Parameters { get; }
    /// <summary>The shape of parameterised layer l (0-based, counting only layers with parameters).</summary>
    LayerShape GetLayerShape(int layer);
    /// <summary>Ŷ for a batch of m = inputs.Length / InputSize examples.</summary>
    void Forward(ReadOnlySpan<float> inputs, Span<float> outputs);
    /// <summary>Forward + backward for a batch; returns J and writes dJ/dParameters.</summary>
    float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradients);
    /// <summary>
    /// <see cref="ComputeGradients(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/> that also counts the examples
    /// whose predicted class (<see cref="Metrics.Class"/>) matches the target's, from the same forward pass (a trainer's
    /// training accuracy).
    /// </summary>
    float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradients, out int correct);
    /// <summary>The loss the network is trained with (a classifier's is binary or categorical cross-entropy).</summary>
    Loss Loss { get; }
    /// <summary>The cost J = 1/m Σ L(ŷ, y) of a batch, without gradients (not thread-safe: it uses the network's own cache).</summary>
    float Cost(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets);

    /// <summary>
    /// A work space for <see cref="ComputeGradients(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, INetworkCache)"/>
    /// on one thread, for batches of up to <paramref name="capacity"/> examples (a generated network returns its nested
    /// <c>Cache</c>). Hand-written implementations that do not override it cannot train on several threads.
    /// </summary>
    INetworkCache CreateCache(int capacity) =>
        throw new NotSupportedException($"{GetType().Name} does not create per-thread caches, so it trains on one thread only.");

    /// <summary>
    /// Forward + backward for a batch using <paramref name="cache"/> (from <see cref="CreateCache"/> of the same network
    /// type) instead of the network's own cache, so several threads can compute gradients of one network at once.
    /// </summary>
    float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradients, INetworkCache cache) =>
        throw new NotSupportedException($"{GetType().Name} does not compute gradients with per-thread caches.");
}

/// <summary>What a training forward pass keeps for back-propagation, for one thread (a generated network's <c>Cache</c>).</summary>
public interface INetworkCache
{
    /// <summary>The largest batch the cache holds.</summary>
    int Capacity { get; }
    /// <summary>Ŷ of the last pass on this cache: m × OutputSize values (m = that pass's batch size).</summary>
    ReadOnlySpan<float> Outputs { get; }
}

/// <summary>The kind of a layer with parameters, as <see cref="LayerShape.Kind"/> reports it.</summary>
public enum LayerKind
{
    /// <summary>A fully connected layer: W is units × inputs (PyTorch <c>nn.Linear.weight</c>).</summary>
    Dense = 0,
    /// <summary>A 1-D convolution: W is filters × channels × kernel (PyTorch <c>nn.Conv1d.weight</c>).</summary>
    Conv1D = 1,
    /// <summary>A 2-D convolution: W is filters × channels × kernel × kernel (PyTorch <c>nn.Conv2d.weight</c>).</summary>
    Conv2D = 2,
}

/// <summary>
/// Shape of one layer with parameters: W has <see cref="Units"/> rows of <see cref="Inputs"/> values (for a convolution,
/// one row per filter holding its channels × kernel weights), b has <see cref="Units"/> values.
/// </summary>
/// <param name="Units">n[l] of a dense layer; the filters of a convolution.</param>
/// <param name="Inputs">n[l−1] of a dense layer; channels × kernel (× kernel for 2-D) of a convolution.</param>
/// <param name="Activation">g[l].</param>
/// <param name="WeightOffset">Offset of W[l] in <see cref="INetwork.Parameters"/>.</param>
/// <param name="BiasOffset">Offset of b[l] in <see cref="INetwork.Parameters"/>.</param>
public readonly record struct LayerShape(int Units, int Inputs, Activation Activation, int WeightOffset, int BiasOffset)
{
    /// <summary>Dense (the default) or a convolution.</summary>
    public LayerKind Kind { get; init; }

    /// <summary>The negative slope of a LeakyReLU layer (0.01 unless declared otherwise); 0 for other activations.</summary>
    public float Slope { get; init; }

    /// <summary>The kernel size K of a convolution (square for 2-D); 0 for a dense layer.</summary>
    public int Kernel { get; init; }

    /// <summary>Output positions per filter and example (OH·OW, or the output length) of a convolution; 0 for a dense layer.</summary>
    public int Positions { get; init; }

    /// <summary>The stride of a convolution (1 unless declared); 0 for a dense layer.</summary>
    public int Stride { get; init; }

    /// <summary>The zero padding on each side of a convolution's input; 0 for a dense layer.</summary>
    public int Padding { get; init; }

    /// <summary>The input channels of a convolution (<see cref="Inputs"/> / K or / K²); <see cref="Inputs"/> for a dense layer.</summary>
    public int InputChannels => Kind switch
    {
        LayerKind.Conv2D when Kernel > 0 => Inputs / (Kernel * Kernel),
        LayerKind.Conv1D when Kernel > 0 => Inputs / Kernel,
        _ => Inputs,
    };

    /// <summary>The weight tensor's shape in PyTorch's layout: [units, inputs], [filters, channels, K] or [filters, channels, K, K].</summary>
    public long[] WeightShape() => Kind switch
    {
        LayerKind.Conv2D => [Units, InputChannels, Kernel, Kernel],
        LayerKind.Conv1D => [Units, InputChannels, Kernel],
        _ => [Units, Inputs],
    };

    /// <summary>Multiply-adds per example of the layer's forward pass: units × inputs, times the positions of a convolution.</summary>
    public long MultiplyAdds => (long)Units * Inputs * Math.Max(1, Positions);
}
