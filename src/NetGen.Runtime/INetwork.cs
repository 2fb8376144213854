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
    /// <summary>Number of dense layers L.</summary>
    int LayerCount { get; }
    /// <summary>All parameters: W1, b1, …, WL, bL; W[l] row-major n[l] × n[l−1].</summary>
    Span<float> Parameters { get; }
    /// <summary>The shape of layer l (0-based): n[l+1] units, n[l] inputs.</summary>
    LayerShape GetLayerShape(int layer);
    /// <summary>Ŷ for a batch of m = inputs.Length / InputSize examples.</summary>
    void Forward(ReadOnlySpan<float> inputs, Span<float> outputs);
    /// <summary>Forward + backward for a batch; returns J and writes dJ/dParameters.</summary>
    float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradients);

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
}

/// <summary>Shape of one dense layer: W is <see cref="Units"/> × <see cref="Inputs"/>, b has <see cref="Units"/> values.</summary>
/// <param name="Units">n[l].</param>
/// <param name="Inputs">n[l−1].</param>
/// <param name="Activation">g[l].</param>
/// <param name="WeightOffset">Offset of W[l] in <see cref="INetwork.Parameters"/>.</param>
/// <param name="BiasOffset">Offset of b[l] in <see cref="INetwork.Parameters"/>.</param>
public readonly record struct LayerShape(int Units, int Inputs, Activation Activation, int WeightOffset, int BiasOffset);
