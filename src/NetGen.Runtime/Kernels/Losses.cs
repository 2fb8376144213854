using System;

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
        float scale = 1f / m;
        double cost = 0;
        for (int k = 0; k < count; k++)
        {
            float zk = z[k], yk = y[k];
            cost += MathF.Max(zk, 0f) - zk * yk + MathF.Log(1f + MathF.Exp(-MathF.Abs(zk)));
            dz[k] = (a[k] - yk) * scale;
        }
        return (float)(cost / m);
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
        float scale = 1f / m;
        double cost = 0;
        for (int k = 0; k < count; k++)
        {
            float d = a[k] - y[k];
            cost += 0.5 * d * d;
            dz[k] = d * scale * TAct.Derivative(z[k]);
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
