using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.Kernels;

// dX by output rows: the fourth classic equation, dA_prev = Wᵀ ⋆ dZ, as a sum of shifted rows. For stride 1 along the
// width, output row oy's values dZ[f, oy, ·] (one vector per filter, lanes along the row, zeros past its end) reach input row oy·s + ky of
// channel c shifted by kx, weighted by W[f, c, ky, kx]: dX[c, oy·s + ky, kx + ·] += Σ_f W[f, c, ky, kx]·dZ[f, oy, ·].
// Each filter's row is loaded once per output row and kept in a register for all C·KH·KW taps; nothing is copied into
// patches and nothing is scattered back.
public static partial class Convolution
{
    /// <summary>
    /// Whether dX runs by output rows (<see cref="InputRows{TConv, TActPrev}"/>): stride 1 along the width (so a row of
    /// outputs reaches a contiguous run of inputs), on SIMD hardware. On Zen 5, LeNet's 6×14×14 → 16×10×10 at m = 64:
    /// 820 µs by im2row (37 GFLOP/s) against 430 µs (71); 1×28×28 → 6×28×28: 1 060 against 200 µs.
    /// </summary>
    private static bool RowsInput<TConv>() where TConv : struct, IConvolution =>
        TConv.StrideWidth == 1 && Vector128.IsHardwareAccelerated;

    /// <summary>The width whose vectors an output row fills best: 512 bits for rows over 8, 256 for rows over 4, else 128.</summary>
    private static void InputRows<TConv, TActPrev>(ReadOnlySpan<float> dz, ReadOnlySpan<float> w, ReadOnlySpan<float> zPrev, Span<float> dzPrev, int m)
        where TConv : struct, IConvolution where TActPrev : struct, IActivation
    {
        int ow = OutputWidth<TConv>();
        if (Vector512.IsHardwareAccelerated && ow > 8) InputRows<TConv, TActPrev, Vector512<float>, Width512>(dz, w, zPrev, dzPrev, m);
        else if (Vector256.IsHardwareAccelerated && ow > 4) InputRows<TConv, TActPrev, Vector256<float>, Width256>(dz, w, zPrev, dzPrev, m);
        else InputRows<TConv, TActPrev, Vector128<float>, Width128>(dz, w, zPrev, dzPrev, m);
    }

    /// <summary>
    /// Per example: a zero-bordered C × (H + 2·padding) × R accumulator (R long enough for every shifted vector), the
    /// sums of <see cref="InputRowsBlock{TConv, TFB, TV, TW}"/> for each output row, run of Count outputs and block of
    /// up to 8 filters, then its interior copied out and multiplied by g′(Z_prev).
    /// </summary>
    private static void InputRows<TConv, TActPrev, TV, TW>(ReadOnlySpan<float> dz, ReadOnlySpan<float> w, ReadOnlySpan<float> zPrev, Span<float> dzPrev, int m)
        where TConv : struct, IConvolution where TActPrev : struct, IActivation where TV : struct where TW : struct, IVectorWidth<TV>
    {
        int c = TConv.Channels, h = TConv.Height, wd = TConv.Width, f = TConv.Filters, kw = TConv.KernelWidth;
        int ph = TConv.PaddingHeight, pw = TConv.PaddingWidth, oh = OutputHeight<TConv>(), ow = OutputWidth<TConv>();
        int p = oh * ow, q = Patch<TConv>.Value, inSize = c * h * wd, outSize = f * p, n = TW.Count, runs = (ow + n - 1) / n;
        int rowLength = Math.Max(runs * n + kw - 1, wd + 2 * pw), plane = (h + 2 * ph) * rowLength, accLength = (c * plane + 15) & ~15;
        // dZ rows padded with zeros to whole vectors (f × oh rows of runs·n), so every row loads as whole vectors.
        int rowRun = runs * n, rowsLength = f * oh * rowRun;
        Span<float> scratch = Scratch(accLength + rowsLength + q * f);
        Span<float> acc = scratch.Slice(0, accLength), rowsBuffer = scratch.Slice(accLength, rowsLength), wt = scratch.Slice(accLength + rowsLength, q * f);
        Pack(w, wt, q, f, f);   // wt[tap·F + filter]: a tap's filters side by side
        rowsBuffer.Clear();
        ref float wt0 = ref MemoryMarshal.GetReference(wt);
        ref float dzi = ref MemoryMarshal.GetReference(rowsBuffer);
        for (int i = 0; i < m; i++)
        {
            acc.Clear();
            ReadOnlySpan<float> dzExample = dz.Slice(i * outSize, outSize);
            for (int row = 0; row < f * oh; row++) dzExample.Slice(row * ow, ow).CopyTo(rowsBuffer.Slice(row * rowRun, ow));
            for (int oy = 0; oy < oh; oy++)
                for (int run = 0; run < runs; run++)
                {
                    ref float target = ref Unsafe.Add(ref MemoryMarshal.GetReference(acc), oy * TConv.StrideHeight * rowLength + run * n);
                    for (int f0 = 0; f0 < f; f0 += 8)
                        InputRowsBlock<TConv, TV, TW>(Math.Min(8, f - f0), ref Unsafe.Add(ref dzi, (f0 * oh + oy) * rowRun + run * n),
                            ref Unsafe.Add(ref wt0, f0), ref target, rowLength, plane);
                }
            Span<float> di = dzPrev.Slice(i * inSize, inSize);
            for (int ch = 0; ch < c; ch++)
                for (int y = 0; y < h; y++)
                    acc.Slice(ch * plane + (y + ph) * rowLength + pw, wd).CopyTo(di.Slice((ch * h + y) * wd, wd));
            if (typeof(TActPrev) != typeof(Identity)) Elementwise.MultiplyByDerivative<TActPrev>(zPrev.Slice(i * inSize, inSize), di);
        }
    }

    /// <summary>One block of <paramref name="fb"/> (1..8) filters, dispatched to its register-allocated form.</summary>
    private static void InputRowsBlock<TConv, TV, TW>(int fb, ref float dz, ref float wt, ref float target, int rowLength, int plane)
        where TConv : struct, IConvolution where TV : struct where TW : struct, IVectorWidth<TV>
    {
        switch (fb)
        {
            case 1: InputRowsBlock<TConv, B1, TV, TW>(ref dz, ref wt, ref target, rowLength, plane); break;
            case 2: InputRowsBlock<TConv, B2, TV, TW>(ref dz, ref wt, ref target, rowLength, plane); break;
            case 3: InputRowsBlock<TConv, B3, TV, TW>(ref dz, ref wt, ref target, rowLength, plane); break;
            case 4: InputRowsBlock<TConv, B4, TV, TW>(ref dz, ref wt, ref target, rowLength, plane); break;
            case 5: InputRowsBlock<TConv, B5, TV, TW>(ref dz, ref wt, ref target, rowLength, plane); break;
            case 6: InputRowsBlock<TConv, B6, TV, TW>(ref dz, ref wt, ref target, rowLength, plane); break;
            case 7: InputRowsBlock<TConv, B7, TV, TW>(ref dz, ref wt, ref target, rowLength, plane); break;
            case 8: InputRowsBlock<TConv, B8, TV, TW>(ref dz, ref wt, ref target, rowLength, plane); break;
        }
    }

    /// <summary>
    /// For filters f0..f0+FB (dz at filter f0's padded output row, the next filter's OH rows further; wt at tap 0's filter f0) and one run of output lanes: for
    /// each kernel column, four input rows (c, ky) at a time, the sum Σ_f W[f, c, ky, kx]·dZ[f, oy, ·] added to the
    /// accumulator row at column kx. Kernel columns are outermost so that the overlapping runs a row receives are far
    /// apart in time (a load right after an overlapping store would wait for it).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void InputRowsBlock<TConv, TFB, TV, TW>(ref float dz, ref float wt, ref float target, int rowLength, int plane)
        where TConv : struct, IConvolution where TFB : struct, IDim where TV : struct where TW : struct, IVectorWidth<TV>
    {
        int fb = TFB.Value, f = TConv.Filters, kh = TConv.KernelHeight, kw = TConv.KernelWidth;
        int filterStride = (OutputWidth<TConv>() + TW.Count - 1) / TW.Count * TW.Count * OutputHeight<TConv>();   // one filter's padded rows
        int rows = TConv.Channels * kh;
        TV d0 = TW.Load(ref dz, 0 * (nuint)filterStride);
        TV d1 = fb > 1 ? TW.Load(ref dz, 1 * (nuint)filterStride) : default;
        TV d2 = fb > 2 ? TW.Load(ref dz, 2 * (nuint)filterStride) : default;
        TV d3 = fb > 3 ? TW.Load(ref dz, 3 * (nuint)filterStride) : default;
        TV d4 = fb > 4 ? TW.Load(ref dz, 4 * (nuint)filterStride) : default;
        TV d5 = fb > 5 ? TW.Load(ref dz, 5 * (nuint)filterStride) : default;
        TV d6 = fb > 6 ? TW.Load(ref dz, 6 * (nuint)filterStride) : default;
        TV d7 = fb > 7 ? TW.Load(ref dz, 7 * (nuint)filterStride) : default;
        for (int kx = 0; kx < kw; kx++)
        {
            int r = 0;
            for (; r + 4 <= rows; r += 4)
            {
                // Four input rows at once: four independent chains of FB multiply-adds.
                ref float w0 = ref Unsafe.Add(ref wt, (r * kw + kx) * f);
                ref float w1 = ref Unsafe.Add(ref w0, kw * f);
                ref float w2 = ref Unsafe.Add(ref w1, kw * f);
                ref float w3 = ref Unsafe.Add(ref w2, kw * f);
                TV a0 = FilterSum<TFB, TV, TW>(ref w0, d0, d1, d2, d3, d4, d5, d6, d7);
                TV a1 = FilterSum<TFB, TV, TW>(ref w1, d0, d1, d2, d3, d4, d5, d6, d7);
                TV a2 = FilterSum<TFB, TV, TW>(ref w2, d0, d1, d2, d3, d4, d5, d6, d7);
                TV a3 = FilterSum<TFB, TV, TW>(ref w3, d0, d1, d2, d3, d4, d5, d6, d7);
                AddTo<TV, TW>(a0, ref Unsafe.Add(ref target, RowOffset(r, kh, rowLength, plane) + kx));
                AddTo<TV, TW>(a1, ref Unsafe.Add(ref target, RowOffset(r + 1, kh, rowLength, plane) + kx));
                AddTo<TV, TW>(a2, ref Unsafe.Add(ref target, RowOffset(r + 2, kh, rowLength, plane) + kx));
                AddTo<TV, TW>(a3, ref Unsafe.Add(ref target, RowOffset(r + 3, kh, rowLength, plane) + kx));
            }
            for (; r < rows; r++)
            {
                TV a0 = FilterSum<TFB, TV, TW>(ref Unsafe.Add(ref wt, (r * kw + kx) * f), d0, d1, d2, d3, d4, d5, d6, d7);
                AddTo<TV, TW>(a0, ref Unsafe.Add(ref target, RowOffset(r, kh, rowLength, plane) + kx));
            }
        }
    }

    /// <summary>Σ_{j &lt; FB} w[j]·d_j: one tap's weights for the block's filters against their dZ rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV FilterSum<TFB, TV, TW>(ref float w, TV d0, TV d1, TV d2, TV d3, TV d4, TV d5, TV d6, TV d7)
        where TFB : struct, IDim where TV : struct where TW : struct, IVectorWidth<TV>
    {
        int fb = TFB.Value;
        TV a = TW.Multiply(d0, TW.Broadcast(ref w));
        if (fb > 1) a = TW.MultiplyAdd(d1, TW.Broadcast(ref Unsafe.Add(ref w, 1)), a);
        if (fb > 2) a = TW.MultiplyAdd(d2, TW.Broadcast(ref Unsafe.Add(ref w, 2)), a);
        if (fb > 3) a = TW.MultiplyAdd(d3, TW.Broadcast(ref Unsafe.Add(ref w, 3)), a);
        if (fb > 4) a = TW.MultiplyAdd(d4, TW.Broadcast(ref Unsafe.Add(ref w, 4)), a);
        if (fb > 5) a = TW.MultiplyAdd(d5, TW.Broadcast(ref Unsafe.Add(ref w, 5)), a);
        if (fb > 6) a = TW.MultiplyAdd(d6, TW.Broadcast(ref Unsafe.Add(ref w, 6)), a);
        if (fb > 7) a = TW.MultiplyAdd(d7, TW.Broadcast(ref Unsafe.Add(ref w, 7)), a);
        return a;
    }

    /// <summary>Where input row r = c·KH + ky starts in the accumulator.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RowOffset(int r, int kh, int rowLength, int plane) => r / kh * plane + r % kh * rowLength;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddTo<TV, TW>(TV v, ref float destination) where TV : struct where TW : struct, IVectorWidth<TV> =>
        TW.Store(TW.Add(TW.Load(ref destination, 0), v), ref destination, 0);
}
