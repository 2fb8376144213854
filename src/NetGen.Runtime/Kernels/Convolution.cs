using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.Kernels;

/// <summary>
/// The compile-time shape of a convolution layer: input C × H × W (one example, channels outermost as PyTorch's NCHW),
/// F filters of C × KH × KW, stride and zero padding per axis. A 1-D convolution over C × L is the 2-D one with
/// H = KH = 1, stride 1 and padding 0 on the height axis. Generated networks declare one struct per convolution layer;
/// the kernels take it as a type argument, so every size is a constant where they are specialised.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IConvolution
{
    /// <summary>C: input channels.</summary>
    static abstract int Channels { get; }
    /// <summary>H: input height (1 for a 1-D convolution).</summary>
    static abstract int Height { get; }
    /// <summary>W: input width (the length, for a 1-D convolution).</summary>
    static abstract int Width { get; }
    /// <summary>F: filters, the output channels.</summary>
    static abstract int Filters { get; }
    /// <summary>KH: kernel height (1 for a 1-D convolution).</summary>
    static abstract int KernelHeight { get; }
    /// <summary>KW: kernel width.</summary>
    static abstract int KernelWidth { get; }
    /// <summary>Vertical stride.</summary>
    static abstract int StrideHeight { get; }
    /// <summary>Horizontal stride.</summary>
    static abstract int StrideWidth { get; }
    /// <summary>Zero rows added above and below.</summary>
    static abstract int PaddingHeight { get; }
    /// <summary>Zero columns added left and right.</summary>
    static abstract int PaddingWidth { get; }
}

/// <summary>
/// A convolution layer's three products, as in PyTorch's <c>Conv2d</c>/<c>Conv1d</c> (a correlation: the kernel is not
/// flipped). Per example, with P = OH·OW output positions and Q = C·KH·KW values per patch:
/// <list type="bullet">
/// <item>Z[f, p] = b[f] + Σ_q W[f, q]·X̂[p, q], where row p of X̂ (P × Q) is the zero-padded patch under output
/// position p ("im2row"); A = g(Z).</item>
/// <item>dW[f, q] = Σ_examples Σ_p dZ[f, p]·X̂[p, q], db[f] = Σ_examples Σ_p dZ[f, p] (the 1/m is already in dZ).</item>
/// <item>dA_prev = the patches of dZᵀ·W (P × Q) added back onto C × H × W ("col2im"), then dZ_prev = dA_prev ⊙ g′(Z_prev).</item>
/// </list>
/// Which kernel runs is fixed by the layer's shape (every size is a constant, so the choice folds away):
/// <list type="bullet">
/// <item>12 filters or more: the filters in the vector lanes for the forward pass and dW, any stride
/// (Convolution.FilterLanes.cs);</item>
/// <item>fewer, stride 1 along the width: direct kernels with the output width in the lanes (<see cref="DirectForward{TConv}"/>,
/// and for dW up to 8 filters <see cref="DirectWeights{TConv}"/>);</item>
/// <item>dX, stride 1 along the width: by output rows, each filter's dZ row shifted onto the input rows it reaches
/// (Convolution.InputRows.cs);</item>
/// <item>otherwise im2row plus one call of the register-blocked dense kernels (<see cref="Dense"/>) with m = P rows
/// (dW: every example's rows at once), whose patch copies and transposes cost O(P·(Q + F)) against the product's O(P·Q·F).</item>
/// </list>
/// Layouts: x m × (C·H·W), w F × C × KH × KW row-major (PyTorch <c>Conv2d.weight</c>), b F, z and a m × (F·OH·OW).
/// Scratch lives in one per-thread buffer (allocated on first use, grown once); nothing is allocated per call.
/// The tests hold the direct seven-loop form (ConvolutionReference) they compare these with.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class Convolution
{
    /// <summary>Output height ⌊(H + 2·padding − KH) / stride⌋ + 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int OutputHeight<TConv>() where TConv : struct, IConvolution =>
        (TConv.Height + 2 * TConv.PaddingHeight - TConv.KernelHeight) / TConv.StrideHeight + 1;

    /// <summary>Output width ⌊(W + 2·padding − KW) / stride⌋ + 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int OutputWidth<TConv>() where TConv : struct, IConvolution =>
        (TConv.Width + 2 * TConv.PaddingWidth - TConv.KernelWidth) / TConv.StrideWidth + 1;

    /// <summary>Z = W ⋆ X + b, A = g(Z). z may be the same span as a.</summary>
    public static void Forward<TConv, TAct>(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b,
        Span<float> z, Span<float> a, int m)
        where TConv : struct, IConvolution where TAct : struct, IActivation
    {
        int inSize = TConv.Channels * TConv.Height * TConv.Width, f = TConv.Filters, p = Positions<TConv>(), q = Patch<TConv>.Value;
        int outSize = f * p;
        Check(m >= 0 && x.Length >= m * inSize && w.Length >= f * q && b.Length >= f && z.Length >= m * outSize && a.Length >= m * outSize);
        if (FilterLanes<TConv>())
        {
            ForwardLanes<TConv, TAct>(x, w, b, z, a, m);
            return;
        }
        if (DirectForward<TConv>())
        {
            // 512-bit vectors when a row of outputs needs more than two 256-bit ones.
            if (Vector512.IsHardwareAccelerated && OutputWidth<TConv>() > 16) ForwardDirect<TConv, TAct, Vector512<float>, Width512>(x, w, b, z, a, m);
            else if (Vector256.IsHardwareAccelerated) ForwardDirect<TConv, TAct, Vector256<float>, Width256>(x, w, b, z, a, m);
            else ForwardDirect<TConv, TAct, Vector128<float>, Width128>(x, w, b, z, a, m);
            return;
        }
        Span<float> scratch = Scratch(p * q + p * f);
        Span<float> rows = scratch.Slice(0, p * q), product = scratch.Slice(p * q, p * f);
        for (int i = 0; i < m; i++)
        {
            Im2Row<TConv>(x.Slice(i * inSize, inSize), rows);
            Dense.Affine<Patch<TConv>, Filters<TConv>>(rows, w, b, product, p);   // P × F: position-major
            Span<float> zi = z.Slice(i * outSize, outSize);
            Transpose(product, zi, p, f);                                         // F × P: channel-major, as NCHW
            Dense.Activate<TAct>(zi, a.Slice(i * outSize, outSize));
        }
    }

    /// <summary>
    /// dW = Σ dZ·X̂ and db = Σ dZ over the examples and positions (overwritten, not accumulated). The 1/m of the classic formulation
    /// is already in dZ. Shapes: dz m × (F·P), x m × (C·H·W), dw F × Q, db F.
    /// </summary>
    public static void BackwardWeights<TConv>(ReadOnlySpan<float> dz, ReadOnlySpan<float> x, Span<float> dw, Span<float> db, int m)
        where TConv : struct, IConvolution
    {
        int inSize = TConv.Channels * TConv.Height * TConv.Width, f = TConv.Filters, p = Positions<TConv>(), q = Patch<TConv>.Value;
        int outSize = f * p;
        Check(m >= 0 && dz.Length >= m * outSize && x.Length >= m * inSize && dw.Length >= f * q && db.Length >= f);
        if (m == 0) { dw.Slice(0, f * q).Clear(); db.Slice(0, f).Clear(); return; }
        if (FilterLanes<TConv>())
        {
            WeightsLanes<TConv>(dz, x, dw, db, m);
            return;
        }
        if (DirectWeights<TConv>())
        {
            if (Vector512.IsHardwareAccelerated && OutputWidth<TConv>() > 8) WeightsDirect<TConv, Vector512<float>, Width512>(dz, x, dw, db, m);
            else if (Vector256.IsHardwareAccelerated) WeightsDirect<TConv, Vector256<float>, Width256>(dz, x, dw, db, m);
            else WeightsDirect<TConv, Vector128<float>, Width128>(dz, x, dw, db, m);
            return;
        }
        // Examples in chunks of about ChunkFloats floats of patches: one dense product per chunk over all its rows.
        int chunk = Math.Clamp(ChunkFloats / (p * (q + f)), 1, m);
        Span<float> scratch = Scratch(chunk * p * (q + f) + f * q + f);
        Span<float> rows = scratch.Slice(0, chunk * p * q), dzT = scratch.Slice(chunk * p * q, chunk * p * f);
        Span<float> dwPart = scratch.Slice(chunk * p * (q + f), f * q), dbPart = scratch.Slice(chunk * p * (q + f) + f * q, f);
        for (int i0 = 0; i0 < m; i0 += chunk)
        {
            int c = Math.Min(chunk, m - i0);
            for (int e = 0; e < c; e++)
            {
                Im2Row<TConv>(x.Slice((i0 + e) * inSize, inSize), rows.Slice(e * p * q, p * q));
                Transpose(dz.Slice((i0 + e) * outSize, outSize), dzT.Slice(e * p * f, p * f), f, p);
            }
            if (i0 == 0)
                Dense.BackwardWeights<Patch<TConv>, Filters<TConv>>(dzT, rows, dw, db, c * p);
            else
            {
                Dense.BackwardWeights<Patch<TConv>, Filters<TConv>>(dzT, rows, dwPart, dbPart, c * p);
                Elementwise.Add(dwPart, dw.Slice(0, f * q));
                Elementwise.Add(dbPart, db.Slice(0, f));
            }
        }
    }

    /// <summary>
    /// dZ_prev = col2im(dZᵀ·W) ⊙ g′(Z_prev): the fourth classic equation (dA[l−1] = W[l]ᵀ ⋆ dZ[l], the transposed
    /// convolution) fused with equation 1 of layer l−1. Shapes: dz m × (F·P), w F × Q, zPrev and dzPrev m × (C·H·W).
    /// </summary>
    public static void BackwardInput<TConv, TActPrev>(ReadOnlySpan<float> dz, ReadOnlySpan<float> w, ReadOnlySpan<float> zPrev, Span<float> dzPrev, int m)
        where TConv : struct, IConvolution where TActPrev : struct, IActivation
    {
        int inSize = TConv.Channels * TConv.Height * TConv.Width, f = TConv.Filters, p = Positions<TConv>(), q = Patch<TConv>.Value;
        int outSize = f * p;
        Check(m >= 0 && dz.Length >= m * outSize && w.Length >= f * q && zPrev.Length >= m * inSize && dzPrev.Length >= m * inSize);
        if (RowsInput<TConv>())
        {
            InputRows<TConv, TActPrev>(dz, w, zPrev, dzPrev, m);
            return;
        }
        Span<float> scratch = Scratch(p * f + p * q);
        Span<float> dzT = scratch.Slice(0, p * f), rows = scratch.Slice(p * f, p * q);
        for (int i = 0; i < m; i++)
        {
            Transpose(dz.Slice(i * outSize, outSize), dzT, f, p);
            Dense.BackwardInput<Patch<TConv>, Filters<TConv>, Identity>(dzT, w, rows, rows, p);   // P × Q: dX̂ = dZᵀ·W
            Span<float> di = dzPrev.Slice(i * inSize, inSize);
            Row2Im<TConv>(rows, di);
            if (typeof(TActPrev) != typeof(Identity)) Elementwise.MultiplyByDerivative<TActPrev>(zPrev.Slice(i * inSize, inSize), di);
        }
    }

    /// <summary>
    /// Whether the forward pass runs as a direct convolution along the output width: fewer than 12 filters (from 12 the
    /// filters fill the lanes instead, <see cref="FilterLanes{TConv}"/>; LeNet's first layer has 6: 1×28×28 → 6×28×28,
    /// 12 → 80 GFLOP/s against im2row on Zen 5) and stride 1 along the width (so a row of outputs reads contiguous
    /// inputs), on SIMD hardware.
    /// </summary>
    private static bool DirectForward<TConv>() where TConv : struct, IConvolution =>
        TConv.Filters < 12 && TConv.StrideWidth == 1 && Vector128.IsHardwareAccelerated;

    /// <summary>
    /// Whether dW is summed directly: as <see cref="DirectForward{TConv}"/> but for at most 8 filters. With 16 the
    /// direct sums lose to im2row (6×14×14 → 16×10×10: 17 against 37 GFLOP/s); with 6 they win (9 → 29).
    /// </summary>
    private static bool DirectWeights<TConv>() where TConv : struct, IConvolution =>
        TConv.Filters <= 8 && TConv.StrideWidth == 1 && Vector128.IsHardwareAccelerated;

    /// <summary>
    /// Z = W ⋆ X + b directly (<see cref="DirectForward{TConv}"/>): each example is copied into a zero-bordered C × (H + 2p) × R buffer (R ≥ W + 2p, and
    /// long enough that whole-vector loads past the last output stay inside), then blocks of up to 6 filters × 2·Count
    /// outputs of a row accumulate Σ_c Σ_ky Σ_kx w[f, c, ky, kx]·x[c, y + ky, x + kx] in registers: per kernel tap,
    /// 2 loads and one broadcast per filter feed 2 multiply-adds per filter (12 accumulators for 6 filters, which 16
    /// registers hold). On Zen 5, 1×28×28 → 6×28×28 with 512-bit vectors and 6 filters a block: 75 → 166 GFLOP/s.
    /// </summary>
    private static void ForwardDirect<TConv, TAct, TV, TW>(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b,
        Span<float> z, Span<float> a, int m)
        where TConv : struct, IConvolution where TAct : struct, IActivation where TV : struct where TW : struct, IVectorWidth<TV>
    {
        int inSize = TConv.Channels * TConv.Height * TConv.Width, f = TConv.Filters, outSize = f * Positions<TConv>();
        Span<float> padded = Bordered<TConv>(2 * TW.Count, out int rowLength, out int plane);
        ref float xp = ref MemoryMarshal.GetReference(padded);
        ref float w0 = ref MemoryMarshal.GetReference(w);
        ref float b0 = ref MemoryMarshal.GetReference(b);
        for (int i = 0; i < m; i++)
        {
            CopyIntoBorder<TConv>(x.Slice(i * inSize, inSize), padded, rowLength, plane);
            ref float zi = ref MemoryMarshal.GetReference(z.Slice(i * outSize, outSize));
            ref float ai = ref MemoryMarshal.GetReference(a.Slice(i * outSize, outSize));
            bool storeZ = !Unsafe.AreSame(ref zi, ref ai);
            int f0 = 0;
            for (; f0 + 6 <= f; f0 += 6) DirectBlock<TConv, TAct, F6, TV, TW>(ref xp, rowLength, plane, ref w0, ref b0, ref zi, ref ai, f0, storeZ);
            switch (f - f0)
            {
                case 5: DirectBlock<TConv, TAct, F5, TV, TW>(ref xp, rowLength, plane, ref w0, ref b0, ref zi, ref ai, f0, storeZ); break;
                case 4: DirectBlock<TConv, TAct, F4, TV, TW>(ref xp, rowLength, plane, ref w0, ref b0, ref zi, ref ai, f0, storeZ); break;
                case 3: DirectBlock<TConv, TAct, F3, TV, TW>(ref xp, rowLength, plane, ref w0, ref b0, ref zi, ref ai, f0, storeZ); break;
                case 2: DirectBlock<TConv, TAct, F2, TV, TW>(ref xp, rowLength, plane, ref w0, ref b0, ref zi, ref ai, f0, storeZ); break;
                case 1: DirectBlock<TConv, TAct, F1, TV, TW>(ref xp, rowLength, plane, ref w0, ref b0, ref zi, ref ai, f0, storeZ); break;
            }
        }
    }

    /// <summary>
    /// dW and db directly, for the layers <see cref="DirectWeights{TConv}"/> admits: each example is copied into the
    /// same zero-bordered buffer and its dZ rows padded to whole vectors, and for each block of up to 6 filters (3 with
    /// 16 registers), input channel, kernel row and run of up to 4 kernel columns, the accumulators sum
    /// dz[f, y, x..]·x[c, y·s + ky, x + kx..] over every output row, Count outputs at a time (x's lanes past a row
    /// masked), then are reduced into dW once per example. On Zen 5, 1×28×28 → 6×28×28 at m = 64, 2 filters a block on
    /// 256-bit vectors against 6 on 512-bit ones: 30 → 83 GFLOP/s (498 → 181 µs).
    /// </summary>
    private static void WeightsDirect<TConv, TV, TW>(ReadOnlySpan<float> dz, ReadOnlySpan<float> x, Span<float> dw, Span<float> db, int m)
        where TConv : struct, IConvolution where TV : struct where TW : struct, IVectorWidth<TV>
    {
        int inSize = TConv.Channels * TConv.Height * TConv.Width, f = TConv.Filters, oh = OutputHeight<TConv>(), ow = OutputWidth<TConv>();
        int fo = oh * ow, outSize = f * fo, taps = Patch<TConv>.Value, rowRun = (ow + TW.Count - 1) / TW.Count * TW.Count;
        int border = BorderedLength<TConv>(TW.Count, out int rowLength, out int plane);
        // The zero-bordered example, and its dZ with each output row padded with zeros to whole vectors.
        Span<float> scratch = Scratch(border + f * oh * rowRun);
        Span<float> padded = scratch.Slice(0, border), rows = scratch.Slice(border, f * oh * rowRun);
        padded.Clear();
        rows.Clear();
        dw.Slice(0, f * taps).Clear();
        db.Slice(0, f).Clear();
        ref float xp = ref MemoryMarshal.GetReference(padded);
        ref float d = ref MemoryMarshal.GetReference(rows);
        ref float dw0 = ref MemoryMarshal.GetReference(dw);
        // Filters per block: 6 (24 accumulators) where there are 32 vector registers, else 3 (12).
        int most = Registers32 ? 6 : 3;
        for (int i = 0; i < m; i++)
        {
            CopyIntoBorder<TConv>(x.Slice(i * inSize, inSize), padded, rowLength, plane);
            ReadOnlySpan<float> dzi = dz.Slice(i * outSize, outSize);
            for (int k = 0; k < f; k++) db[k] += Elementwise.Sum(dzi.Slice(k * fo, fo));
            for (int row = 0; row < f * oh; row++) dzi.Slice(row * ow, ow).CopyTo(rows.Slice(row * rowRun, ow));
            for (int f0 = 0; f0 < f; f0 += most)
                switch (Math.Min(most, f - f0))
                {
                    case 6: WeightsDirectBlock<TConv, F6, TV, TW>(ref d, ref xp, rowLength, plane, ref dw0, f0); break;
                    case 5: WeightsDirectBlock<TConv, F5, TV, TW>(ref d, ref xp, rowLength, plane, ref dw0, f0); break;
                    case 4: WeightsDirectBlock<TConv, F4, TV, TW>(ref d, ref xp, rowLength, plane, ref dw0, f0); break;
                    case 3: WeightsDirectBlock<TConv, F3, TV, TW>(ref d, ref xp, rowLength, plane, ref dw0, f0); break;
                    case 2: WeightsDirectBlock<TConv, F2, TV, TW>(ref d, ref xp, rowLength, plane, ref dw0, f0); break;
                    default: WeightsDirectBlock<TConv, F1, TV, TW>(ref d, ref xp, rowLength, plane, ref dw0, f0); break;
                }
        }
    }

    /// <summary>Whether the vector registers number 32 (AVX-512, ARM64) rather than 16, so larger register blocks fit.</summary>
    private static bool Registers32 => System.Runtime.Intrinsics.X86.Avx512F.VL.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.Arm64.IsSupported;

    /// <summary>
    /// dW[f0..f0+TF, ·, ·, ·] += one example's sums (see <see cref="WeightsDirect{TConv, TV, TW}"/>): for each input
    /// channel, kernel row and run of up to 4 kernel columns, TF × 4 accumulators over every output row, Count outputs
    /// at a time; per vector, TF loads of dZ (rows padded with zeros) and up to 4 of x feed 4·TF multiply-adds.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void WeightsDirectBlock<TConv, TF, TV, TW>(ref float dz, ref float xp, int rowLength, int plane, ref float dw, int f0)
        where TConv : struct, IConvolution where TF : struct, IDim where TV : struct where TW : struct, IVectorWidth<TV>
    {
        int c = TConv.Channels, kh = TConv.KernelHeight, kw = TConv.KernelWidth, sh = TConv.StrideHeight, fb = TF.Value;
        int oh = OutputHeight<TConv>(), ow = OutputWidth<TConv>(), n = TW.Count, taps = c * kh * kw;
        int rowRun = (ow + n - 1) / n * n, filterRows = oh * rowRun;
        TV mask = TW.LowLanes(ow % n);
        ref float g = ref Unsafe.Add(ref dz, f0 * filterRows);   // filter f0's padded dZ rows; filter f0 + j's j·OH rows further
        for (int ch = 0; ch < c; ch++)
            for (int ky = 0; ky < kh; ky++)
                for (int kx0 = 0; kx0 < kw; kx0 += 4)
                {
                    int kn = Math.Min(4, kw - kx0);

                    TV a00 = default, a01 = default, a02 = default, a03 = default, a10 = default, a11 = default, a12 = default, a13 = default, a20 = default, a21 = default, a22 = default, a23 = default, a30 = default, a31 = default, a32 = default, a33 = default, a40 = default, a41 = default, a42 = default, a43 = default, a50 = default, a51 = default, a52 = default, a53 = default;
                    for (int oy = 0; oy < oh; oy++)
                    {
                        ref float row = ref Unsafe.Add(ref xp, ch * plane + (oy * sh + ky) * rowLength + kx0);
                        ref float go = ref Unsafe.Add(ref g, oy * rowRun);
                        for (int ox = 0; ox < ow; ox += n)
                        {
                            // In the last vector of a row, x's lanes past the row are zeroed: 0·x must not turn an
                            // infinite or NaN input that no window covers into a NaN gradient.
                            bool tail = ox + n > ow;
                            TV x0 = TW.Load(ref row, (nuint)ox);
                            TV x1 = kn > 1 ? TW.Load(ref row, (nuint)ox + 1) : default;
                            TV x2 = kn > 2 ? TW.Load(ref row, (nuint)ox + 2) : default;
                            TV x3 = kn > 3 ? TW.Load(ref row, (nuint)ox + 3) : default;
                            if (tail) { x0 = TW.And(x0, mask); x1 = TW.And(x1, mask); x2 = TW.And(x2, mask); x3 = TW.And(x3, mask); }
                            {
                                TV v = TW.Load(ref go, (nuint)(0 * filterRows + ox));
                                a00 = TW.MultiplyAdd(v, x0, a00);
                                if (kn > 1) a01 = TW.MultiplyAdd(v, x1, a01);
                                if (kn > 2) a02 = TW.MultiplyAdd(v, x2, a02);
                                if (kn > 3) a03 = TW.MultiplyAdd(v, x3, a03);
                            }
                            if (fb > 1) {
                                TV v = TW.Load(ref go, (nuint)(1 * filterRows + ox));
                                a10 = TW.MultiplyAdd(v, x0, a10);
                                if (kn > 1) a11 = TW.MultiplyAdd(v, x1, a11);
                                if (kn > 2) a12 = TW.MultiplyAdd(v, x2, a12);
                                if (kn > 3) a13 = TW.MultiplyAdd(v, x3, a13);
                            }
                            if (fb > 2) {
                                TV v = TW.Load(ref go, (nuint)(2 * filterRows + ox));
                                a20 = TW.MultiplyAdd(v, x0, a20);
                                if (kn > 1) a21 = TW.MultiplyAdd(v, x1, a21);
                                if (kn > 2) a22 = TW.MultiplyAdd(v, x2, a22);
                                if (kn > 3) a23 = TW.MultiplyAdd(v, x3, a23);
                            }
                            if (fb > 3) {
                                TV v = TW.Load(ref go, (nuint)(3 * filterRows + ox));
                                a30 = TW.MultiplyAdd(v, x0, a30);
                                if (kn > 1) a31 = TW.MultiplyAdd(v, x1, a31);
                                if (kn > 2) a32 = TW.MultiplyAdd(v, x2, a32);
                                if (kn > 3) a33 = TW.MultiplyAdd(v, x3, a33);
                            }
                            if (fb > 4) {
                                TV v = TW.Load(ref go, (nuint)(4 * filterRows + ox));
                                a40 = TW.MultiplyAdd(v, x0, a40);
                                if (kn > 1) a41 = TW.MultiplyAdd(v, x1, a41);
                                if (kn > 2) a42 = TW.MultiplyAdd(v, x2, a42);
                                if (kn > 3) a43 = TW.MultiplyAdd(v, x3, a43);
                            }
                            if (fb > 5) {
                                TV v = TW.Load(ref go, (nuint)(5 * filterRows + ox));
                                a50 = TW.MultiplyAdd(v, x0, a50);
                                if (kn > 1) a51 = TW.MultiplyAdd(v, x1, a51);
                                if (kn > 2) a52 = TW.MultiplyAdd(v, x2, a52);
                                if (kn > 3) a53 = TW.MultiplyAdd(v, x3, a53);
                            }
                        }
                    }
                    ref float w = ref Unsafe.Add(ref dw, f0 * taps + (ch * kh + ky) * kw + kx0);
                    AddSums<TV, TW>(ref Unsafe.Add(ref w, 0 * taps), kn, a00, a01, a02, a03);
                    if (fb > 1) AddSums<TV, TW>(ref Unsafe.Add(ref w, 1 * taps), kn, a10, a11, a12, a13);
                    if (fb > 2) AddSums<TV, TW>(ref Unsafe.Add(ref w, 2 * taps), kn, a20, a21, a22, a23);
                    if (fb > 3) AddSums<TV, TW>(ref Unsafe.Add(ref w, 3 * taps), kn, a30, a31, a32, a33);
                    if (fb > 4) AddSums<TV, TW>(ref Unsafe.Add(ref w, 4 * taps), kn, a40, a41, a42, a43);
                    if (fb > 5) AddSums<TV, TW>(ref Unsafe.Add(ref w, 5 * taps), kn, a50, a51, a52, a53);
                }
    }

    /// <summary>w[k] += the lane sum of accumulator k, for k &lt; <paramref name="kn"/> (≤ 4).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddSums<TV, TW>(ref float w, int kn, TV a0, TV a1, TV a2, TV a3) where TV : struct where TW : struct, IVectorWidth<TV>
    {
        w += TW.Sum(a0);
        if (kn > 1) Unsafe.Add(ref w, 1) += TW.Sum(a1);
        if (kn > 2) Unsafe.Add(ref w, 2) += TW.Sum(a2);
        if (kn > 3) Unsafe.Add(ref w, 3) += TW.Sum(a3);
    }

    /// <summary>
    /// The direct kernels' zero-bordered buffer for one example (cleared; each example then overwrites the interior
    /// only): C planes of H + 2·padding rows, each row at least W + 2·padding long and long enough that loads of
    /// <paramref name="span"/> outputs from every kernel column stay inside.
    /// </summary>
    private static Span<float> Bordered<TConv>(int span, out int rowLength, out int plane) where TConv : struct, IConvolution
    {
        Span<float> padded = Scratch(BorderedLength<TConv>(span, out rowLength, out plane));
        padded.Clear();
        return padded;
    }

    /// <summary>The length of <see cref="Bordered{TConv}"/>'s buffer (rounded up to 16 floats, so what follows it in the scratch stays 64-byte aligned).</summary>
    private static int BorderedLength<TConv>(int span, out int rowLength, out int plane) where TConv : struct, IConvolution
    {
        int ow = OutputWidth<TConv>();
        rowLength = Math.Max((ow + span - 1) / span * span + TConv.KernelWidth - 1, TConv.Width + 2 * TConv.PaddingWidth);
        plane = (TConv.Height + 2 * TConv.PaddingHeight) * rowLength;
        return (TConv.Channels * plane + 15) & ~15;
    }

    /// <summary>One example's C × H × W into the interior of the zero-bordered buffer (rows <paramref name="rowLength"/> apart, channels <paramref name="plane"/> apart).</summary>
    private static void CopyIntoBorder<TConv>(ReadOnlySpan<float> x, Span<float> padded, int rowLength, int plane) where TConv : struct, IConvolution
    {
        int h = TConv.Height, wd = TConv.Width;
        for (int ch = 0; ch < TConv.Channels; ch++)
            for (int y = 0; y < h; y++)
                x.Slice((ch * h + y) * wd, wd).CopyTo(padded.Slice(ch * plane + (y + TConv.PaddingHeight) * rowLength + TConv.PaddingWidth));
    }

    private readonly struct F1 : IDim { public static int Value => 1; }
    private readonly struct F2 : IDim { public static int Value => 2; }
    private readonly struct F3 : IDim { public static int Value => 3; }
    private readonly struct F4 : IDim { public static int Value => 4; }
    private readonly struct F5 : IDim { public static int Value => 5; }
    private readonly struct F6 : IDim { public static int Value => 6; }

    /// <summary>Filters f0..f0+TF of one example, every output row, 2·Count outputs at a time (see <see cref="ForwardDirect{TConv, TAct, TV, TW}"/>).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void DirectBlock<TConv, TAct, TF, TV, TW>(ref float xp, int rowLength, int plane, ref float w, ref float b,
        ref float z, ref float a, int f0, bool storeZ)
        where TConv : struct, IConvolution where TAct : struct, IActivation where TF : struct, IDim where TV : struct where TW : struct, IVectorWidth<TV>
    {
        int c = TConv.Channels, kh = TConv.KernelHeight, kw = TConv.KernelWidth, sh = TConv.StrideHeight, fb = TF.Value;
        int oh = OutputHeight<TConv>(), ow = OutputWidth<TConv>(), taps = c * kh * kw;
        nuint cnt = (nuint)TW.Count;
        ref float wf = ref Unsafe.Add(ref w, f0 * taps);   // filter f0's c × kh × kw weights, the next filters after it
        for (int oy = 0; oy < oh; oy++)
            for (int ox0 = 0; ox0 < ow; ox0 += 2 * TW.Count)
            {
                TV c00 = TW.Create(Unsafe.Add(ref b, f0)), c01 = c00;
                TV c10 = fb > 1 ? TW.Create(Unsafe.Add(ref b, f0 + 1)) : default, c11 = c10;
                TV c20 = fb > 2 ? TW.Create(Unsafe.Add(ref b, f0 + 2)) : default, c21 = c20;
                TV c30 = fb > 3 ? TW.Create(Unsafe.Add(ref b, f0 + 3)) : default, c31 = c30;
                TV c40 = fb > 4 ? TW.Create(Unsafe.Add(ref b, f0 + 4)) : default, c41 = c40;
                TV c50 = fb > 5 ? TW.Create(Unsafe.Add(ref b, f0 + 5)) : default, c51 = c50;
                ref float origin = ref Unsafe.Add(ref xp, oy * sh * rowLength + ox0);
                int t = 0;
                for (int ch = 0; ch < c; ch++)
                    for (int ky = 0; ky < kh; ky++)
                    {
                        ref float row = ref Unsafe.Add(ref origin, ch * plane + ky * rowLength);
                        for (int kx = 0; kx < kw; kx++, t++)
                        {
                            var x0 = TW.Load(ref row, (nuint)kx);
                            var x1 = TW.Load(ref row, (nuint)kx + cnt);
                            var wv = TW.Broadcast(ref Unsafe.Add(ref wf, t));
                            c00 = TW.MultiplyAdd(wv, x0, c00); c01 = TW.MultiplyAdd(wv, x1, c01);
                            if (fb > 1) { wv = TW.Create(Unsafe.Add(ref wf, taps + t)); c10 = TW.MultiplyAdd(wv, x0, c10); c11 = TW.MultiplyAdd(wv, x1, c11); }
                            if (fb > 2) { wv = TW.Broadcast(ref Unsafe.Add(ref wf, 2 * taps + t)); c20 = TW.MultiplyAdd(wv, x0, c20); c21 = TW.MultiplyAdd(wv, x1, c21); }
                            if (fb > 3) { wv = TW.Broadcast(ref Unsafe.Add(ref wf, 3 * taps + t)); c30 = TW.MultiplyAdd(wv, x0, c30); c31 = TW.MultiplyAdd(wv, x1, c31); }
                            if (fb > 4) { wv = TW.Broadcast(ref Unsafe.Add(ref wf, 4 * taps + t)); c40 = TW.MultiplyAdd(wv, x0, c40); c41 = TW.MultiplyAdd(wv, x1, c41); }
                            if (fb > 5) { wv = TW.Broadcast(ref Unsafe.Add(ref wf, 5 * taps + t)); c50 = TW.MultiplyAdd(wv, x0, c50); c51 = TW.MultiplyAdd(wv, x1, c51); }
                        }
                    }
                int count = Math.Min(2 * TW.Count, ow - ox0), o = oy * ow + ox0, fo = oh * ow;
                DirectStore<TAct, TV, TW>(c00, c01, ref z, ref a, f0 * fo + o, count, storeZ);
                if (fb > 1) DirectStore<TAct, TV, TW>(c10, c11, ref z, ref a, (f0 + 1) * fo + o, count, storeZ);
                if (fb > 2) DirectStore<TAct, TV, TW>(c20, c21, ref z, ref a, (f0 + 2) * fo + o, count, storeZ);
                if (fb > 3) DirectStore<TAct, TV, TW>(c30, c31, ref z, ref a, (f0 + 3) * fo + o, count, storeZ);
                if (fb > 4) DirectStore<TAct, TV, TW>(c40, c41, ref z, ref a, (f0 + 4) * fo + o, count, storeZ);
                if (fb > 5) DirectStore<TAct, TV, TW>(c50, c51, ref z, ref a, (f0 + 5) * fo + o, count, storeZ);
            }
    }

    /// <summary>
    /// z (if asked) and g(z) for the first <paramref name="count"/> (≤ 2·Count) outputs of v0 | v1 at <paramref name="offset"/>.
    /// The same as Dense.StoreRow, kept apart on purpose: called from this larger block, StoreRow measured 7 % slower
    /// (1×28×28 → 6×28×28 forward, three interleaved runs each on Zen 5: 69–70 against 73–76 GFLOP/s).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void DirectStore<TAct, TV, TW>(TV v0, TV v1, ref float z, ref float a, int offset, int count, bool storeZ)
        where TAct : struct, IActivation where TV : struct where TW : struct, IVectorWidth<TV>
    {
        if (storeZ) StorePair<TV, TW>(v0, v1, ref Unsafe.Add(ref z, offset), count);
        if (typeof(TAct) != typeof(Identity)) { v0 = TAct.Apply<TV, TW>(v0); v1 = TAct.Apply<TV, TW>(v1); }
        StorePair<TV, TW>(v0, v1, ref Unsafe.Add(ref a, offset), count);
    }

    /// <summary>The first <paramref name="count"/> (≤ 2·Count) lanes of v0 | v1 to dest.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StorePair<TV, TW>(TV v0, TV v1, ref float dest, int count) where TV : struct where TW : struct, IVectorWidth<TV>
    {
        int n = TW.Count;
        if (count >= 2 * n) { TW.Store(v0, ref dest, 0); TW.Store(v1, ref dest, (nuint)n); }
        else if (count > n) { TW.Store(v0, ref dest, 0); TW.StorePartial(v1, ref Unsafe.Add(ref dest, n), count - n); }
        else TW.StorePartial(v0, ref dest, count);
    }

    /// <summary>Floats of patches per chunk of examples in <see cref="BackwardWeights{TConv}"/> (4 MB).</summary>
    private const int ChunkFloats = 1 << 20;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Positions<TConv>() where TConv : struct, IConvolution => OutputHeight<TConv>() * OutputWidth<TConv>();

    /// <summary>Q = C·KH·KW, as a size for the dense kernels.</summary>
    private readonly struct Patch<TConv> : IDim where TConv : struct, IConvolution
    {
        public static int Value => TConv.Channels * TConv.KernelHeight * TConv.KernelWidth;
    }

    /// <summary>F, as a size for the dense kernels.</summary>
    private readonly struct Filters<TConv> : IDim where TConv : struct, IConvolution
    {
        public static int Value => TConv.Filters;
    }

    /// <summary>rows[p, (c·KH + ky)·KW + kx] = x[c, oy·s + ky − pad, ox·s + kx − pad], or 0 in the padding.</summary>
    private static void Im2Row<TConv>(ReadOnlySpan<float> x, Span<float> rows) where TConv : struct, IConvolution
    {
        int c = TConv.Channels, h = TConv.Height, wd = TConv.Width, kh = TConv.KernelHeight, kw = TConv.KernelWidth;
        int sh = TConv.StrideHeight, sw = TConv.StrideWidth, ph = TConv.PaddingHeight, pw = TConv.PaddingWidth;
        int oh = OutputHeight<TConv>(), ow = OutputWidth<TConv>(), q = c * kh * kw;
        for (int oy = 0; oy < oh; oy++)
            for (int ox = 0; ox < ow; ox++)
            {
                Span<float> row = rows.Slice((oy * ow + ox) * q, q);
                int y0 = oy * sh - ph, x0 = ox * sw - pw, r = 0;
                // The columns of the window inside the image: kx in [kx0, kx1).
                int kx0 = Math.Max(0, -x0), kx1 = Math.Min(kw, wd - x0);
                for (int ch = 0; ch < c; ch++)
                    for (int ky = 0; ky < kh; ky++, r += kw)
                    {
                        int iy = y0 + ky;
                        Span<float> dst = row.Slice(r, kw);
                        if ((uint)iy >= (uint)h || kx0 >= kx1) { dst.Clear(); continue; }
                        if (kx0 > 0) dst.Slice(0, kx0).Clear();
                        x.Slice((ch * h + iy) * wd + x0 + kx0, kx1 - kx0).CopyTo(dst.Slice(kx0));
                        if (kx1 < kw) dst.Slice(kx1).Clear();
                    }
            }
    }

    /// <summary>dx = 0, then each row's values added back where <see cref="Im2Row{TConv}"/> took them from.</summary>
    private static void Row2Im<TConv>(ReadOnlySpan<float> rows, Span<float> dx) where TConv : struct, IConvolution
    {
        int c = TConv.Channels, h = TConv.Height, wd = TConv.Width, kh = TConv.KernelHeight, kw = TConv.KernelWidth;
        int sh = TConv.StrideHeight, sw = TConv.StrideWidth, ph = TConv.PaddingHeight, pw = TConv.PaddingWidth;
        int oh = OutputHeight<TConv>(), ow = OutputWidth<TConv>(), q = c * kh * kw;
        dx.Slice(0, c * h * wd).Clear();
        for (int oy = 0; oy < oh; oy++)
            for (int ox = 0; ox < ow; ox++)
            {
                ReadOnlySpan<float> row = rows.Slice((oy * ow + ox) * q, q);
                int y0 = oy * sh - ph, x0 = ox * sw - pw, r = 0;
                int kx0 = Math.Max(0, -x0), kx1 = Math.Min(kw, wd - x0);
                if (kx0 >= kx1) continue;
                for (int ch = 0; ch < c; ch++)
                    for (int ky = 0; ky < kh; ky++, r += kw)
                    {
                        int iy = y0 + ky;
                        if ((uint)iy >= (uint)h) continue;
                        Elementwise.Add(row.Slice(r + kx0, kx1 - kx0), dx.Slice((ch * h + iy) * wd + x0 + kx0, kx1 - kx0));
                    }
            }
    }

    /// <summary>dst[j, i] = src[i, j] for a rows × cols src.</summary>
    private static void Transpose(ReadOnlySpan<float> src, Span<float> dst, int rows, int cols)
    {
        ref float s = ref MemoryMarshal.GetReference(src);
        ref float d = ref MemoryMarshal.GetReference(dst);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                Unsafe.Add(ref d, j * rows + i) = Unsafe.Add(ref s, i * cols + j);
    }

    private static void Check(bool ok)
    {
        if (!ok) ThrowShape();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowShape() => throw new ArgumentException("A convolution operand is shorter than its declared shape.");

    [ThreadStatic] private static float[]? t_scratch;

    /// <summary>
    /// This thread's buffer of at least <paramref name="length"/> floats, starting on a 64-byte boundary (allocated
    /// once, pinned, grown when a larger layer needs it).
    /// </summary>
    private static Span<float> Scratch(int length) => Aligned(ref t_scratch, length, 16 * 1024);

    /// <summary>The first <paramref name="length"/> floats from a 64-byte boundary of the pinned buffer in <paramref name="slot"/>, (re)allocated when too short.</summary>
    private static unsafe Span<float> Aligned(ref float[]? slot, int length, int least)
    {
        float[]? buffer = slot;
        if (buffer is null || buffer.Length < length + 16)
            slot = buffer = GC.AllocateUninitializedArray<float>(Math.Max(length + 16, least), pinned: true);
        int skip = (int)((64 - (nuint)Unsafe.AsPointer(ref buffer[0]) % 64) % 64) / sizeof(float);
        return buffer.AsSpan(skip, length);
    }
}
