using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.Kernels;

/// <summary>
/// Cost J = 1/m Σ_i L(ŷ_i, y_i) and the start of back-propagation dZ[L], already scaled by 1/m
/// (so the layer kernels' dW = dZᵀ·A and db = Σ dZ carry the seeds' 1/m without another pass).
/// Every function reads the output layer's Z to compute logs stably; shapes: z, a, y, dz all m×n.
/// Costs are accumulated in double precision.
/// </summary>
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
        double cost = 0;
        int k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // Eight examples per step; the last count − k < 8 go through zero-padded lanes whose losses are masked off.
            var sum = Vector256<double>.Zero;
            var s = Vector256.Create(scale);
            for (; k + 8 <= count; k += 8)
            {
                var zk = Vector256.LoadUnsafe(ref z0, (nuint)k);
                var yk = Vector256.LoadUnsafe(ref y0, (nuint)k);
                sum += Widen(BinaryCrossEntropy(zk, yk));
                ((Vector256.LoadUnsafe(ref a0, (nuint)k) - yk) * s).StoreUnsafe(ref dz0, (nuint)k);
            }
            if (k < count)
            {
                int rest = count - k;
                var zk = PartialVector.Load(ref z0, k, rest);
                var yk = PartialVector.Load(ref y0, k, rest);
                sum += Widen(BinaryCrossEntropy(zk, yk) & PartialVector.Mask(rest));
                var dk = (PartialVector.Load(ref a0, k, rest) - yk) * s;
                PartialVector.Store(dk, ref dz0, k, rest);
            }
            cost = Vector256.Sum(sum);
            return (float)(cost / m);
        }
        for (; k < count; k++)
        {
            float zk = Unsafe.Add(ref z0, k), yk = Unsafe.Add(ref y0, k);
            cost += MathF.Max(zk, 0f) - zk * yk + MathF.Log(1f + MathF.Exp(-MathF.Abs(zk)));
            Unsafe.Add(ref dz0, k) = (Unsafe.Add(ref a0, k) - yk) * scale;
        }
        return (float)(cost / m);
    }

    /// <summary>
    /// The binary cross-entropy of a sigmoid output from its logit, lane-wise: max(z, 0) − z·y + log(1 + e^−|z|).
    /// e^−|z| ≤ 1, so nothing overflows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> BinaryCrossEntropy(Vector256<float> z, Vector256<float> y) =>
        Vector256.Max(z, Vector256<float>.Zero) - z * y + VectorMath.Log1P(VectorMath.Exp(-Vector256.Abs(z)));

    /// <summary>The 8 lanes as doubles, summed pairwise into 4, so long batches accumulate their cost in double precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Widen(Vector256<float> v)
    {
        var (lower, upper) = Vector256.Widen(v);
        return lower + upper;
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
            float max = float.NegativeInfinity;
            for (int k = 0; k < n; k++) max = MathF.Max(max, zi[k]);
            double sum = 0;
            for (int k = 0; k < n; k++) sum += Math.Exp(zi[k] - max);
            double logSum = Math.Log(sum);
            for (int k = 0; k < n; k++)
            {
                if (yi[k] != 0f) cost -= yi[k] * (zi[k] - max - logSum);
                dzi[k] = (ai[k] - yi[k]) * scale;
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
        double cost = 0;
        int k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // Padded lanes have a = y = 0, so they add nothing to the cost.
            var sum = Vector256<double>.Zero;
            var s = Vector256.Create(scale);
            for (; k + 8 <= count; k += 8)
            {
                var d = Vector256.LoadUnsafe(ref a0, (nuint)k) - Vector256.LoadUnsafe(ref y0, (nuint)k);
                sum += Widen(d * d);
                (d * s * TAct.Derivative(Vector256.LoadUnsafe(ref z0, (nuint)k))).StoreUnsafe(ref dz0, (nuint)k);
            }
            if (k < count)
            {
                int rest = count - k;
                var d = PartialVector.Load(ref a0, k, rest) - PartialVector.Load(ref y0, k, rest);
                sum += Widen(d * d);
                var dk = d * s * TAct.Derivative(PartialVector.Load(ref z0, k, rest));
                PartialVector.Store(dk, ref dz0, k, rest);
            }
            cost = 0.5 * Vector256.Sum(sum);
            return (float)(cost / m);
        }
        for (; k < count; k++)
        {
            float d = Unsafe.Add(ref a0, k) - Unsafe.Add(ref y0, k);
            cost += 0.5 * d * d;
            Unsafe.Add(ref dz0, k) = d * scale * TAct.Derivative(Unsafe.Add(ref z0, k));
        }
        return (float)(cost / m);
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
