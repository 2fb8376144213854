using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Kernels;

/// <summary>
/// The compile-time shape of a pooling layer: input C × H × W, a window of KH × KW moved by the strides, no padding
/// (PyTorch's <c>MaxPool2d</c>/<c>AvgPool2d</c> defaults; output ⌊(H − KH) / stride⌋ + 1). A 1-D pooling over C × L is
/// the 2-D one with H = KH = 1 and stride 1 on the height axis.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IPooling
{
    /// <summary>C: channels (pooled independently).</summary>
    static abstract int Channels { get; }
    /// <summary>H: input height (1 for 1-D pooling).</summary>
    static abstract int Height { get; }
    /// <summary>W: input width (the length, for 1-D pooling).</summary>
    static abstract int Width { get; }
    /// <summary>KH: window height.</summary>
    static abstract int SizeHeight { get; }
    /// <summary>KW: window width.</summary>
    static abstract int SizeWidth { get; }
    /// <summary>Vertical stride.</summary>
    static abstract int StrideHeight { get; }
    /// <summary>Horizontal stride.</summary>
    static abstract int StrideWidth { get; }
}

/// <summary>
/// Max and average pooling, forward and backward, per channel. Max pooling's gradient goes to the window's maximum,
/// the first one in row-major order on ties, as PyTorch's CPU kernel (which also makes a NaN the maximum: the last NaN of the window); windows
/// that overlap (stride &lt; size) add their gradients. Average pooling divides by the window's KH·KW values.
/// Layouts: x m × (C·H·W), a m × (C·OH·OW). The backward passes fuse the previous layer's g′ (dZ = dA ⊙ g′(Z)).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Pooling
{
    /// <summary>Output height ⌊(H − KH) / stride⌋ + 1.</summary>
    public static int OutputHeight<TPool>() where TPool : struct, IPooling => (TPool.Height - TPool.SizeHeight) / TPool.StrideHeight + 1;

    /// <summary>Output width ⌊(W − KW) / stride⌋ + 1.</summary>
    public static int OutputWidth<TPool>() where TPool : struct, IPooling => (TPool.Width - TPool.SizeWidth) / TPool.StrideWidth + 1;

    /// <summary>a[c, oy, ox] = max of x[c, window].</summary>
    public static void MaxForward<TPool>(ReadOnlySpan<float> x, Span<float> a, int m) where TPool : struct, IPooling
    {
        int inSize = TPool.Channels * TPool.Height * TPool.Width, oh = OutputHeight<TPool>(), ow = OutputWidth<TPool>();
        int outSize = TPool.Channels * oh * ow;
        Check(m >= 0 && x.Length >= m * inSize && a.Length >= m * outSize);
        ref float x0 = ref MemoryMarshal.GetReference(x);
        ref float a0 = ref MemoryMarshal.GetReference(a);
        for (int i = 0; i < m; i++)
        {
            ref float xi = ref Unsafe.Add(ref x0, i * inSize);
            ref float ai = ref Unsafe.Add(ref a0, i * outSize);
            for (int c = 0, o = 0; c < TPool.Channels; c++)
                for (int oy = 0; oy < oh; oy++)
                {
                    int ox = 0;
                    if (PairWindows<TPool>() && ow >= 4)
                    {
                        for (; ox + 4 <= ow; ox += 4, o += 4)
                            MaxOf4Windows<TPool>(ref Unsafe.Add(ref xi, WindowStart<TPool>(c, oy, ox)), out _).StoreUnsafe(ref ai, (nuint)o);
                        // The last windows of a row as one more vector of 4 that overlaps the previous one (each
                        // window's maximum is written twice, the same value) instead of one by one.
                        if (ox < ow)
                        {
                            int back = ow - ox;
                            MaxOf4Windows<TPool>(ref Unsafe.Add(ref xi, WindowStart<TPool>(c, oy, ow - 4)), out _).StoreUnsafe(ref ai, (nuint)(o + back - 4));
                            o += back;
                            ox = ow;
                        }
                    }
                    for (; ox < ow; ox++, o++)
                        Unsafe.Add(ref ai, o) = Unsafe.Add(ref xi, ArgMax<TPool>(ref xi, c, oy, ox));
                }
        }
    }

    /// <summary>
    /// Whether 4 neighbouring windows go through vectors: windows 2 wide that neither overlap nor leave gaps (size =
    /// stride on both axes, so every input value belongs to at most one window), with SSE or AdvSimd to split a row's
    /// even and odd columns. LeNet's 2 × 2 pools, and 1-D pools of 2.
    /// </summary>
    private static bool PairWindows<TPool>() where TPool : struct, IPooling =>
        TPool.SizeWidth == 2 && TPool.StrideWidth == 2 && TPool.SizeHeight == TPool.StrideHeight
        && (Sse.IsSupported || AdvSimd.Arm64.IsSupported);

    /// <summary>
    /// The maxima of the 4 windows side by side from <paramref name="x"/> (the first one's top-left value), and in
    /// <paramref name="which"/> the position in each window (row-major, as a float) of the value chosen by PyTorch's
    /// rule: candidates in row-major order, one taken when greater than the maximum so far or NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> MaxOf4Windows<TPool>(ref float x, out Vector128<float> which) where TPool : struct, IPooling
    {
        var (max, odd) = Columns(ref x);
        which = Vector128<float>.Zero;
        Take(odd, Vector128.Create(1f), ref max, ref which);
        for (int ky = 1; ky < TPool.SizeHeight; ky++)
        {
            var (even, odd2) = Columns(ref Unsafe.Add(ref x, ky * TPool.Width));
            Take(even, Vector128.Create(2f * ky), ref max, ref which);
            Take(odd2, Vector128.Create(2f * ky + 1), ref max, ref which);
        }
        return max;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Take(Vector128<float> v, Vector128<float> index, ref Vector128<float> max, ref Vector128<float> which)
    {
        var take = Vector128.GreaterThan(v, max) | ~Vector128.Equals(v, v);
        max = Vector128.ConditionalSelect(take, v, max);
        which = Vector128.ConditionalSelect(take, index, which);
    }

    /// <summary>x[0, 2, 4, 6] and x[1, 3, 5, 7]: the left and right columns of 4 windows 2 wide.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector128<float> Even, Vector128<float> Odd) Columns(ref float x)
    {
        var v0 = Vector128.LoadUnsafe(ref x);
        var v1 = Vector128.LoadUnsafe(ref x, 4);
        if (Sse.IsSupported) return (Sse.Shuffle(v0, v1, 0b10_00_10_00), Sse.Shuffle(v0, v1, 0b11_01_11_01));
        return (AdvSimd.Arm64.UnzipEven(v0, v1), AdvSimd.Arm64.UnzipOdd(v0, v1));
    }

    /// <summary>x[0..8] = even[0], odd[0], even[1], odd[1], …: the inverse of <see cref="Columns"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreColumns(Vector128<float> even, Vector128<float> odd, ref float x)
    {
        if (Sse.IsSupported)
        {
            Sse.UnpackLow(even, odd).StoreUnsafe(ref x);
            Sse.UnpackHigh(even, odd).StoreUnsafe(ref x, 4);
        }
        else
        {
            AdvSimd.Arm64.ZipLow(even, odd).StoreUnsafe(ref x);
            AdvSimd.Arm64.ZipHigh(even, odd).StoreUnsafe(ref x, 4);
        }
    }

    /// <summary>
    /// dZ_prev = (dA routed to each window's maximum in aPrev) ⊙ g′(Z_prev). aPrev is this layer's input (the cache's
    /// A[l−1]); zPrev is Z[l−1] (aPrev again when the previous layer has no activation).
    /// Shapes: da m × (C·OH·OW), aPrev, zPrev and dzPrev m × (C·H·W).
    /// </summary>
    public static void MaxBackward<TPool, TActPrev>(ReadOnlySpan<float> da, ReadOnlySpan<float> aPrev, ReadOnlySpan<float> zPrev, Span<float> dzPrev, int m)
        where TPool : struct, IPooling where TActPrev : struct, IActivation
    {
        int inSize = TPool.Channels * TPool.Height * TPool.Width, oh = OutputHeight<TPool>(), ow = OutputWidth<TPool>();
        int outSize = TPool.Channels * oh * ow;
        Check(m >= 0 && da.Length >= m * outSize && aPrev.Length >= m * inSize && zPrev.Length >= m * inSize && dzPrev.Length >= m * inSize);
        dzPrev.Slice(0, m * inSize).Clear();
        ref float x0 = ref MemoryMarshal.GetReference(aPrev);
        ref float da0 = ref MemoryMarshal.GetReference(da);
        ref float d0 = ref MemoryMarshal.GetReference(dzPrev);
        for (int i = 0; i < m; i++)
        {
            ref float xi = ref Unsafe.Add(ref x0, i * inSize);
            ref float dai = ref Unsafe.Add(ref da0, i * outSize);
            ref float di = ref Unsafe.Add(ref d0, i * inSize);
            for (int c = 0, o = 0; c < TPool.Channels; c++)
                for (int oy = 0; oy < oh; oy++)
                {
                    int ox = 0;
                    if (PairWindows<TPool>())
                        // The windows do not overlap, so each input gets dA or 0, written, not added.
                        for (; ox + 4 <= ow; ox += 4, o += 4)
                        {
                            int start = WindowStart<TPool>(c, oy, ox);
                            MaxOf4Windows<TPool>(ref Unsafe.Add(ref xi, start), out var which);
                            var g = Vector128.LoadUnsafe(ref dai, (nuint)o);
                            for (int ky = 0; ky < TPool.SizeHeight; ky++)
                                StoreColumns(Vector128.ConditionalSelect(Vector128.Equals(which, Vector128.Create(2f * ky)), g, Vector128<float>.Zero),
                                    Vector128.ConditionalSelect(Vector128.Equals(which, Vector128.Create(2f * ky + 1)), g, Vector128<float>.Zero),
                                    ref Unsafe.Add(ref di, start + ky * TPool.Width));
                        }
                    for (; ox < ow; ox++, o++)
                        Unsafe.Add(ref di, ArgMax<TPool>(ref xi, c, oy, ox)) += Unsafe.Add(ref dai, o);
                }
        }
        Elementwise.MultiplyByDerivative<TActPrev>(zPrev.Slice(0, m * inSize), dzPrev.Slice(0, m * inSize));
    }

    /// <summary>a[c, oy, ox] = mean of x[c, window] (KH·KW values).</summary>
    public static void AvgForward<TPool>(ReadOnlySpan<float> x, Span<float> a, int m) where TPool : struct, IPooling
    {
        int h = TPool.Height, w = TPool.Width, kh = TPool.SizeHeight, kw = TPool.SizeWidth;
        int inSize = TPool.Channels * h * w, oh = OutputHeight<TPool>(), ow = OutputWidth<TPool>();
        int outSize = TPool.Channels * oh * ow;
        Check(m >= 0 && x.Length >= m * inSize && a.Length >= m * outSize);
        float scale = 1f / (kh * kw);
        ref float x0 = ref MemoryMarshal.GetReference(x);
        ref float a0 = ref MemoryMarshal.GetReference(a);
        for (int i = 0; i < m; i++)
        {
            ref float xi = ref Unsafe.Add(ref x0, i * inSize);
            ref float ai = ref Unsafe.Add(ref a0, i * outSize);
            for (int c = 0, o = 0; c < TPool.Channels; c++)
                for (int oy = 0; oy < oh; oy++)
                {
                    int ox = 0;
                    if (PairWindows<TPool>() && ow >= 4)
                    {
                        for (; ox + 4 <= ow; ox += 4, o += 4)
                            MeanOf4Windows<TPool>(ref Unsafe.Add(ref xi, WindowStart<TPool>(c, oy, ox)), scale).StoreUnsafe(ref ai, (nuint)o);
                        // The last windows as one more vector overlapping the previous one (as in MaxForward).
                        if (ox < ow)
                        {
                            int back = ow - ox;
                            MeanOf4Windows<TPool>(ref Unsafe.Add(ref xi, WindowStart<TPool>(c, oy, ow - 4)), scale).StoreUnsafe(ref ai, (nuint)(o + back - 4));
                            o += back;
                            ox = ow;
                        }
                    }
                    for (; ox < ow; ox++, o++)
                    {
                        ref float start = ref Unsafe.Add(ref xi, WindowStart<TPool>(c, oy, ox));
                        float s = 0;
                        for (int ky = 0; ky < kh; ky++)
                            for (int kx = 0; kx < kw; kx++) s += Unsafe.Add(ref start, ky * w + kx);
                        Unsafe.Add(ref ai, o) = s * scale;
                    }
                }
        }
    }

    /// <summary>The means of the 4 windows side by side from <paramref name="x"/>, summed in the scalar loop's order (row by row, left then right) so both give the same bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> MeanOf4Windows<TPool>(ref float x, float scale) where TPool : struct, IPooling
    {
        var sum = Vector128<float>.Zero;
        for (int ky = 0; ky < TPool.SizeHeight; ky++)
        {
            var (even, odd) = Columns(ref Unsafe.Add(ref x, ky * TPool.Width));
            sum = sum + even + odd;
        }
        return sum * Vector128.Create(scale);
    }

    /// <summary>
    /// dZ_prev = (each dA spread evenly over its window) ⊙ g′(Z_prev). Shapes: da m × (C·OH·OW), zPrev and dzPrev
    /// m × (C·H·W).
    /// </summary>
    public static void AvgBackward<TPool, TActPrev>(ReadOnlySpan<float> da, ReadOnlySpan<float> zPrev, Span<float> dzPrev, int m)
        where TPool : struct, IPooling where TActPrev : struct, IActivation
    {
        int h = TPool.Height, w = TPool.Width, kh = TPool.SizeHeight, kw = TPool.SizeWidth;
        int inSize = TPool.Channels * h * w, oh = OutputHeight<TPool>(), ow = OutputWidth<TPool>();
        int outSize = TPool.Channels * oh * ow;
        Check(m >= 0 && da.Length >= m * outSize && zPrev.Length >= m * inSize && dzPrev.Length >= m * inSize);
        float scale = 1f / (kh * kw);
        dzPrev.Slice(0, m * inSize).Clear();
        ref float da0 = ref MemoryMarshal.GetReference(da);
        ref float d0 = ref MemoryMarshal.GetReference(dzPrev);
        for (int i = 0; i < m; i++)
        {
            ref float dai = ref Unsafe.Add(ref da0, i * outSize);
            ref float di = ref Unsafe.Add(ref d0, i * inSize);
            for (int c = 0, o = 0; c < TPool.Channels; c++)
                for (int oy = 0; oy < oh; oy++)
                {
                    int ox = 0;
                    if (PairWindows<TPool>())
                        for (; ox + 4 <= ow; ox += 4, o += 4)
                        {
                            ref float start = ref Unsafe.Add(ref di, WindowStart<TPool>(c, oy, ox));
                            var g = Vector128.LoadUnsafe(ref dai, (nuint)o) * Vector128.Create(scale);
                            for (int ky = 0; ky < kh; ky++) StoreColumns(g, g, ref Unsafe.Add(ref start, ky * w));
                        }
                    for (; ox < ow; ox++, o++)
                    {
                        ref float start = ref Unsafe.Add(ref di, WindowStart<TPool>(c, oy, ox));
                        float g = Unsafe.Add(ref dai, o) * scale;
                        for (int ky = 0; ky < kh; ky++)
                            for (int kx = 0; kx < kw; kx++) Unsafe.Add(ref start, ky * w + kx) += g;
                    }
                }
        }
        Elementwise.MultiplyByDerivative<TActPrev>(zPrev.Slice(0, m * inSize), dzPrev.Slice(0, m * inSize));
    }

    /// <summary>The index in one example's C × H × W of window (c, oy, ox)'s top-left value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WindowStart<TPool>(int c, int oy, int ox) where TPool : struct, IPooling =>
        (c * TPool.Height + oy * TPool.StrideHeight) * TPool.Width + ox * TPool.StrideWidth;

    /// <summary>The index in x (one example) of window (c, oy, ox)'s maximum: the first on ties; the last NaN if there is one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ArgMax<TPool>(ref float x, int c, int oy, int ox) where TPool : struct, IPooling
    {
        int w = TPool.Width, start = WindowStart<TPool>(c, oy, ox);
        int best = start;
        float max = Unsafe.Add(ref x, start);
        for (int ky = 0; ky < TPool.SizeHeight; ky++)
            for (int kx = 0; kx < TPool.SizeWidth; kx++)
            {
                int k = start + ky * w + kx;
                float v = Unsafe.Add(ref x, k);
                if (v > max || float.IsNaN(v)) { max = v; best = k; }   // PyTorch's test, so NaNs win (the last one)
            }
        return best;
    }

    private static void Check(bool ok)
    {
        if (!ok) ThrowShape();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowShape() => throw new ArgumentException("A pooling operand is shorter than its declared shape.");
}
