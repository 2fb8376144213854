using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NetGen.Kernels;

namespace NetGen;

/// <summary>
/// Clipping by global norm, as PyTorch's <c>clip_grad_norm_</c>: with ‖g‖ = √Σ g² over every parameter's gradient,
/// g ← g · c where c = max / (‖g‖ + 10⁻⁶), when c &lt; 1. The sum of squares is accumulated a vector at a time in float
/// and added to a double every 1 024 values, so it stays accurate for millions of parameters.
/// </summary>
internal static class GradientClipping
{
    private const int Block = 1024;

    /// <summary>Scales <paramref name="gradients"/> to the norm <paramref name="maxNorm"/> if they exceed it; returns ‖g‖ before clipping.</summary>
    public static float Clip(Span<float> gradients, float maxNorm)
    {
        double norm = Math.Sqrt(SumOfSquares(gradients));
        double coefficient = maxNorm / (norm + 1e-6);
        if (coefficient < 1) Scale(gradients, (float)coefficient);
        return (float)norm;
    }

    /// <summary>Σ g².</summary>
    public static double SumOfSquares(ReadOnlySpan<float> values)
    {
        ref float v0 = ref MemoryMarshal.GetReference(values);
        double total = 0;
        for (int first = 0; first < values.Length; first += Block)
        {
            int count = Math.Min(Block, values.Length - first);
            ref float v = ref Unsafe.Add(ref v0, first);
            double block = Vector256.IsHardwareAccelerated ? SumOfSquares<Vector256<float>, Width256>(ref v, count)
                : Vector128.IsHardwareAccelerated ? SumOfSquares<Vector128<float>, Width128>(ref v, count)
                : SumOfSquaresScalar(ref v, 0, count);
            // Squares above 3.4·10³⁸ overflow the float lanes (a gradient beyond 1.8·10¹⁹: the exploding gradients
            // clipping is for); such a block is summed again in double.
            total += double.IsFinite(block) ? block : SumOfSquaresScalar(ref v, 0, count);
        }
        return total;
    }

    private static double SumOfSquares<TV, TW>(ref float v, int count) where TV : struct where TW : struct, IVectorWidth<TV>
    {
        TV a = TW.Create(0f), b = TW.Create(0f);
        int k = 0, c = TW.Count;
        for (; k + 2 * c <= count; k += 2 * c)
        {
            var x = TW.Load(ref v, (nuint)k);
            var y = TW.Load(ref v, (nuint)(k + c));
            a = TW.MultiplyAdd(x, x, a);
            b = TW.MultiplyAdd(y, y, b);
        }
        return TW.Sum(TW.Add(a, b)) + SumOfSquaresScalar(ref v, k, count);
    }

    private static double SumOfSquaresScalar(ref float v, int first, int count)
    {
        double sum = 0;
        for (int k = first; k < count; k++)
        {
            double x = Unsafe.Add(ref v, k);
            sum += x * x;
        }
        return sum;
    }

    /// <summary>g ← c·g.</summary>
    private static void Scale(Span<float> values, float coefficient)
    {
        ref float v = ref MemoryMarshal.GetReference(values);
        int k = 0;
        if (Vector256.IsHardwareAccelerated)
            for (var c = Vector256.Create(coefficient); k + 8 <= values.Length; k += 8)
                Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref v, (nuint)k) * c, ref v, (nuint)k);
        else if (Vector128.IsHardwareAccelerated)
            for (var c = Vector128.Create(coefficient); k + 4 <= values.Length; k += 4)
                Vector128.StoreUnsafe(Vector128.LoadUnsafe(ref v, (nuint)k) * c, ref v, (nuint)k);
        for (; k < values.Length; k++) Unsafe.Add(ref v, k) *= coefficient;
    }
}
