using System;

namespace NetGen.Kernels;

/// <summary>Row-wise softmax: a[i, k] = e^{z[i,k] − max_i} / Σ_j e^{z[i,j] − max_i}.</summary>
public static class Softmax
{
    /// <summary>Applies softmax to each of the m rows of n values. Shapes: z m×n, a m×n (may alias z).</summary>
    public static void Forward<TN>(ReadOnlySpan<float> z, Span<float> a, int m) where TN : struct, IDim
    {
        int n = TN.Value;
        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<float> zi = z.Slice(i * n, n);
            Span<float> ai = a.Slice(i * n, n);
            float max = float.NegativeInfinity;
            for (int k = 0; k < n; k++) max = MathF.Max(max, zi[k]);
            float sum = 0f;
            for (int k = 0; k < n; k++) { float e = MathF.Exp(zi[k] - max); ai[k] = e; sum += e; }
            float inv = 1f / sum;
            for (int k = 0; k < n; k++) ai[k] *= inv;
        }
    }
}
