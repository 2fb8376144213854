using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.Kernels;

/// <summary>Row-wise softmax: a[i, k] = e^{z[i,k] − max_i} / Σ_j e^{z[i,j] − max_i}.</summary>
public static class Softmax
{
    /// <summary>Applies softmax to each of the m rows of n values. Shapes: z m×n, a m×n (may alias z).</summary>
    public static void Forward<TN>(ReadOnlySpan<float> z, Span<float> a, int m) where TN : struct, IDim
    {
        int n = TN.Value;
        if (z.Length < m * n || a.Length < m * n) throw new ArgumentException("A softmax operand is shorter than m × n.");
        for (int i = 0; i < m; i++)
            Row(ref Unsafe.Add(ref MemoryMarshal.GetReference(z), i * n), ref Unsafe.Add(ref MemoryMarshal.GetReference(a), i * n), n);
    }

    /// <summary>One row; the exponentials are computed 8 at a time where the row is wide enough.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Row(ref float z, ref float a, int n)
    {
        float max = float.NegativeInfinity;
        for (int k = 0; k < n; k++) max = MathF.Max(max, Unsafe.Add(ref z, k));
        float sum = 0f;
        int j = 0;
        if (Vector256.IsHardwareAccelerated && n >= 8)
        {
            var vmax = Vector256.Create(max);
            var vsum = Vector256<float>.Zero;
            for (; j + 8 <= n; j += 8)
            {
                var e = Vector256.Exp(Vector256.LoadUnsafe(ref z, (nuint)j) - vmax);
                e.StoreUnsafe(ref a, (nuint)j);
                vsum += e;
            }
            sum = Vector256.Sum(vsum);
        }
        for (; j < n; j++) { float e = MathF.Exp(Unsafe.Add(ref z, j) - max); Unsafe.Add(ref a, j) = e; sum += e; }
        float inv = 1f / sum;
        for (int k = 0; k < n; k++) Unsafe.Add(ref a, k) *= inv;
    }
}
