using System.ComponentModel;
using System;
using System.Runtime.CompilerServices;

namespace NetGen;

/// <summary>
/// Argument checks used by generated networks. Messages name the parameter, the expected and the actual
/// length; nothing is formatted (or allocated) unless a check fails.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Guard
{
    /// <summary>Returns m = length / featuresPerExample, or throws when length is not a positive multiple.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int BatchSize(int length, int featuresPerExample, string paramName)
    {
        if (length <= 0 || length % featuresPerExample != 0) ThrowNotMultiple(length, featuresPerExample, paramName);
        return length / featuresPerExample;
    }

    /// <summary>Throws unless <paramref name="actual"/> = <paramref name="examples"/> × <paramref name="perExample"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Batch(int actual, int examples, int perExample, string paramName)
    {
        if (actual != examples * perExample) ThrowBatch(actual, examples, perExample, paramName);
    }

    /// <summary>Throws unless <paramref name="actual"/> equals <paramref name="expected"/>; <paramref name="what"/> describes the expected length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Length(int actual, int expected, string paramName, string what)
    {
        if (actual != expected) ThrowLength(actual, expected, paramName, what);
    }

    /// <summary>
    /// Checks a classifier's loss weights: empty (unweighted) or exactly <paramref name="outputs"/> values, each zero or
    /// positive and finite, at least one positive.
    /// </summary>
    public static void ClassWeights(ReadOnlySpan<float> weights, int outputs, string paramName) =>
        LossWeights(weights, outputs, paramName, requirePositive: true);

    /// <summary>
    /// Checks a binary classifier's positive weights (PyTorch's <c>pos_weight</c>): empty or exactly
    /// <paramref name="outputs"/> values, each zero or positive and finite (all zero is allowed: the negative terms remain).
    /// </summary>
    public static void PositiveWeights(ReadOnlySpan<float> weights, int outputs, string paramName) =>
        LossWeights(weights, outputs, paramName, requirePositive: false);

    private static void LossWeights(ReadOnlySpan<float> weights, int outputs, string paramName, bool requirePositive)
    {
        if (weights.IsEmpty) return;
        if (weights.Length != outputs)
            throw new ArgumentException($"Expected {outputs} weights (one per output, OutputSize) but got {weights.Length}.", paramName);
        bool positive = false;
        for (int k = 0; k < weights.Length; k++)
        {
            float w = weights[k];
            if (!(w >= 0f) || float.IsInfinity(w))
                throw new ArgumentOutOfRangeException(paramName, w, $"Weight {k} is {w}; a class weight must be zero or positive and finite.");
            positive |= w > 0f;
        }
        if (requirePositive && !positive) throw new ArgumentException("Every class weight is zero, so the loss would be zero; at least one must be positive.", paramName);
    }

    /// <summary>Returns <paramref name="cache"/> as the network's own cache type, or throws saying which type it is instead.</summary>
    public static TCache Cache<TCache>(INetworkCache cache, string paramName) where TCache : class, INetworkCache
    {
        ArgumentNullException.ThrowIfNull(cache, paramName);
        return cache as TCache ?? throw new ArgumentException(
            $"Expected a {typeof(TCache).FullName} (from CreateCache of the same network type) but the cache is a {cache.GetType().FullName}.", paramName);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNotMultiple(int length, int n, string paramName) =>
        throw new ArgumentException(
            $"Expected a positive multiple of {n} floats (m examples × {n} features) but the length is {length}.", paramName);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowBatch(int actual, int examples, int perExample, string paramName) =>
        throw new ArgumentException(
            $"Expected length {(long)examples * perExample} ({examples} examples × {perExample}) but the length is {actual}.", paramName);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowLength(int actual, int expected, string paramName, string what) =>
        throw new ArgumentException($"Expected length {expected} ({what}) but the length is {actual}.", paramName);
}
