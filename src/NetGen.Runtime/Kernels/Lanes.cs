using System.ComponentModel;
using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Kernels;

/// <summary>
/// Helpers for code that keeps one example per vector lane: the generator's fused training step for networks whose
/// layers are all written out (a 2-4-1 network has 4 units per example, too few to vectorise across, but eight
/// examples fill a <see cref="Vector256{T}"/>). Rows are example-major (m × n, row i at i·n), so lane e of feature k
/// of the block starting at example i is <c>row[(i + e)·n + k]</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Lanes
{
    /// <summary>Examples per block: the lanes of a <see cref="Vector256{T}"/> of floats.</summary>
    public const int Count = 8;

    /// <summary>
    /// Feature <paramref name="feature"/> of examples <paramref name="first"/> … first + count − 1 (count lanes; lanes
    /// from <paramref name="count"/> up are 0) of example-major rows of width <typeparamref name="TWidth"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The block reaches past the end of <paramref name="rows"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load<TWidth>(ReadOnlySpan<float> rows, int first, int count, int feature) where TWidth : struct, IDim
    {
        int n = TWidth.Value;
        // One check covers every read below: 0 ≤ first, count ≤ 8 and the block's last element lies inside rows.
        if (first < 0 || (uint)feature >= (uint)n || (uint)(count - 1) >= Count || (long)(first + count) * n > rows.Length)
            ThrowBlock(rows.Length, first, count, n);
        ref float r = ref Unsafe.Add(ref MemoryMarshal.GetReference(rows), first * n + feature);
        if (count == Count)
        {
            if (n == 1) return Vector256.LoadUnsafe(ref r);
            return Vector256.Create(r, Unsafe.Add(ref r, n), Unsafe.Add(ref r, 2 * n), Unsafe.Add(ref r, 3 * n),
                Unsafe.Add(ref r, 4 * n), Unsafe.Add(ref r, 5 * n), Unsafe.Add(ref r, 6 * n), Unsafe.Add(ref r, 7 * n));
        }
        // The last block of a batch: built lane by lane in registers (a stack buffer read back as one vector would stall
        // on store forwarding).
        return Vector256.Create(r, count > 1 ? Unsafe.Add(ref r, n) : 0f, count > 2 ? Unsafe.Add(ref r, 2 * n) : 0f,
            count > 3 ? Unsafe.Add(ref r, 3 * n) : 0f, count > 4 ? Unsafe.Add(ref r, 4 * n) : 0f,
            count > 5 ? Unsafe.Add(ref r, 5 * n) : 0f, count > 6 ? Unsafe.Add(ref r, 6 * n) : 0f, 0f);
    }

    /// <summary>All bits set in lanes 0 … count − 1, clear above: <c>v &amp; Mask(count)</c> zeroes the unused lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Mask(int count) =>
        Vector256.LessThan(Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7), Vector256.Create(count)).AsSingle();

    /// <summary>
    /// One step of a lane-wise arg-max (the first index on ties, as <see cref="Metrics.ArgMax"/>): where
    /// <paramref name="value"/> (output k) exceeds <paramref name="best"/>, it becomes the best and k its index.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ArgMaxStep(Vector256<float> value, int k, ref Vector256<float> best, ref Vector256<float> index)
    {
        var greater = Vector256.GreaterThan(value, best);
        best = Vector256.ConditionalSelect(greater, value, best);
        index = Vector256.ConditionalSelect(greater, Vector256.Create((float)k), index);
    }

    /// <summary>How many live lanes have equal predicted and target classes (the classes as arg-max indices).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int CountEqual(Vector256<float> predicted, Vector256<float> target, Vector256<float> live) =>
        BitOperations.PopCount(Vector256.ExtractMostSignificantBits(Vector256.Equals(predicted, target) & live));

    /// <summary>
    /// How many live lanes a one-output classifier gets right: the predicted class is 1 where a ≥ 0.5, the target's where
    /// y ≥ 0.5 (as <see cref="Metrics.Class"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int CountCorrectThresholded(Vector256<float> a, Vector256<float> y, Vector256<float> live)
    {
        var half = Vector256.Create(0.5f);
        var wrong = Vector256.GreaterThanOrEqual(a, half) ^ Vector256.GreaterThanOrEqual(y, half);
        return BitOperations.PopCount(Vector256.ExtractMostSignificantBits(Vector256.AndNot(live, wrong)));
    }

    /// <summary>The eight lanes widened to double and summed pairwise into four, for a cost accumulated in double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Widen(Vector256<float> v)
    {
        var (lower, upper) = Vector256.Widen(v);
        return lower + upper;
    }

    /// <summary>
    /// Writes Σ (the sum of the lanes) of the first <paramref name="count"/> (1 … 8) of v0 … v7 to
    /// destination[offset …]: one transposing reduction for up to eight accumulators (the lanes of the unused ones are
    /// ignored). Gradient sums are stored this way, eight parameters at a time in layout order.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The sums reach past the end of <paramref name="destination"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreSums(Span<float> destination, int offset, int count,
        Vector256<float> v0, Vector256<float> v1, Vector256<float> v2, Vector256<float> v3,
        Vector256<float> v4, Vector256<float> v5, Vector256<float> v6, Vector256<float> v7)
    {
        if (offset < 0 || (uint)(count - 1) >= Count || offset + count > destination.Length)
            throw new ArgumentOutOfRangeException(nameof(offset), $"Sums {offset} … {offset + count - 1} do not fit in {destination.Length} values.");
        ref float d = ref Unsafe.Add(ref MemoryMarshal.GetReference(destination), offset);
        Vector256<float> sums;
        if (Avx.IsSupported)
        {
            // Per 128-bit half: [Σ0 Σ1 Σ2 Σ3] of v0…v3 and [Σ4 … Σ7] of v4…v7 over that half's lanes; then the halves.
            var low = Avx.HorizontalAdd(Avx.HorizontalAdd(v0, v1), Avx.HorizontalAdd(v2, v3));
            var high = Avx.HorizontalAdd(Avx.HorizontalAdd(v4, v5), Avx.HorizontalAdd(v6, v7));
            sums = Avx.Permute2x128(low, high, 0x20) + Avx.Permute2x128(low, high, 0x31);
        }
        else
        {
            sums = Vector256.Create(Vector256.Sum(v0), Vector256.Sum(v1), Vector256.Sum(v2), Vector256.Sum(v3),
                Vector256.Sum(v4), Vector256.Sum(v5), Vector256.Sum(v6), Vector256.Sum(v7));
        }
        if (count == Count) sums.StoreUnsafe(ref d);
        else PartialVector.Store(sums, ref d, 0, count);
    }

    private static void ThrowBlock(int length, int first, int count, int width) =>
        throw new ArgumentOutOfRangeException(nameof(first),
            $"Examples {first} … {first + count - 1} of rows of {width} need {(long)(first + count) * width} values; the span has {length}.");
}
