using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.Kernels;

// Convolutions with the filters in the vector lanes: one vector holds Count filters' values at one output position
// (forward) or one kernel tap (dW), so every lane does useful work whatever the output width, and the input values
// are broadcast from the zero-bordered copy of the example (any stride). The weights are repacked once per call as
// Q × F' (F' = F rounded up to whole vectors, the extra lanes zero), so a tap's filters are one contiguous load.
public static partial class Convolution
{
    /// <summary>
    /// Accumulators per filter-lanes block: 24 vectors where there are 32 vector registers (AVX-512, ARM64), else 12;
    /// with the weight or dZ vector and a broadcast they fit.
    /// </summary>
    private static int LaneBlock => Registers32 ? 24 : 12;

    /// <summary>
    /// Whether the forward pass (and dW) keep the filters in the vector lanes: from 12 filters, on SIMD hardware. With
    /// fewer, a vector of filters would be mostly empty and the kernels along the output width win. On Zen 5,
    /// LeNet's 6×14×14 → 16×10×10: forward 67 → 156 GFLOP/s at m = 256 (7.1 → 4.2 µs at m = 1), dW 34 → 139 at m = 64.
    /// </summary>
    private static bool FilterLanes<TConv>() where TConv : struct, IConvolution =>
        TConv.Filters >= 12 && Vector128.IsHardwareAccelerated;

    /// <summary>F rounded up to whole vectors of <typeparamref name="TW"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int LaneFilters<TConv, TV, TW>() where TConv : struct, IConvolution where TV : struct where TW : struct, IVectorWidth<TV> =>
        (TConv.Filters + TW.Count - 1) / TW.Count * TW.Count;

    /// <summary>Where the filters-in-lanes kernels run: 512-bit vectors when the filters fill them (F a multiple of 16, or 32 and more), else 256- or 128-bit.</summary>
    private static void ForwardLanes<TConv, TAct>(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> z, Span<float> a, int m)
        where TConv : struct, IConvolution where TAct : struct, IActivation
    {
        if (Vector512.IsHardwareAccelerated && (TConv.Filters % 16 == 0 || TConv.Filters >= 32))
            ForwardFilterLanes<TConv, TAct, Vector512<float>, Width512>(x, w, b, z, a, m);
        else if (Vector256.IsHardwareAccelerated) ForwardFilterLanes<TConv, TAct, Vector256<float>, Width256>(x, w, b, z, a, m);
        else ForwardFilterLanes<TConv, TAct, Vector128<float>, Width128>(x, w, b, z, a, m);
    }

    /// <inheritdoc cref="ForwardLanes{TConv, TAct}"/>
    private static void WeightsLanes<TConv>(ReadOnlySpan<float> dz, ReadOnlySpan<float> x, Span<float> dw, Span<float> db, int m)
        where TConv : struct, IConvolution
    {
        if (Vector512.IsHardwareAccelerated && (TConv.Filters % 16 == 0 || TConv.Filters >= 32))
            WeightsFilterLanes<TConv, Vector512<float>, Width512>(dz, x, dw, db, m);
        else if (Vector256.IsHardwareAccelerated) WeightsFilterLanes<TConv, Vector256<float>, Width256>(dz, x, dw, db, m);
        else WeightsFilterLanes<TConv, Vector128<float>, Width128>(dz, x, dw, db, m);
    }

    /// <summary>
    /// Z = W ⋆ X + b with the filters in the lanes. Per example: the zero-bordered copy, then for each vector of
    /// filters, blocks of up to <see cref="LaneBlock"/> output positions (whole output rows when a row has at most that many,
    /// else runs of one row), each accumulating Σ_taps wᵀ[tap]·x[position + tap] with one weight load and one broadcast per
    /// multiply-add, into a P × F' buffer that is then transposed to F × P (NCHW) and activated.
    /// </summary>
    private static void ForwardFilterLanes<TConv, TAct, TV, TW>(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b,
        Span<float> z, Span<float> a, int m)
        where TConv : struct, IConvolution where TAct : struct, IActivation where TV : struct where TW : struct, IVectorWidth<TV>
    {
        int inSize = TConv.Channels * TConv.Height * TConv.Width, f = TConv.Filters, p = Positions<TConv>(), q = Patch<TConv>.Value;
        int outSize = f * p, fp = LaneFilters<TConv, TV, TW>(), oh = OutputHeight<TConv>(), ow = OutputWidth<TConv>();
        int border = BorderedLength<TConv>(1, out int rowLength, out int plane);
        Span<float> scratch = Scratch(border + q * fp + fp + p * fp);
        Span<float> padded = scratch.Slice(0, border), wt = scratch.Slice(border, q * fp), bt = scratch.Slice(border + q * fp, fp);
        Span<float> t = scratch.Slice(border + q * fp + fp, p * fp);
        padded.Clear();
        ref float wt0 = ref MemoryMarshal.GetReference(PackedForward<TConv, TV, TW>(w, wt));
        bt.Clear();
        b.Slice(0, f).CopyTo(bt);
        int bw = Math.Min(ow, LaneBlock), rows = ow <= LaneBlock ? LaneBlock / ow : 1;
        for (int i = 0; i < m; i++)
        {
            CopyIntoBorder<TConv>(x.Slice(i * inSize, inSize), padded, rowLength, plane);
            for (int f0 = 0; f0 < fp; f0 += TW.Count)
                for (int oy = 0; oy < oh; oy += rows)
                    for (int ox = 0; ox < ow; ox += bw)
                    {
                        // Whole rows (ow ≤ LaneBlock): up to `rows` of them; else a run of one row.
                        int r = ow <= LaneBlock ? Math.Min(rows, oh - oy) * ow : Math.Min(bw, ow - ox);
                        ref float origin = ref Unsafe.Add(ref MemoryMarshal.GetReference(padded), oy * TConv.StrideHeight * rowLength + ox * TConv.StrideWidth);
                        ref float wf = ref Unsafe.Add(ref wt0, f0);
                        ref float bf = ref Unsafe.Add(ref MemoryMarshal.GetReference(bt), f0);
                        ref float tp = ref Unsafe.Add(ref MemoryMarshal.GetReference(t), (oy * ow + ox) * fp + f0);
                        ForwardLanesBlock<TConv, TV, TW>(r, ref origin, rowLength, plane, ref wf, ref bf, ref tp);
                    }
            Span<float> zi = z.Slice(i * outSize, outSize), ai = a.Slice(i * outSize, outSize);
            bool storeZ = !Unsafe.AreSame(ref MemoryMarshal.GetReference(zi), ref MemoryMarshal.GetReference(ai));
            Span<float> dest = storeZ ? zi : ai;
            Unpack(t, dest, p, f, fp);
            Dense.Activate<TAct>(dest, ai);
        }
    }

    /// <summary>
    /// dW and db with the filters in the lanes. Per example: the zero-bordered copy and dZ transposed to P × F'; then
    /// for each vector of filters, blocks of up to <see cref="LaneBlock"/> kernel taps (whole kernel rows when a row has no more)
    /// accumulate Σ_positions dZᵀ[position]·x[position + tap] with one dZ load and one broadcast per multiply-add, into
    /// a Q × F' buffer summed over the examples and transposed to F × Q at the end.
    /// </summary>
    private static void WeightsFilterLanes<TConv, TV, TW>(ReadOnlySpan<float> dz, ReadOnlySpan<float> x, Span<float> dw, Span<float> db, int m)
        where TConv : struct, IConvolution where TV : struct where TW : struct, IVectorWidth<TV>
    {
        int inSize = TConv.Channels * TConv.Height * TConv.Width, f = TConv.Filters, p = Positions<TConv>(), q = Patch<TConv>.Value;
        int outSize = f * p, fp = LaneFilters<TConv, TV, TW>(), kh = TConv.KernelHeight, kw = TConv.KernelWidth;
        int border = BorderedLength<TConv>(1, out int rowLength, out int plane);
        Span<float> scratch = Scratch(border + q * fp + p * fp);
        Span<float> padded = scratch.Slice(0, border), dwt = scratch.Slice(border, q * fp), dzT = scratch.Slice(border + q * fp, p * fp);
        padded.Clear();
        dwt.Clear();
        dzT.Clear();
        db.Slice(0, f).Clear();
        int bw = Math.Min(kw, LaneBlock), rows = kw <= LaneBlock ? LaneBlock / kw : 1;
        for (int i = 0; i < m; i++)
        {
            CopyIntoBorder<TConv>(x.Slice(i * inSize, inSize), padded, rowLength, plane);
            ReadOnlySpan<float> dzi = dz.Slice(i * outSize, outSize);
            for (int k = 0; k < f; k++) db[k] += Elementwise.Sum(dzi.Slice(k * p, p));
            Pack(dzi, dzT, p, f, fp);
            for (int f0 = 0; f0 < fp; f0 += TW.Count)
                for (int ch = 0; ch < TConv.Channels; ch++)
                    for (int ky = 0; ky < kh; ky += rows)
                        for (int kx = 0; kx < kw; kx += bw)
                        {
                            int r = kw <= LaneBlock ? Math.Min(rows, kh - ky) * kw : Math.Min(bw, kw - kx);
                            ref float origin = ref Unsafe.Add(ref MemoryMarshal.GetReference(padded), ch * plane + ky * rowLength + kx);
                            ref float g = ref Unsafe.Add(ref MemoryMarshal.GetReference(dzT), f0);
                            ref float d = ref Unsafe.Add(ref MemoryMarshal.GetReference(dwt), ((ch * kh + ky) * kw + kx) * fp + f0);
                            WeightsLanesBlock<TConv, TV, TW>(r, ref g, ref origin, rowLength, ref d);
                        }
        }
        Unpack(dwt, dw, q, f, fp);
    }

    /// <summary>Layers with at most this many weights keep them packed between calls (<see cref="PackedForward{TConv, TV, TW}"/>): 256 KB, twice per thread.</summary>
    private const int KeptPacked = 1 << 16;

    /// <summary>
    /// The weights repacked Q × F' for the forward pass. A network's forward passes see the same weights call after
    /// call, so a layer of up to <see cref="KeptPacked"/> weights keeps them packed per thread, with a copy of the bits
    /// they were packed from, and repacks only when those bits change: one comparison (about 0.1 µs for LeNet's 2 400
    /// weights) instead of the transpose (about 0.5 µs, a tenth of that layer's forward pass at m = 1). Larger layers
    /// pack into <paramref name="scratch"/> on every call, where the pass itself dwarfs it.
    /// </summary>
    private static ReadOnlySpan<float> PackedForward<TConv, TV, TW>(ReadOnlySpan<float> w, Span<float> scratch)
        where TConv : struct, IConvolution where TV : struct where TW : struct, IVectorWidth<TV>
    {
        int f = TConv.Filters, q = Patch<TConv>.Value, fp = LaneFilters<TConv, TV, TW>(), n = f * q;
        if (n > KeptPacked)
        {
            PackFilterLanes(w, scratch, f, q, fp);
            return scratch;
        }
        ReadOnlySpan<int> bits = MemoryMarshal.Cast<float, int>(w.Slice(0, n));
        Span<float> packed = Aligned(ref PackedWeights<TConv, TV>.Packed, q * fp, 0);
        int[]? source = PackedWeights<TConv, TV>.Source;
        if (source is null || !bits.SequenceEqual(source))
        {
            PackedWeights<TConv, TV>.Source = null;   // until packed, so an exception midway cannot leave a stale pair
            PackFilterLanes(w, packed, f, q, fp);
            PackedWeights<TConv, TV>.Source = source = source ?? new int[n];
            bits.CopyTo(source);
        }
        return packed;
    }

    /// <summary>Per thread and layer (and width): the packed weights and the bits they were packed from.</summary>
    private static class PackedWeights<TConv, TV> where TConv : struct, IConvolution where TV : struct
    {
        [ThreadStatic] internal static float[]? Packed;
        [ThreadStatic] internal static int[]? Source;
    }

    /// <summary>wt[k, j] = w[j, k] for the F × Q weights (k &lt; Q, j &lt; F), zero for j ≥ F.</summary>
    private static void PackFilterLanes(ReadOnlySpan<float> w, Span<float> wt, int f, int q, int fp)
    {
        wt.Slice(0, q * fp).Clear();
        Pack(w, wt, q, f, fp);
    }

    /// <summary>dst[k·fp + j] = src[j·n + k] for j &lt; f, k &lt; n: f rows of n to n rows of fp (lanes ≥ f untouched).</summary>
    private static void Pack(ReadOnlySpan<float> src, Span<float> dst, int n, int f, int fp)
    {
        ref float s = ref MemoryMarshal.GetReference(src);
        ref float d = ref MemoryMarshal.GetReference(dst);
        for (int j = 0; j < f; j++)
            for (int k = 0; k < n; k++)
                Unsafe.Add(ref d, k * fp + j) = Unsafe.Add(ref s, j * n + k);
    }

    /// <summary>dst[j·n + k] = src[k·fp + j] for j &lt; f, k &lt; n: the inverse of <see cref="Pack"/>.</summary>
    private static void Unpack(ReadOnlySpan<float> src, Span<float> dst, int n, int f, int fp)
    {
        ref float s = ref MemoryMarshal.GetReference(src);
        ref float d = ref MemoryMarshal.GetReference(dst);
        for (int j = 0; j < f; j++)
            for (int k = 0; k < n; k++)
                Unsafe.Add(ref d, j * n + k) = Unsafe.Add(ref s, k * fp + j);
    }

    /// <summary>One forward block of <paramref name="r"/> (1..LaneBlock) positions, dispatched to its register-allocated form.</summary>
    private static void ForwardLanesBlock<TConv, TV, TW>(int r, ref float origin, int rowLength, int plane, ref float wt, ref float bias, ref float t)
        where TConv : struct, IConvolution where TV : struct where TW : struct, IVectorWidth<TV>
    {
        switch (r)
        {
            case 1: ForwardLanesBlock<TConv, B1, TV, TW>(ref origin, rowLength, plane, ref wt, ref bias, ref t); break;
            case 2: ForwardLanesBlock<TConv, B2, TV, TW>(ref origin, rowLength, plane, ref wt, ref bias, ref t); break;
            case 3: ForwardLanesBlock<TConv, B3, TV, TW>(ref origin, rowLength, plane, ref wt, ref bias, ref t); break;
            case 4: ForwardLanesBlock<TConv, B4, TV, TW>(ref origin, rowLength, plane, ref wt, ref bias, ref t); break;
            case 5: ForwardLanesBlock<TConv, B5, TV, TW>(ref origin, rowLength, plane, ref wt, ref bias, ref t); break;
            case 6: ForwardLanesBlock<TConv, B6, TV, TW>(ref origin, rowLength, plane, ref wt, ref bias, ref t); break;
            case 7: ForwardLanesBlock<TConv, B7, TV, TW>(ref origin, rowLength, plane, ref wt, ref bias, ref t); break;
            case 8: ForwardLanesBlock<TConv, B8, TV, TW>(ref origin, rowLength, plane, ref wt, ref bias, ref t); break;
            case 9: ForwardLanesBlock<TConv, B9, TV, TW>(ref origin, rowLength, plane, ref wt, ref bias, ref t); break;
            case 10: ForwardLanesBlock<TConv, B10, TV, TW>(ref origin, rowLength, plane, ref wt, ref bias, ref t); break;
            case 11: ForwardLanesBlock<TConv, B11, TV, TW>(ref origin, rowLength, plane, ref wt, ref bias, ref t); break;
            case 12: ForwardLanesBlock<TConv, B12, TV, TW>(ref origin, rowLength, plane, ref wt, ref bias, ref t); break;
            case 13: ForwardLanesBlock<TConv, B13, TV, TW>(ref origin, rowLength, plane, ref wt, ref bias, ref t); break;
            case 14: ForwardLanesBlock<TConv, B14, TV, TW>(ref origin, rowLength, plane, ref wt, ref bias, ref t); break;
            case 15: ForwardLanesBlock<TConv, B15, TV, TW>(ref origin, rowLength, plane, ref wt, ref bias, ref t); break;
            case 16: ForwardLanesBlock<TConv, B16, TV, TW>(ref origin, rowLength, plane, ref wt, ref bias, ref t); break;
            case 17: ForwardLanesBlock<TConv, B17, TV, TW>(ref origin, rowLength, plane, ref wt, ref bias, ref t); break;
            case 18: ForwardLanesBlock<TConv, B18, TV, TW>(ref origin, rowLength, plane, ref wt, ref bias, ref t); break;
            case 19: ForwardLanesBlock<TConv, B19, TV, TW>(ref origin, rowLength, plane, ref wt, ref bias, ref t); break;
            case 20: ForwardLanesBlock<TConv, B20, TV, TW>(ref origin, rowLength, plane, ref wt, ref bias, ref t); break;
            case 21: ForwardLanesBlock<TConv, B21, TV, TW>(ref origin, rowLength, plane, ref wt, ref bias, ref t); break;
            case 22: ForwardLanesBlock<TConv, B22, TV, TW>(ref origin, rowLength, plane, ref wt, ref bias, ref t); break;
            case 23: ForwardLanesBlock<TConv, B23, TV, TW>(ref origin, rowLength, plane, ref wt, ref bias, ref t); break;
            case 24: ForwardLanesBlock<TConv, B24, TV, TW>(ref origin, rowLength, plane, ref wt, ref bias, ref t); break;
        }
    }

    /// <summary>One dW block of <paramref name="r"/> (1..LaneBlock) taps, dispatched to its register-allocated form.</summary>
    private static void WeightsLanesBlock<TConv, TV, TW>(int r, ref float dzT, ref float origin, int rowLength, ref float dwt)
        where TConv : struct, IConvolution where TV : struct where TW : struct, IVectorWidth<TV>
    {
        switch (r)
        {
            case 1: WeightsLanesBlock<TConv, B1, TV, TW>(ref dzT, ref origin, rowLength, ref dwt); break;
            case 2: WeightsLanesBlock<TConv, B2, TV, TW>(ref dzT, ref origin, rowLength, ref dwt); break;
            case 3: WeightsLanesBlock<TConv, B3, TV, TW>(ref dzT, ref origin, rowLength, ref dwt); break;
            case 4: WeightsLanesBlock<TConv, B4, TV, TW>(ref dzT, ref origin, rowLength, ref dwt); break;
            case 5: WeightsLanesBlock<TConv, B5, TV, TW>(ref dzT, ref origin, rowLength, ref dwt); break;
            case 6: WeightsLanesBlock<TConv, B6, TV, TW>(ref dzT, ref origin, rowLength, ref dwt); break;
            case 7: WeightsLanesBlock<TConv, B7, TV, TW>(ref dzT, ref origin, rowLength, ref dwt); break;
            case 8: WeightsLanesBlock<TConv, B8, TV, TW>(ref dzT, ref origin, rowLength, ref dwt); break;
            case 9: WeightsLanesBlock<TConv, B9, TV, TW>(ref dzT, ref origin, rowLength, ref dwt); break;
            case 10: WeightsLanesBlock<TConv, B10, TV, TW>(ref dzT, ref origin, rowLength, ref dwt); break;
            case 11: WeightsLanesBlock<TConv, B11, TV, TW>(ref dzT, ref origin, rowLength, ref dwt); break;
            case 12: WeightsLanesBlock<TConv, B12, TV, TW>(ref dzT, ref origin, rowLength, ref dwt); break;
            case 13: WeightsLanesBlock<TConv, B13, TV, TW>(ref dzT, ref origin, rowLength, ref dwt); break;
            case 14: WeightsLanesBlock<TConv, B14, TV, TW>(ref dzT, ref origin, rowLength, ref dwt); break;
            case 15: WeightsLanesBlock<TConv, B15, TV, TW>(ref dzT, ref origin, rowLength, ref dwt); break;
            case 16: WeightsLanesBlock<TConv, B16, TV, TW>(ref dzT, ref origin, rowLength, ref dwt); break;
            case 17: WeightsLanesBlock<TConv, B17, TV, TW>(ref dzT, ref origin, rowLength, ref dwt); break;
            case 18: WeightsLanesBlock<TConv, B18, TV, TW>(ref dzT, ref origin, rowLength, ref dwt); break;
            case 19: WeightsLanesBlock<TConv, B19, TV, TW>(ref dzT, ref origin, rowLength, ref dwt); break;
            case 20: WeightsLanesBlock<TConv, B20, TV, TW>(ref dzT, ref origin, rowLength, ref dwt); break;
            case 21: WeightsLanesBlock<TConv, B21, TV, TW>(ref dzT, ref origin, rowLength, ref dwt); break;
            case 22: WeightsLanesBlock<TConv, B22, TV, TW>(ref dzT, ref origin, rowLength, ref dwt); break;
            case 23: WeightsLanesBlock<TConv, B23, TV, TW>(ref dzT, ref origin, rowLength, ref dwt); break;
            case 24: WeightsLanesBlock<TConv, B24, TV, TW>(ref dzT, ref origin, rowLength, ref dwt); break;
        }
    }

    /// <summary>
    /// Positions j &lt; R of a block (row j / bw, column j % bw from <paramref name="origin"/>, bw = min(OW, LaneBlock)): the
    /// vectors c_j = b + Σ_{c, ky, kx} wᵀ[(c·KH + ky)·KW + kx]·x[c, y_j·s + ky, x_j·s + kx], stored at t[j·F'].
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void ForwardLanesBlock<TConv, TR, TV, TW>(ref float origin, int rowLength, int plane, ref float wt, ref float bias, ref float t)
        where TConv : struct, IConvolution where TR : struct, IDim where TV : struct where TW : struct, IVectorWidth<TV>
    {
        int r = TR.Value, kh = TConv.KernelHeight, kw = TConv.KernelWidth, sw = TConv.StrideWidth;
        int fp = LaneFilters<TConv, TV, TW>(), bw = Math.Min(OutputWidth<TConv>(), LaneBlock), rowStep = TConv.StrideHeight * rowLength;
        TV c0 = TW.Load(ref bias, 0);
        TV c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0, c12 = c0, c13 = c0, c14 = c0, c15 = c0, c16 = c0, c17 = c0, c18 = c0, c19 = c0, c20 = c0, c21 = c0, c22 = c0, c23 = c0;
        ref float wk = ref wt;
        for (int ch = 0; ch < TConv.Channels; ch++)
            for (int ky = 0; ky < kh; ky++)
            {
                ref float row = ref Unsafe.Add(ref origin, ch * plane + ky * rowLength);
                for (int kx = 0; kx < kw; kx++)
                {
                    TV wv = TW.Load(ref wk, 0);
                    wk = ref Unsafe.Add(ref wk, fp);
                    ref float at = ref Unsafe.Add(ref row, kx);
                    c0 = TW.MultiplyAdd(wv, TW.Broadcast(ref Unsafe.Add(ref at, 0 / bw * rowStep + 0 % bw * sw)), c0);
                    if (r > 1) c1 = TW.MultiplyAdd(wv, TW.Broadcast(ref Unsafe.Add(ref at, 1 / bw * rowStep + 1 % bw * sw)), c1);
                    if (r > 2) c2 = TW.MultiplyAdd(wv, TW.Broadcast(ref Unsafe.Add(ref at, 2 / bw * rowStep + 2 % bw * sw)), c2);
                    if (r > 3) c3 = TW.MultiplyAdd(wv, TW.Broadcast(ref Unsafe.Add(ref at, 3 / bw * rowStep + 3 % bw * sw)), c3);
                    if (r > 4) c4 = TW.MultiplyAdd(wv, TW.Broadcast(ref Unsafe.Add(ref at, 4 / bw * rowStep + 4 % bw * sw)), c4);
                    if (r > 5) c5 = TW.MultiplyAdd(wv, TW.Broadcast(ref Unsafe.Add(ref at, 5 / bw * rowStep + 5 % bw * sw)), c5);
                    if (r > 6) c6 = TW.MultiplyAdd(wv, TW.Broadcast(ref Unsafe.Add(ref at, 6 / bw * rowStep + 6 % bw * sw)), c6);
                    if (r > 7) c7 = TW.MultiplyAdd(wv, TW.Broadcast(ref Unsafe.Add(ref at, 7 / bw * rowStep + 7 % bw * sw)), c7);
                    if (r > 8) c8 = TW.MultiplyAdd(wv, TW.Broadcast(ref Unsafe.Add(ref at, 8 / bw * rowStep + 8 % bw * sw)), c8);
                    if (r > 9) c9 = TW.MultiplyAdd(wv, TW.Broadcast(ref Unsafe.Add(ref at, 9 / bw * rowStep + 9 % bw * sw)), c9);
                    if (r > 10) c10 = TW.MultiplyAdd(wv, TW.Broadcast(ref Unsafe.Add(ref at, 10 / bw * rowStep + 10 % bw * sw)), c10);
                    if (r > 11) c11 = TW.MultiplyAdd(wv, TW.Broadcast(ref Unsafe.Add(ref at, 11 / bw * rowStep + 11 % bw * sw)), c11);
                    if (r > 12) c12 = TW.MultiplyAdd(wv, TW.Broadcast(ref Unsafe.Add(ref at, 12 / bw * rowStep + 12 % bw * sw)), c12);
                    if (r > 13) c13 = TW.MultiplyAdd(wv, TW.Broadcast(ref Unsafe.Add(ref at, 13 / bw * rowStep + 13 % bw * sw)), c13);
                    if (r > 14) c14 = TW.MultiplyAdd(wv, TW.Broadcast(ref Unsafe.Add(ref at, 14 / bw * rowStep + 14 % bw * sw)), c14);
                    if (r > 15) c15 = TW.MultiplyAdd(wv, TW.Broadcast(ref Unsafe.Add(ref at, 15 / bw * rowStep + 15 % bw * sw)), c15);
                    if (r > 16) c16 = TW.MultiplyAdd(wv, TW.Broadcast(ref Unsafe.Add(ref at, 16 / bw * rowStep + 16 % bw * sw)), c16);
                    if (r > 17) c17 = TW.MultiplyAdd(wv, TW.Broadcast(ref Unsafe.Add(ref at, 17 / bw * rowStep + 17 % bw * sw)), c17);
                    if (r > 18) c18 = TW.MultiplyAdd(wv, TW.Broadcast(ref Unsafe.Add(ref at, 18 / bw * rowStep + 18 % bw * sw)), c18);
                    if (r > 19) c19 = TW.MultiplyAdd(wv, TW.Broadcast(ref Unsafe.Add(ref at, 19 / bw * rowStep + 19 % bw * sw)), c19);
                    if (r > 20) c20 = TW.MultiplyAdd(wv, TW.Broadcast(ref Unsafe.Add(ref at, 20 / bw * rowStep + 20 % bw * sw)), c20);
                    if (r > 21) c21 = TW.MultiplyAdd(wv, TW.Broadcast(ref Unsafe.Add(ref at, 21 / bw * rowStep + 21 % bw * sw)), c21);
                    if (r > 22) c22 = TW.MultiplyAdd(wv, TW.Broadcast(ref Unsafe.Add(ref at, 22 / bw * rowStep + 22 % bw * sw)), c22);
                    if (r > 23) c23 = TW.MultiplyAdd(wv, TW.Broadcast(ref Unsafe.Add(ref at, 23 / bw * rowStep + 23 % bw * sw)), c23);
                }
            }
        TW.Store(c0, ref t, 0 * (nuint)fp);
        if (r > 1) TW.Store(c1, ref t, 1 * (nuint)fp);
        if (r > 2) TW.Store(c2, ref t, 2 * (nuint)fp);
        if (r > 3) TW.Store(c3, ref t, 3 * (nuint)fp);
        if (r > 4) TW.Store(c4, ref t, 4 * (nuint)fp);
        if (r > 5) TW.Store(c5, ref t, 5 * (nuint)fp);
        if (r > 6) TW.Store(c6, ref t, 6 * (nuint)fp);
        if (r > 7) TW.Store(c7, ref t, 7 * (nuint)fp);
        if (r > 8) TW.Store(c8, ref t, 8 * (nuint)fp);
        if (r > 9) TW.Store(c9, ref t, 9 * (nuint)fp);
        if (r > 10) TW.Store(c10, ref t, 10 * (nuint)fp);
        if (r > 11) TW.Store(c11, ref t, 11 * (nuint)fp);
        if (r > 12) TW.Store(c12, ref t, 12 * (nuint)fp);
        if (r > 13) TW.Store(c13, ref t, 13 * (nuint)fp);
        if (r > 14) TW.Store(c14, ref t, 14 * (nuint)fp);
        if (r > 15) TW.Store(c15, ref t, 15 * (nuint)fp);
        if (r > 16) TW.Store(c16, ref t, 16 * (nuint)fp);
        if (r > 17) TW.Store(c17, ref t, 17 * (nuint)fp);
        if (r > 18) TW.Store(c18, ref t, 18 * (nuint)fp);
        if (r > 19) TW.Store(c19, ref t, 19 * (nuint)fp);
        if (r > 20) TW.Store(c20, ref t, 20 * (nuint)fp);
        if (r > 21) TW.Store(c21, ref t, 21 * (nuint)fp);
        if (r > 22) TW.Store(c22, ref t, 22 * (nuint)fp);
        if (r > 23) TW.Store(c23, ref t, 23 * (nuint)fp);
    }

    /// <summary>
    /// Taps j &lt; R of a block (kernel row j / bw, column j % bw from <paramref name="origin"/>, bw = min(KW, LaneBlock)): the
    /// vectors dwᵀ[tap_j] += Σ_{y, x} dZᵀ[y·OW + x]·x[c, y·s + ky_j, x·s + kx_j] over one example's positions.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void WeightsLanesBlock<TConv, TR, TV, TW>(ref float dzT, ref float origin, int rowLength, ref float dwt)
        where TConv : struct, IConvolution where TR : struct, IDim where TV : struct where TW : struct, IVectorWidth<TV>
    {
        int r = TR.Value, oh = OutputHeight<TConv>(), ow = OutputWidth<TConv>(), sw = TConv.StrideWidth;
        int fp = LaneFilters<TConv, TV, TW>(), bw = Math.Min(TConv.KernelWidth, LaneBlock), rowStep = TConv.StrideHeight * rowLength;
        TV c0 = TW.Load(ref dwt, 0 * (nuint)fp);
        TV c1 = r > 1 ? TW.Load(ref dwt, 1 * (nuint)fp) : default;
        TV c2 = r > 2 ? TW.Load(ref dwt, 2 * (nuint)fp) : default;
        TV c3 = r > 3 ? TW.Load(ref dwt, 3 * (nuint)fp) : default;
        TV c4 = r > 4 ? TW.Load(ref dwt, 4 * (nuint)fp) : default;
        TV c5 = r > 5 ? TW.Load(ref dwt, 5 * (nuint)fp) : default;
        TV c6 = r > 6 ? TW.Load(ref dwt, 6 * (nuint)fp) : default;
        TV c7 = r > 7 ? TW.Load(ref dwt, 7 * (nuint)fp) : default;
        TV c8 = r > 8 ? TW.Load(ref dwt, 8 * (nuint)fp) : default;
        TV c9 = r > 9 ? TW.Load(ref dwt, 9 * (nuint)fp) : default;
        TV c10 = r > 10 ? TW.Load(ref dwt, 10 * (nuint)fp) : default;
        TV c11 = r > 11 ? TW.Load(ref dwt, 11 * (nuint)fp) : default;
        TV c12 = r > 12 ? TW.Load(ref dwt, 12 * (nuint)fp) : default;
        TV c13 = r > 13 ? TW.Load(ref dwt, 13 * (nuint)fp) : default;
        TV c14 = r > 14 ? TW.Load(ref dwt, 14 * (nuint)fp) : default;
        TV c15 = r > 15 ? TW.Load(ref dwt, 15 * (nuint)fp) : default;
        TV c16 = r > 16 ? TW.Load(ref dwt, 16 * (nuint)fp) : default;
        TV c17 = r > 17 ? TW.Load(ref dwt, 17 * (nuint)fp) : default;
        TV c18 = r > 18 ? TW.Load(ref dwt, 18 * (nuint)fp) : default;
        TV c19 = r > 19 ? TW.Load(ref dwt, 19 * (nuint)fp) : default;
        TV c20 = r > 20 ? TW.Load(ref dwt, 20 * (nuint)fp) : default;
        TV c21 = r > 21 ? TW.Load(ref dwt, 21 * (nuint)fp) : default;
        TV c22 = r > 22 ? TW.Load(ref dwt, 22 * (nuint)fp) : default;
        TV c23 = r > 23 ? TW.Load(ref dwt, 23 * (nuint)fp) : default;
        ref float g = ref dzT;
        for (int oy = 0; oy < oh; oy++)
        {
            ref float row = ref Unsafe.Add(ref origin, oy * rowStep);
            for (int ox = 0; ox < ow; ox++)
            {
                TV dv = TW.Load(ref g, 0);
                g = ref Unsafe.Add(ref g, fp);
                ref float at = ref Unsafe.Add(ref row, ox * sw);
                c0 = TW.MultiplyAdd(dv, TW.Broadcast(ref Unsafe.Add(ref at, 0 / bw * rowLength + 0 % bw)), c0);
                if (r > 1) c1 = TW.MultiplyAdd(dv, TW.Broadcast(ref Unsafe.Add(ref at, 1 / bw * rowLength + 1 % bw)), c1);
                if (r > 2) c2 = TW.MultiplyAdd(dv, TW.Broadcast(ref Unsafe.Add(ref at, 2 / bw * rowLength + 2 % bw)), c2);
                if (r > 3) c3 = TW.MultiplyAdd(dv, TW.Broadcast(ref Unsafe.Add(ref at, 3 / bw * rowLength + 3 % bw)), c3);
                if (r > 4) c4 = TW.MultiplyAdd(dv, TW.Broadcast(ref Unsafe.Add(ref at, 4 / bw * rowLength + 4 % bw)), c4);
                if (r > 5) c5 = TW.MultiplyAdd(dv, TW.Broadcast(ref Unsafe.Add(ref at, 5 / bw * rowLength + 5 % bw)), c5);
                if (r > 6) c6 = TW.MultiplyAdd(dv, TW.Broadcast(ref Unsafe.Add(ref at, 6 / bw * rowLength + 6 % bw)), c6);
                if (r > 7) c7 = TW.MultiplyAdd(dv, TW.Broadcast(ref Unsafe.Add(ref at, 7 / bw * rowLength + 7 % bw)), c7);
                if (r > 8) c8 = TW.MultiplyAdd(dv, TW.Broadcast(ref Unsafe.Add(ref at, 8 / bw * rowLength + 8 % bw)), c8);
                if (r > 9) c9 = TW.MultiplyAdd(dv, TW.Broadcast(ref Unsafe.Add(ref at, 9 / bw * rowLength + 9 % bw)), c9);
                if (r > 10) c10 = TW.MultiplyAdd(dv, TW.Broadcast(ref Unsafe.Add(ref at, 10 / bw * rowLength + 10 % bw)), c10);
                if (r > 11) c11 = TW.MultiplyAdd(dv, TW.Broadcast(ref Unsafe.Add(ref at, 11 / bw * rowLength + 11 % bw)), c11);
                if (r > 12) c12 = TW.MultiplyAdd(dv, TW.Broadcast(ref Unsafe.Add(ref at, 12 / bw * rowLength + 12 % bw)), c12);
                if (r > 13) c13 = TW.MultiplyAdd(dv, TW.Broadcast(ref Unsafe.Add(ref at, 13 / bw * rowLength + 13 % bw)), c13);
                if (r > 14) c14 = TW.MultiplyAdd(dv, TW.Broadcast(ref Unsafe.Add(ref at, 14 / bw * rowLength + 14 % bw)), c14);
                if (r > 15) c15 = TW.MultiplyAdd(dv, TW.Broadcast(ref Unsafe.Add(ref at, 15 / bw * rowLength + 15 % bw)), c15);
                if (r > 16) c16 = TW.MultiplyAdd(dv, TW.Broadcast(ref Unsafe.Add(ref at, 16 / bw * rowLength + 16 % bw)), c16);
                if (r > 17) c17 = TW.MultiplyAdd(dv, TW.Broadcast(ref Unsafe.Add(ref at, 17 / bw * rowLength + 17 % bw)), c17);
                if (r > 18) c18 = TW.MultiplyAdd(dv, TW.Broadcast(ref Unsafe.Add(ref at, 18 / bw * rowLength + 18 % bw)), c18);
                if (r > 19) c19 = TW.MultiplyAdd(dv, TW.Broadcast(ref Unsafe.Add(ref at, 19 / bw * rowLength + 19 % bw)), c19);
                if (r > 20) c20 = TW.MultiplyAdd(dv, TW.Broadcast(ref Unsafe.Add(ref at, 20 / bw * rowLength + 20 % bw)), c20);
                if (r > 21) c21 = TW.MultiplyAdd(dv, TW.Broadcast(ref Unsafe.Add(ref at, 21 / bw * rowLength + 21 % bw)), c21);
                if (r > 22) c22 = TW.MultiplyAdd(dv, TW.Broadcast(ref Unsafe.Add(ref at, 22 / bw * rowLength + 22 % bw)), c22);
                if (r > 23) c23 = TW.MultiplyAdd(dv, TW.Broadcast(ref Unsafe.Add(ref at, 23 / bw * rowLength + 23 % bw)), c23);
            }
        }
        TW.Store(c0, ref dwt, 0 * (nuint)fp);
        if (r > 1) TW.Store(c1, ref dwt, 1 * (nuint)fp);
        if (r > 2) TW.Store(c2, ref dwt, 2 * (nuint)fp);
        if (r > 3) TW.Store(c3, ref dwt, 3 * (nuint)fp);
        if (r > 4) TW.Store(c4, ref dwt, 4 * (nuint)fp);
        if (r > 5) TW.Store(c5, ref dwt, 5 * (nuint)fp);
        if (r > 6) TW.Store(c6, ref dwt, 6 * (nuint)fp);
        if (r > 7) TW.Store(c7, ref dwt, 7 * (nuint)fp);
        if (r > 8) TW.Store(c8, ref dwt, 8 * (nuint)fp);
        if (r > 9) TW.Store(c9, ref dwt, 9 * (nuint)fp);
        if (r > 10) TW.Store(c10, ref dwt, 10 * (nuint)fp);
        if (r > 11) TW.Store(c11, ref dwt, 11 * (nuint)fp);
        if (r > 12) TW.Store(c12, ref dwt, 12 * (nuint)fp);
        if (r > 13) TW.Store(c13, ref dwt, 13 * (nuint)fp);
        if (r > 14) TW.Store(c14, ref dwt, 14 * (nuint)fp);
        if (r > 15) TW.Store(c15, ref dwt, 15 * (nuint)fp);
        if (r > 16) TW.Store(c16, ref dwt, 16 * (nuint)fp);
        if (r > 17) TW.Store(c17, ref dwt, 17 * (nuint)fp);
        if (r > 18) TW.Store(c18, ref dwt, 18 * (nuint)fp);
        if (r > 19) TW.Store(c19, ref dwt, 19 * (nuint)fp);
        if (r > 20) TW.Store(c20, ref dwt, 20 * (nuint)fp);
        if (r > 21) TW.Store(c21, ref dwt, 21 * (nuint)fp);
        if (r > 22) TW.Store(c22, ref dwt, 22 * (nuint)fp);
        if (r > 23) TW.Store(c23, ref dwt, 23 * (nuint)fp);
    }

    private readonly struct B1 : IDim { public static int Value => 1; }
    private readonly struct B2 : IDim { public static int Value => 2; }
    private readonly struct B3 : IDim { public static int Value => 3; }
    private readonly struct B4 : IDim { public static int Value => 4; }
    private readonly struct B5 : IDim { public static int Value => 5; }
    private readonly struct B6 : IDim { public static int Value => 6; }
    private readonly struct B7 : IDim { public static int Value => 7; }
    private readonly struct B8 : IDim { public static int Value => 8; }
    private readonly struct B9 : IDim { public static int Value => 9; }
    private readonly struct B10 : IDim { public static int Value => 10; }
    private readonly struct B11 : IDim { public static int Value => 11; }
    private readonly struct B12 : IDim { public static int Value => 12; }
    private readonly struct B13 : IDim { public static int Value => 13; }
    private readonly struct B14 : IDim { public static int Value => 14; }
    private readonly struct B15 : IDim { public static int Value => 15; }
    private readonly struct B16 : IDim { public static int Value => 16; }
    private readonly struct B17 : IDim { public static int Value => 17; }
    private readonly struct B18 : IDim { public static int Value => 18; }
    private readonly struct B19 : IDim { public static int Value => 19; }
    private readonly struct B20 : IDim { public static int Value => 20; }
    private readonly struct B21 : IDim { public static int Value => 21; }
    private readonly struct B22 : IDim { public static int Value => 22; }
    private readonly struct B23 : IDim { public static int Value => 23; }
    private readonly struct B24 : IDim { public static int Value => 24; }
}
