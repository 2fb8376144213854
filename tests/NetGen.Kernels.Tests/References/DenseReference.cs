using System;

namespace NetGen.Kernels;

/// <summary>
/// Plain scalar loops for each kernel in <see cref="Dense"/>, written to be checked against the
/// equations by eye. The optimised kernels are tested against these.
/// </summary>
public static class DenseReference
{
    /// <summary>z[i, j] = b[j] + Σ_k x[i, k]·w[j, k]. Shapes: x m×nIn, w nOut×nIn, b nOut, z m×nOut.</summary>
    public static void Affine(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> z, int m, int nIn, int nOut)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < nOut; j++)
            {
                float s = b[j];
                for (int k = 0; k < nIn; k++) s += x[i * nIn + k] * w[j * nIn + k];
                z[i * nOut + j] = s;
            }
    }

    /// <summary>dw[j, k] = Σ_i dz[i, j]·x[i, k]; db[j] = Σ_i dz[i, j].</summary>
    public static void BackwardWeights(ReadOnlySpan<float> dz, ReadOnlySpan<float> x, Span<float> dw, Span<float> db, int m, int nIn, int nOut)
    {
        for (int j = 0; j < nOut; j++)
        {
            float sb = 0;
            for (int i = 0; i < m; i++) sb += dz[i * nOut + j];
            db[j] = sb;
            for (int k = 0; k < nIn; k++)
            {
                float s = 0;
                for (int i = 0; i < m; i++) s += dz[i * nOut + j] * x[i * nIn + k];
                dw[j * nIn + k] = s;
            }
        }
    }

    /// <summary>dzPrev[i, k] = (Σ_j dz[i, j]·w[j, k]) · g′(zPrev[i, k]).</summary>
    public static void BackwardInput<TActPrev>(ReadOnlySpan<float> dz, ReadOnlySpan<float> w, ReadOnlySpan<float> zPrev, Span<float> dzPrev, int m, int nIn, int nOut)
        where TActPrev : struct, IActivation
    {
        for (int i = 0; i < m; i++)
            for (int k = 0; k < nIn; k++)
            {
                float s = 0;
                for (int j = 0; j < nOut; j++) s += dz[i * nOut + j] * w[j * nIn + k];
                dzPrev[i * nIn + k] = s * TActPrev.Derivative(zPrev[i * nIn + k]);
            }
    }

    /// <summary>a[k] = g(z[k]) one element at a time.</summary>
    public static void Activate<TAct>(ReadOnlySpan<float> z, Span<float> a) where TAct : struct, IActivation
    {
        for (int k = 0; k < z.Length; k++) a[k] = TAct.Apply(z[k]);
    }
}
