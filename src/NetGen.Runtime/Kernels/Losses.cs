using System.ComponentModel;
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.Kernels;

/// <summary>
/// Cost J = 1/m Σ_i L(ŷ_i, y_i) and the start of back-propagation dZ[L], already scaled by 1/m
/// (so the layer kernels' dW = dZᵀ·A and db = Σ dZ carry the 1/m without another pass).
/// Every function reads the output layer's Z to compute logs stably; shapes: z, a, y, dz all m×n.
/// Costs are accumulated in double precision.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Losses
{
    /// <summary>
    /// Sigmoid output + binary cross-entropy, fused: dZ = (A − Y)/m.
    /// L = −[y log σ(z) + (1−y) log(1−σ(z))] = max(z, 0) − z·y + log(1 + e^−|z|), finite for any z.
    /// </summary>
    public static float SigmoidBinaryCrossEntropy<TN>(ReadOnlySpan<float> z, ReadOnlySpan<float> a, ReadOnlySpan<float> y, Span<float> dz, int m)
        where TN : struct, IDim
    {
        int count = m * TN.Value;
        Check(m, count, z, a, y, dz);
        float scale = 1f / m;
        ref float z0 = ref MemoryMarshal.GetReference(z), a0 = ref MemoryMarshal.GetReference(a);
        ref float y0 = ref MemoryMarshal.GetReference(y), dz0 = ref MemoryMarshal.GetReference(dz);
        if (Vector256.IsHardwareAccelerated) return (float)(SigmoidBinaryCrossEntropy<Vector256<float>, Width256>(ref z0, ref a0, ref y0, ref dz0, count, scale) / m);
        if (Vector128.IsHardwareAccelerated) return (float)(SigmoidBinaryCrossEntropy<Vector128<float>, Width128>(ref z0, ref a0, ref y0, ref dz0, count, scale) / m);
        double cost = 0;
        for (int k = 0; k < count; k++)
        {
            float zk = Unsafe.Add(ref z0, k), yk = Unsafe.Add(ref y0, k);
            cost += MathF.Max(zk, 0f) - zk * yk + MathF.Log(1f + MathF.Exp(-MathF.Abs(zk)));
            Unsafe.Add(ref dz0, k) = (Unsafe.Add(ref a0, k) - yk) * scale;
        }
        return (float)(cost / m);
    }

    /// <summary>Σ L over <paramref name="count"/> values, a vector at a time; the last count mod Count go through zero-padded lanes whose losses are masked off.</summary>
    private static double SigmoidBinaryCrossEntropy<TV, TW>(ref float z0, ref float a0, ref float y0, ref float dz0, int count, float scale)
        where TV : struct where TW : struct, IVectorWidth<TV>
    {
        var sum = Vector128<double>.Zero;
        var s = TW.Create(scale);
        int k = 0, c = TW.Count;
        for (; k + c <= count; k += c)
        {
            var zk = TW.Load(ref z0, (nuint)k);
            var yk = TW.Load(ref y0, (nuint)k);
            sum += TW.WidenSum(BinaryCrossEntropy<TV, TW>(zk, yk));
            TW.Store(TW.Multiply(TW.Subtract(TW.Load(ref a0, (nuint)k), yk), s), ref dz0, (nuint)k);
        }
        if (k < count)
        {
            int rest = count - k;
            var zk = TW.LoadPartial(ref Unsafe.Add(ref z0, k), rest);
            var yk = TW.LoadPartial(ref Unsafe.Add(ref y0, k), rest);
            sum += TW.WidenSum(TW.And(BinaryCrossEntropy<TV, TW>(zk, yk), TW.LowLanes(rest)));
            var dk = TW.Multiply(TW.Subtract(TW.LoadPartial(ref Unsafe.Add(ref a0, k), rest), yk), s);
            TW.StorePartial(dk, ref Unsafe.Add(ref dz0, k), rest);
        }
        return Vector128.Sum(sum);
    }

    /// <summary>
    /// The binary cross-entropy of a sigmoid output from its logit, lane-wise: max(z, 0) − z·y + log(1 + e^−|z|).
    /// e^−|z| ≤ 1, so nothing overflows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> BinaryCrossEntropy(Vector256<float> z, Vector256<float> y) => BinaryCrossEntropy<Vector256<float>, Width256>(z, y);

    /// <summary>The same at any width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV BinaryCrossEntropy<TV, TW>(TV z, TV y) where TV : struct where TW : struct, IVectorWidth<TV>
    {
        var softplus = VectorMath.Log1P<TV, TW>(VectorMath.Exp<TV, TW>(TW.Subtract(TW.Create(0f), TW.Abs(z))));
        return TW.Add(TW.Subtract(TW.Max(z, TW.Create(0f)), TW.Multiply(z, y)), softplus);
    }

    private static void Check(int m, int count, ReadOnlySpan<float> z, ReadOnlySpan<float> a, ReadOnlySpan<float> y, Span<float> dz)
    {
        if (m < 0 || z.Length < count || a.Length < count || y.Length < count || dz.Length < count)
            throw new ArgumentException("A loss operand is shorter than m × outputs.");
    }

    /// <summary>
    /// Softmax output + cross-entropy, fused: dZ = (A − Y)/m.
    /// L = −Σ_k y_k log softmax(z)_k = −Σ_k y_k (z_k − max − log Σ_j e^{z_j − max}), finite for any z.
    /// </summary>
    public static float SoftmaxCrossEntropy<TN>(ReadOnlySpan<float> z, ReadOnlySpan<float> a, ReadOnlySpan<float> y, Span<float> dz, int m)
        where TN : struct, IDim
    {
        int n = TN.Value;
        float scale = 1f / m;
        double cost = 0;
        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<float> zi = z.Slice(i * n, n), yi = y.Slice(i * n, n), ai = a.Slice(i * n, n);
            Span<float> dzi = dz.Slice(i * n, n);
            double logSum = ShiftedLogSumExp(zi, out float max);
            for (int k = 0; k < n; k++)
            {
                if (yi[k] != 0f) cost -= yi[k] * (zi[k] - max - logSum);
                dzi[k] = (ai[k] - yi[k]) * scale;
            }
        }
        return (float)(cost / m);
    }

    /// <summary>log Σ_k e^(z_k − max) of one example's logits, and their max (so log softmax(z)_k = z_k − max − the result).</summary>
    private static double ShiftedLogSumExp(ReadOnlySpan<float> z, out float max)
    {
        max = float.NegativeInfinity;
        for (int k = 0; k < z.Length; k++) max = MathF.Max(max, z[k]);
        double sum = 0;
        for (int k = 0; k < z.Length; k++) sum += Math.Exp(z[k] - max);
        return Math.Log(sum);
    }

    /// <summary>
    /// Softmax + cross-entropy with class weights w (Keras' <c>class_weight</c>; PyTorch's <c>weight</c> with targets given
    /// as probabilities), fused: L = −Σ_k w_k y_k log softmax(z)_k, J = 1/m Σ_i L_i, and
    /// dZ_k = (s·a_k − w_k y_k)/m with s = Σ_k w_k y_k (the weight of the example's class for a one-hot target).
    /// </summary>
    public static float WeightedSoftmaxCrossEntropy<TN>(ReadOnlySpan<float> z, ReadOnlySpan<float> a, ReadOnlySpan<float> y,
        ReadOnlySpan<float> weights, Span<float> dz, int m)
        where TN : struct, IDim
    {
        int n = TN.Value;
        Check(m, m * n, z, a, y, dz);
        if (weights.Length != n) throw new ArgumentException($"Expected {n} class weights but got {weights.Length}.", nameof(weights));
        float scale = 1f / m;
        double cost = 0;
        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<float> zi = z.Slice(i * n, n), yi = y.Slice(i * n, n), ai = a.Slice(i * n, n);
            Span<float> dzi = dz.Slice(i * n, n);
            double logSum = ShiftedLogSumExp(zi, out float max);
            float s = 0f;
            for (int k = 0; k < n; k++) s += weights[k] * yi[k];
            for (int k = 0; k < n; k++)
            {
                float wy = weights[k] * yi[k];
                if (wy != 0f) cost -= wy * (zi[k] - max - logSum);
                dzi[k] = (s * ai[k] - wy) * scale;
            }
        }
        return (float)(cost / m);
    }

    /// <summary>
    /// Sigmoid + binary cross-entropy with a weight p_k on the positive term of each output k (PyTorch's
    /// <c>pos_weight</c>), fused: L = −Σ_k [p y log σ(z) + (1 − y) log(1 − σ(z))]
    /// = Σ_k (1 − y)·z + (1 + (p − 1)·y)·softplus(−z), finite for any z, and
    /// dZ = ((1 + (p − 1)·y)·a − p·y)/m.
    /// </summary>
    public static float WeightedSigmoidBinaryCrossEntropy<TN>(ReadOnlySpan<float> z, ReadOnlySpan<float> a, ReadOnlySpan<float> y,
        ReadOnlySpan<float> positiveWeights, Span<float> dz, int m)
        where TN : struct, IDim
    {
        int n = TN.Value;
        Check(m, m * n, z, a, y, dz);
        if (positiveWeights.Length != n) throw new ArgumentException($"Expected {n} positive weights but got {positiveWeights.Length}.", nameof(positiveWeights));
        float scale = 1f / m;
        double cost = 0;
        for (int i = 0; i < m; i++)
        {
            for (int k = 0; k < n; k++)
            {
                int e = i * n + k;
                float zk = z[e], yk = y[e], p = positiveWeights[k];
                float l = 1f + (p - 1f) * yk;
                cost += (1f - yk) * zk + l * Softplus.Apply(-zk); // softplus(−z) = −log σ(z), without losing a small e^−|z|
                dz[e] = (l * a[e] - p * yk) * scale;
            }
        }
        return (float)(cost / m);
    }

    /// <summary>
    /// Mean squared error after an element-wise activation g: L = ½ Σ_k (a − y)²,
    /// dA = (A − Y)/m, dZ = dA ⊙ g′(Z).
    /// </summary>
    public static float MeanSquaredError<TN, TAct>(ReadOnlySpan<float> z, ReadOnlySpan<float> a, ReadOnlySpan<float> y, Span<float> dz, int m)
        where TN : struct, IDim where TAct : struct, IActivation
    {
        int count = m * TN.Value;
        Check(m, count, z, a, y, dz);
        float scale = 1f / m;
        ref float z0 = ref MemoryMarshal.GetReference(z), a0 = ref MemoryMarshal.GetReference(a);
        ref float y0 = ref MemoryMarshal.GetReference(y), dz0 = ref MemoryMarshal.GetReference(dz);
        if (Vector256.IsHardwareAccelerated) return (float)(MeanSquaredError<TAct, Vector256<float>, Width256>(ref z0, ref a0, ref y0, ref dz0, count, scale) / m);
        if (Vector128.IsHardwareAccelerated) return (float)(MeanSquaredError<TAct, Vector128<float>, Width128>(ref z0, ref a0, ref y0, ref dz0, count, scale) / m);
        double cost = 0;
        for (int k = 0; k < count; k++)
        {
            float d = Unsafe.Add(ref a0, k) - Unsafe.Add(ref y0, k);
            cost += 0.5 * d * d;
            Unsafe.Add(ref dz0, k) = d * scale * TAct.Derivative(Unsafe.Add(ref z0, k));
        }
        return (float)(cost / m);
    }

    /// <summary>Σ L over <paramref name="count"/> values, a vector at a time; padded lanes have a = y = 0, so they add nothing.</summary>
    private static double MeanSquaredError<TAct, TV, TW>(ref float z0, ref float a0, ref float y0, ref float dz0, int count, float scale)
        where TAct : struct, IActivation where TV : struct where TW : struct, IVectorWidth<TV>
    {
        var sum = Vector128<double>.Zero;
        var s = TW.Create(scale);
        int k = 0, c = TW.Count;
        for (; k + c <= count; k += c)
        {
            var d = TW.Subtract(TW.Load(ref a0, (nuint)k), TW.Load(ref y0, (nuint)k));
            sum += TW.WidenSum(TW.Multiply(d, d));
            TW.Store(TW.Multiply(TW.Multiply(d, s), TAct.Derivative<TV, TW>(TW.Load(ref z0, (nuint)k))), ref dz0, (nuint)k);
        }
        if (k < count)
        {
            int rest = count - k;
            var d = TW.Subtract(TW.LoadPartial(ref Unsafe.Add(ref a0, k), rest), TW.LoadPartial(ref Unsafe.Add(ref y0, k), rest));
            sum += TW.WidenSum(TW.Multiply(d, d));
            var dk = TW.Multiply(TW.Multiply(d, s), TAct.Derivative<TV, TW>(TW.LoadPartial(ref Unsafe.Add(ref z0, k), rest)));
            TW.StorePartial(dk, ref Unsafe.Add(ref dz0, k), rest);
        }
        return 0.5 * Vector128.Sum(sum);
    }

    /// <summary>
    /// Mean squared error after a softmax: dA = (A − Y)/m and, through the softmax Jacobian,
    /// dZ_k = a_k (dA_k − Σ_j dA_j a_j).
    /// </summary>
    public static float SoftmaxMeanSquaredError<TN>(ReadOnlySpan<float> z, ReadOnlySpan<float> a, ReadOnlySpan<float> y, Span<float> dz, int m)
        where TN : struct, IDim
    {
        int n = TN.Value;
        float scale = 1f / m;
        double cost = 0;
        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<float> yi = y.Slice(i * n, n), ai = a.Slice(i * n, n);
            Span<float> dzi = dz.Slice(i * n, n);
            float dot = 0f;
            for (int k = 0; k < n; k++)
            {
                float d = ai[k] - yi[k];
                cost += 0.5 * d * d;
                dot += d * scale * ai[k];
            }
            for (int k = 0; k < n; k++) dzi[k] = ai[k] * ((ai[k] - yi[k]) * scale - dot);
        }
        return (float)(cost / m);
    }
}
