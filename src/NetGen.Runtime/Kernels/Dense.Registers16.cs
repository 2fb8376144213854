using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Kernels;

public static partial class Dense
{
    // Micro-kernels for 16 vector registers, at any vector width (type arguments TV, TW): x64 AVX2 without AVX-512
    // (8 lanes), and the 128-bit paths — x64 without AVX (the Native AOT baseline), ARM64 AdvSimd, WebAssembly SIMD128.
    // The blocks in Dense.Forward.cs and Dense.Backward.cs are sized for AVX-512's 32: a 4 × 32 backward block keeps 16
    // accumulators plus 4 loaded vectors and a broadcast, the 6 × 4 forward block 24 accumulators, and with 16 registers
    // RyuJIT spills them inside the inner loop (measured on a Zen 3: every big product at 30–55 % of the FMA peak).
    // Here every block keeps 12 accumulators:
    // - dW and dX: the classic 6-row shape, six rows × two vectors (a panel of 2·Count columns), 2 vector loads and 6
    //   broadcasts per 12 multiply-adds;
    // - forward, 32+ examples: the same shape over a transposed copy of 2·Count units of W (AffinePacked16);
    // - forward, fewer examples: dot products, 4 examples × 3 units (AffinePanels16).
    // Row and unit counts are type arguments (R1..R6), so one method serves the full blocks and every tail.

    /// <summary>
    /// Whether broadcasting one float into a vector costs a shuffle on the arithmetic ports: x64 without AVX (the Native
    /// AOT baseline, DOTNET_EnableAVX=0), where SSE has no broadcast load. AdvSimd (ld1r, by-element multiply-adds) and
    /// AVX (vbroadcastss) broadcast from memory in the load unit.
    /// </summary>
    private static bool BroadcastIsShuffle => Sse.IsSupported && !Avx.IsSupported;

    private readonly struct R1 : IDim { public static int Value => 1; }
    private readonly struct R2 : IDim { public static int Value => 2; }
    private readonly struct R3 : IDim { public static int Value => 3; }
    private readonly struct R4 : IDim { public static int Value => 4; }
    private readonly struct R5 : IDim { public static int Value => 5; }
    private readonly struct R6 : IDim { public static int Value => 6; }

    /// <summary>
    /// A = g(X·Wᵀ + b) for 16 vector registers: 4 examples × 3 units per block (12 accumulators, 3 + 4 loads per 12
    /// multiply-adds). Units outermost: the block's 3 rows of W stay in L1 while X streams past in order.
    /// (Measured and dropped: chunking the input dimension so that X too stays in L1 for 12 units at a time; the extra
    /// reductions and partial sums cost more than the L2 traffic they save: 784→128, m = 64, 84 % → 75 % of peak.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AffinePanels16<TIn, TOut, TAct, TV, TW>(ref float x, ref float w, ref float b, ref float z, ref float a, int m, bool storeZ)
        where TIn : struct, IDim where TOut : struct, IDim where TAct : struct, IActivation where TV : struct where TW : struct, IVectorWidth<TV>
    {
        int nIn = TIn.Value, nOut = TOut.Value;
        // Examples in groups of at most ~128 KB of X, so that the group stays in L2 while every unit passes over it
        // (W6: 128 rows of 1024 inputs are 512 KB, a whole Zen 3 L2, and were streamed from L3 for every 3 units).
        int group = Math.Max(4, (ForwardGroupBytes16 / (4 * nIn)) & ~3);
        for (int i0 = 0; i0 < m; i0 += group)
        {
            int mm = Math.Min(group, m - i0), j = 0;
            ref float xg = ref Unsafe.Add(ref x, i0 * nIn);
            ref float zg = ref Unsafe.Add(ref z, i0 * nOut);
            ref float ag = ref Unsafe.Add(ref a, i0 * nOut);
            for (; j + 3 <= nOut; j += 3) AffineUnits16<TIn, TOut, TAct, R3, TV, TW>(ref xg, ref w, ref b, ref zg, ref ag, mm, j, storeZ);
            if (nOut - j == 2) AffineUnits16<TIn, TOut, TAct, R2, TV, TW>(ref xg, ref w, ref b, ref zg, ref ag, mm, j, storeZ);
            else if (nOut - j == 1) AffineUnits16<TIn, TOut, TAct, R1, TV, TW>(ref xg, ref w, ref b, ref zg, ref ag, mm, j, storeZ);
        }
    }

    /// <summary>Bytes of X per group of examples in <see cref="AffinePanels16{TIn, TOut, TAct, TV, TW}"/>.</summary>
    private const int ForwardGroupBytes16 = 128 * 1024;

    /// <summary>Units j..j+TUnits for every example, 4 at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AffineUnits16<TIn, TOut, TAct, TUnits, TV, TW>(ref float x, ref float w, ref float b, ref float z, ref float a, int m, int j, bool storeZ)
        where TIn : struct, IDim where TOut : struct, IDim where TAct : struct, IActivation where TUnits : struct, IDim
        where TV : struct where TW : struct, IVectorWidth<TV>
    {
        int nIn = TIn.Value, nOut = TOut.Value, i = 0;
        ref float wj = ref Unsafe.Add(ref w, j * nIn);
        ref float bj = ref Unsafe.Add(ref b, j);
        // 3 × 3 blocks on x64 without AVX, 4 × 3 elsewhere. Measured with DOTNET_EnableAVX=0 on Zen 5, 1024→1024 at
        // m = 128: 49–52 GFLOP/s for 3 × 3 against 29 for 4 × 3 (likely cause: SSE's destructive multiply needs a
        // copy of x per product, a 17th register for the 4 × 3 block's 12 accumulators and 3 rows of W).
        if (BroadcastIsShuffle)
            for (; i + 3 <= m; i += 3)
                AffineBlock16<TIn, TOut, TAct, R3, TUnits, TV, TW>(ref Unsafe.Add(ref x, i * nIn), ref wj, ref bj, ref Unsafe.Add(ref z, i * nOut + j), ref Unsafe.Add(ref a, i * nOut + j), storeZ);
        else
            for (; i + 4 <= m; i += 4)
                AffineBlock16<TIn, TOut, TAct, R4, TUnits, TV, TW>(ref Unsafe.Add(ref x, i * nIn), ref wj, ref bj, ref Unsafe.Add(ref z, i * nOut + j), ref Unsafe.Add(ref a, i * nOut + j), storeZ);
        switch (m - i)
        {
            case 3: AffineBlock16<TIn, TOut, TAct, R3, TUnits, TV, TW>(ref Unsafe.Add(ref x, i * nIn), ref wj, ref bj, ref Unsafe.Add(ref z, i * nOut + j), ref Unsafe.Add(ref a, i * nOut + j), storeZ); break;
            case 2: AffineBlock16<TIn, TOut, TAct, R2, TUnits, TV, TW>(ref Unsafe.Add(ref x, i * nIn), ref wj, ref bj, ref Unsafe.Add(ref z, i * nOut + j), ref Unsafe.Add(ref a, i * nOut + j), storeZ); break;
            case 1: AffineBlock16<TIn, TOut, TAct, R1, TUnits, TV, TW>(ref Unsafe.Add(ref x, i * nIn), ref wj, ref bj, ref Unsafe.Add(ref z, i * nOut + j), ref Unsafe.Add(ref a, i * nOut + j), storeZ); break;
        }
    }

    /// <summary>z[e, u] = b[u] + Σ_k x[e, k]·w[u, k] and a = g(z) for e &lt; TExamples, u &lt; TUnits (at most 4 × 3).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void AffineBlock16<TIn, TOut, TAct, TExamples, TUnits, TV, TW>(ref float x, ref float w, ref float b, ref float z, ref float a, bool storeZ)
        where TIn : struct, IDim where TOut : struct, IDim where TAct : struct, IActivation where TExamples : struct, IDim where TUnits : struct, IDim
        where TV : struct where TW : struct, IVectorWidth<TV>
    {
        nuint n = (nuint)TIn.Value, c = (nuint)TW.Count;
        int ex = TExamples.Value, un = TUnits.Value;
        TV c00 = default, c01 = default, c02 = default, c10 = default, c11 = default, c12 = default,
           c20 = default, c21 = default, c22 = default, c30 = default, c31 = default, c32 = default;
        nuint k = 0;
        for (; k + c <= n; k += c)
        {
            var w0 = TW.Load(ref w, k);
            var w1 = un > 1 ? TW.Load(ref w, n + k) : default;
            var w2 = un > 2 ? TW.Load(ref w, 2 * n + k) : default;
            var xv = TW.Load(ref x, k);
            c00 = TW.MultiplyAdd(xv, w0, c00);
            if (un > 1) c01 = TW.MultiplyAdd(xv, w1, c01);
            if (un > 2) c02 = TW.MultiplyAdd(xv, w2, c02);
            if (ex > 1)
            {
                xv = TW.Load(ref x, n + k);
                c10 = TW.MultiplyAdd(xv, w0, c10);
                if (un > 1) c11 = TW.MultiplyAdd(xv, w1, c11);
                if (un > 2) c12 = TW.MultiplyAdd(xv, w2, c12);
            }
            if (ex > 2)
            {
                xv = TW.Load(ref x, 2 * n + k);
                c20 = TW.MultiplyAdd(xv, w0, c20);
                if (un > 1) c21 = TW.MultiplyAdd(xv, w1, c21);
                if (un > 2) c22 = TW.MultiplyAdd(xv, w2, c22);
            }
            if (ex > 3)
            {
                xv = TW.Load(ref x, 3 * n + k);
                c30 = TW.MultiplyAdd(xv, w0, c30);
                if (un > 1) c31 = TW.MultiplyAdd(xv, w1, c31);
                if (un > 2) c32 = TW.MultiplyAdd(xv, w2, c32);
            }
        }
        var r0 = TW.Reduce4(c00, c01, c02, default);
        var r1 = ex > 1 ? TW.Reduce4(c10, c11, c12, default) : default;
        var r2 = ex > 2 ? TW.Reduce4(c20, c21, c22, default) : default;
        var r3 = ex > 3 ? TW.Reduce4(c30, c31, c32, default) : default;
        for (; k < n; k++)
        {
            var wt = Vector128.Create(Unsafe.Add(ref w, k), un > 1 ? Unsafe.Add(ref w, n + k) : 0f, un > 2 ? Unsafe.Add(ref w, 2 * n + k) : 0f, 0f);
            r0 += Vector128.Create(Unsafe.Add(ref x, k)) * wt;
            if (ex > 1) r1 += Vector128.Create(Unsafe.Add(ref x, n + k)) * wt;
            if (ex > 2) r2 += Vector128.Create(Unsafe.Add(ref x, 2 * n + k)) * wt;
            if (ex > 3) r3 += Vector128.Create(Unsafe.Add(ref x, 3 * n + k)) * wt;
        }
        nuint s = (nuint)TOut.Value;
        var bias = Width128.LoadPartial(ref b, un);
        r0 += bias; r1 += bias; r2 += bias; r3 += bias;
        if (storeZ)
        {
            Width128.StorePartial(r0, ref z, un);
            if (ex > 1) Width128.StorePartial(r1, ref Unsafe.Add(ref z, s), un);
            if (ex > 2) Width128.StorePartial(r2, ref Unsafe.Add(ref z, 2 * s), un);
            if (ex > 3) Width128.StorePartial(r3, ref Unsafe.Add(ref z, 3 * s), un);
        }
        if (typeof(TAct) != typeof(Identity))
        {
            if (Vector256.IsHardwareAccelerated)
            {
                // Two examples' units in one 8-lane evaluation of g.
                var g01 = TAct.Apply(Vector256.Create(r0, r1));
                r0 = g01.GetLower(); r1 = g01.GetUpper();
                if (ex > 2) { var g23 = TAct.Apply(Vector256.Create(r2, r3)); r2 = g23.GetLower(); r3 = g23.GetUpper(); }
            }
            else
            {
                r0 = TAct.Apply<Vector128<float>, Width128>(r0);
                if (ex > 1) r1 = TAct.Apply<Vector128<float>, Width128>(r1);
                if (ex > 2) r2 = TAct.Apply<Vector128<float>, Width128>(r2);
                if (ex > 3) r3 = TAct.Apply<Vector128<float>, Width128>(r3);
            }
        }
        Width128.StorePartial(r0, ref a, un);
        if (ex > 1) Width128.StorePartial(r1, ref Unsafe.Add(ref a, s), un);
        if (ex > 2) Width128.StorePartial(r2, ref Unsafe.Add(ref a, 2 * s), un);
        if (ex > 3) Width128.StorePartial(r3, ref Unsafe.Add(ref a, 3 * s), un);
    }

    /// <summary>Units per pass of <see cref="InputBlock16{TIn, TOut, TAct, TRows, TB, TV, TW}"/> over a packed panel: 256 rows of a 16-column panel are 16 KB of L1.</summary>
    private const int InputUnitBlock16 = 256;

    /// <summary>
    /// A = g(X·Wᵀ + b) for 16 vector registers by outer products: each panel of P = 2·Count units of W is first copied
    /// transposed (p[k·P + u] = w[j + u, k], then the P biases), and a block of 6 examples × P units keeps 12 accumulators:
    /// per input, 2 loads of the panel and 6 broadcasts of x feed 12 multiply-adds, and the sums need no reduction.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AffinePacked16<TIn, TOut, TAct, TV, TW>(ref float x, ref float w, ref float b, ref float z, ref float a, int m, bool storeZ)
        where TIn : struct, IDim where TOut : struct, IDim where TAct : struct, IActivation where TV : struct where TW : struct, IVectorWidth<TV>
    {
        int nIn = TIn.Value, nOut = TOut.Value, panel = 2 * TW.Count;
        ref float p = ref Scratch(nIn * panel + panel);
        for (int j = 0; j < nOut; j += panel)
        {
            int units = Math.Min(panel, nOut - j);
            PackTransposed<TV, TW>(ref Unsafe.Add(ref w, j * nIn), nIn, units, ref p);
            for (int u = 0; u < panel; u++) Unsafe.Add(ref p, nIn * panel + u) = u < units ? Unsafe.Add(ref b, j + u) : 0f;
            int i = 0;
            for (; i + 6 <= m; i += 6)
                AffinePackedBlock16<TIn, TOut, TAct, R6, TV, TW>(ref Unsafe.Add(ref x, i * nIn), ref p, ref Unsafe.Add(ref z, i * nOut + j), ref Unsafe.Add(ref a, i * nOut + j), units, storeZ);
            ref float xi = ref Unsafe.Add(ref x, i * nIn);
            ref float zi = ref Unsafe.Add(ref z, i * nOut + j);
            ref float ai = ref Unsafe.Add(ref a, i * nOut + j);
            switch (m - i)
            {
                case 5: AffinePackedBlock16<TIn, TOut, TAct, R5, TV, TW>(ref xi, ref p, ref zi, ref ai, units, storeZ); break;
                case 4: AffinePackedBlock16<TIn, TOut, TAct, R4, TV, TW>(ref xi, ref p, ref zi, ref ai, units, storeZ); break;
                case 3: AffinePackedBlock16<TIn, TOut, TAct, R3, TV, TW>(ref xi, ref p, ref zi, ref ai, units, storeZ); break;
                case 2: AffinePackedBlock16<TIn, TOut, TAct, R2, TV, TW>(ref xi, ref p, ref zi, ref ai, units, storeZ); break;
                case 1: AffinePackedBlock16<TIn, TOut, TAct, R1, TV, TW>(ref xi, ref p, ref zi, ref ai, units, storeZ); break;
            }
        }
    }

    /// <summary>
    /// p[k·P + u] = w[u, k] for u &lt; units (rows nIn apart), 0 for units ≤ u &lt; P, with P = 2·Count: 8 × 8 blocks
    /// transposed in AVX registers for the 16-unit panels, 4 × 4 blocks in SSE or AdvSimd registers for the 8-unit ones,
    /// plain copies otherwise (the copy is amortised over 32+ examples).
    /// </summary>
    private static void PackTransposed<TV, TW>(ref float w, int nIn, int units, ref float p) where TV : struct where TW : struct, IVectorWidth<TV>
    {
        int panel = 2 * TW.Count, k = 0;
        if (panel == 16 && Avx.IsSupported)
            for (; k + 8 <= nIn; k += 8)
                for (int u0 = 0; u0 < 16; u0 += 8)
                {
                    ref float src = ref Unsafe.Add(ref w, u0 * nIn + k);
                    var r0 = Row(ref src, nIn, 0, u0, units); var r1 = Row(ref src, nIn, 1, u0, units);
                    var r2 = Row(ref src, nIn, 2, u0, units); var r3 = Row(ref src, nIn, 3, u0, units);
                    var r4 = Row(ref src, nIn, 4, u0, units); var r5 = Row(ref src, nIn, 5, u0, units);
                    var r6 = Row(ref src, nIn, 6, u0, units); var r7 = Row(ref src, nIn, 7, u0, units);
                    var t0 = Avx.UnpackLow(r0, r1); var t1 = Avx.UnpackHigh(r0, r1);
                    var t2 = Avx.UnpackLow(r2, r3); var t3 = Avx.UnpackHigh(r2, r3);
                    var t4 = Avx.UnpackLow(r4, r5); var t5 = Avx.UnpackHigh(r4, r5);
                    var t6 = Avx.UnpackLow(r6, r7); var t7 = Avx.UnpackHigh(r6, r7);
                    var s0 = Avx.Shuffle(t0, t2, 0x44); var s1 = Avx.Shuffle(t0, t2, 0xEE);
                    var s2 = Avx.Shuffle(t1, t3, 0x44); var s3 = Avx.Shuffle(t1, t3, 0xEE);
                    var s4 = Avx.Shuffle(t4, t6, 0x44); var s5 = Avx.Shuffle(t4, t6, 0xEE);
                    var s6 = Avx.Shuffle(t5, t7, 0x44); var s7 = Avx.Shuffle(t5, t7, 0xEE);
                    ref float dst = ref Unsafe.Add(ref p, k * 16 + u0);
                    Avx.Permute2x128(s0, s4, 0x20).StoreUnsafe(ref dst, 0);
                    Avx.Permute2x128(s1, s5, 0x20).StoreUnsafe(ref dst, 16);
                    Avx.Permute2x128(s2, s6, 0x20).StoreUnsafe(ref dst, 32);
                    Avx.Permute2x128(s3, s7, 0x20).StoreUnsafe(ref dst, 48);
                    Avx.Permute2x128(s0, s4, 0x31).StoreUnsafe(ref dst, 64);
                    Avx.Permute2x128(s1, s5, 0x31).StoreUnsafe(ref dst, 80);
                    Avx.Permute2x128(s2, s6, 0x31).StoreUnsafe(ref dst, 96);
                    Avx.Permute2x128(s3, s7, 0x31).StoreUnsafe(ref dst, 112);
                }
        if (panel == 8 && (Sse.IsSupported || AdvSimd.Arm64.IsSupported))
            for (; k + 4 <= nIn; k += 4)
                for (int u0 = 0; u0 < 8; u0 += 4)
                {
                    ref float src = ref Unsafe.Add(ref w, u0 * nIn + k);
                    var (c0, c1, c2, c3) = Transpose4(Row4(ref src, nIn, 0, u0, units), Row4(ref src, nIn, 1, u0, units),
                        Row4(ref src, nIn, 2, u0, units), Row4(ref src, nIn, 3, u0, units));
                    ref float dst = ref Unsafe.Add(ref p, k * 8 + u0);
                    c0.StoreUnsafe(ref dst, 0); c1.StoreUnsafe(ref dst, 8); c2.StoreUnsafe(ref dst, 16); c3.StoreUnsafe(ref dst, 24);
                }
        for (; k < nIn; k++)
            for (int u = 0; u < panel; u++)
                Unsafe.Add(ref p, k * panel + u) = u < units ? Unsafe.Add(ref w, u * nIn + k) : 0f;
    }

    /// <summary>Row u0 + q of a block of W from column 0 of <paramref name="src"/> (4 values), or zeros past the last unit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Row4(ref float src, int nIn, int q, int u0, int units)
        => u0 + q < units ? Vector128.LoadUnsafe(ref src, (nuint)(q * nIn)) : default;

    /// <summary>The columns of the 4 × 4 matrix with rows r0..r3: two rounds of interleaving (SSE or ARM64 AdvSimd only).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector128<float>, Vector128<float>, Vector128<float>, Vector128<float>) Transpose4(
        Vector128<float> r0, Vector128<float> r1, Vector128<float> r2, Vector128<float> r3)
    {
        if (Sse.IsSupported)
        {
            // t0 = [r0₀ r1₀ r0₁ r1₁], t1 = [r0₂ r1₂ r0₃ r1₃], likewise t2, t3 of r2 and r3; then their halves paired.
            var t0 = Sse.UnpackLow(r0, r1); var t1 = Sse.UnpackHigh(r0, r1);
            var t2 = Sse.UnpackLow(r2, r3); var t3 = Sse.UnpackHigh(r2, r3);
            return (Sse.MoveLowToHigh(t0, t2), Sse.MoveHighToLow(t2, t0), Sse.MoveLowToHigh(t1, t3), Sse.MoveHighToLow(t3, t1));
        }
        else
        {
            var t0 = AdvSimd.Arm64.ZipLow(r0, r1).AsDouble(); var t1 = AdvSimd.Arm64.ZipHigh(r0, r1).AsDouble();
            var t2 = AdvSimd.Arm64.ZipLow(r2, r3).AsDouble(); var t3 = AdvSimd.Arm64.ZipHigh(r2, r3).AsDouble();
            return (AdvSimd.Arm64.ZipLow(t0, t2).AsSingle(), AdvSimd.Arm64.ZipHigh(t0, t2).AsSingle(),
                    AdvSimd.Arm64.ZipLow(t1, t3).AsSingle(), AdvSimd.Arm64.ZipHigh(t1, t3).AsSingle());
        }
    }

    /// <summary>Row u0 + q of a block of W from column 0 of <paramref name="src"/> (8 values), or zeros past the last unit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Row(ref float src, int nIn, int q, int u0, int units)
        => u0 + q < units ? Vector256.LoadUnsafe(ref src, (nuint)(q * nIn)) : default;

    /// <summary>Rows x[r, ·] (TIn apart) for r &lt; TRows times the packed panel p, plus its biases, through g; the first <paramref name="units"/> of 2·Count stored.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void AffinePackedBlock16<TIn, TOut, TAct, TRows, TV, TW>(ref float x, ref float p, ref float z, ref float a, int units, bool storeZ)
        where TIn : struct, IDim where TOut : struct, IDim where TAct : struct, IActivation where TRows : struct, IDim
        where TV : struct where TW : struct, IVectorWidth<TV>
    {
        nuint n = (nuint)TIn.Value, s = (nuint)TOut.Value, c = (nuint)TW.Count;
        int rows = TRows.Value;
        TV c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default,
           c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        ref float pk = ref p;
        ref float xk = ref x;
        for (nuint k = 0; k < n; k++)
        {
            var p0 = TW.Load(ref pk, 0);
            var p1 = TW.Load(ref pk, c);
            var xv = TW.Create(xk);
            c00 = TW.MultiplyAdd(xv, p0, c00); c01 = TW.MultiplyAdd(xv, p1, c01);
            if (rows > 1) { xv = TW.Create(Unsafe.Add(ref xk, n)); c10 = TW.MultiplyAdd(xv, p0, c10); c11 = TW.MultiplyAdd(xv, p1, c11); }
            if (rows > 2) { xv = TW.Create(Unsafe.Add(ref xk, 2 * n)); c20 = TW.MultiplyAdd(xv, p0, c20); c21 = TW.MultiplyAdd(xv, p1, c21); }
            if (rows > 3) { xv = TW.Create(Unsafe.Add(ref xk, 3 * n)); c30 = TW.MultiplyAdd(xv, p0, c30); c31 = TW.MultiplyAdd(xv, p1, c31); }
            if (rows > 4) { xv = TW.Create(Unsafe.Add(ref xk, 4 * n)); c40 = TW.MultiplyAdd(xv, p0, c40); c41 = TW.MultiplyAdd(xv, p1, c41); }
            if (rows > 5) { xv = TW.Create(Unsafe.Add(ref xk, 5 * n)); c50 = TW.MultiplyAdd(xv, p0, c50); c51 = TW.MultiplyAdd(xv, p1, c51); }
            pk = ref Unsafe.Add(ref pk, 2 * c);
            xk = ref Unsafe.Add(ref xk, 1);
        }
        var b0 = TW.Load(ref pk, 0);
        var b1 = TW.Load(ref pk, c);
        StoreRow<TAct, TV, TW>(TW.Add(c00, b0), TW.Add(c01, b1), ref z, ref a, 0, units, storeZ);
        if (rows > 1) StoreRow<TAct, TV, TW>(TW.Add(c10, b0), TW.Add(c11, b1), ref z, ref a, s, units, storeZ);
        if (rows > 2) StoreRow<TAct, TV, TW>(TW.Add(c20, b0), TW.Add(c21, b1), ref z, ref a, 2 * s, units, storeZ);
        if (rows > 3) StoreRow<TAct, TV, TW>(TW.Add(c30, b0), TW.Add(c31, b1), ref z, ref a, 3 * s, units, storeZ);
        if (rows > 4) StoreRow<TAct, TV, TW>(TW.Add(c40, b0), TW.Add(c41, b1), ref z, ref a, 4 * s, units, storeZ);
        if (rows > 5) StoreRow<TAct, TV, TW>(TW.Add(c50, b0), TW.Add(c51, b1), ref z, ref a, 5 * s, units, storeZ);
    }

    /// <summary>z (if asked) and g(z) for the first <paramref name="units"/> (≤ 2·Count) of a row given as two vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<TAct, TV, TW>(TV v0, TV v1, ref float z, ref float a, nuint offset, int units, bool storeZ)
        where TAct : struct, IActivation where TV : struct where TW : struct, IVectorWidth<TV>
    {
        nuint c = (nuint)TW.Count;
        if (units == 2 * TW.Count)
        {
            if (storeZ) { TW.Store(v0, ref z, offset); TW.Store(v1, ref z, offset + c); }
            if (typeof(TAct) != typeof(Identity)) { v0 = TAct.Apply<TV, TW>(v0); v1 = TAct.Apply<TV, TW>(v1); }
            TW.Store(v0, ref a, offset); TW.Store(v1, ref a, offset + c);
            return;
        }
        if (storeZ) StorePartialPair<TV, TW>(v0, v1, ref Unsafe.Add(ref z, offset), units);
        if (typeof(TAct) != typeof(Identity)) { v0 = TAct.Apply<TV, TW>(v0); v1 = TAct.Apply<TV, TW>(v1); }
        StorePartialPair<TV, TW>(v0, v1, ref Unsafe.Add(ref a, offset), units);
    }

    /// <summary>The first <paramref name="units"/> (&lt; 2·Count) lanes of v0 | v1 to dest[0..].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StorePartialPair<TV, TW>(TV v0, TV v1, ref float dest, int units) where TV : struct where TW : struct, IVectorWidth<TV>
    {
        if (units > TW.Count)
        {
            TW.Store(v0, ref dest, 0);
            TW.StorePartial(v1, ref Unsafe.Add(ref dest, TW.Count), units - TW.Count);
        }
        else TW.StorePartial(v0, ref dest, units);
    }

    /// <summary>dW over the column panels of X (P = 2·Count columns, k0 upwards while P columns remain); returns the first column not done.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int WeightGradientPanels16<TIn, TOut, TV, TW>(ref float dz, ref float x, ref float dw, int m)
        where TIn : struct, IDim where TOut : struct, IDim where TV : struct where TW : struct, IVectorWidth<TV>
    {
        int nIn = TIn.Value, nOut = TOut.Value, k0 = 0, panel = 2 * TW.Count;
        // Rows of X 4 KB apart (nIn a multiple of 1024) all map to the same few L1 sets: copied contiguous, the m×P
        // panel stays in L1 while every unit's row of dW is produced from it.
        bool pack = nIn >= 512 && m >= 16;
        // Wide layers: dz is first copied into strips of 6 columns (strip s holds dz[i, 6s..6s+6] for every i, in
        // order), so a block's broadcasts read one sequential stream instead of m rows nOut floats apart, which for
        // nOut = 1024 all fall into the same L1 set and 8 L2 sets and were fetched again from L3 for every panel.
        bool packDz = nOut >= 96 && m >= 16;
        // Where a broadcast costs a shuffle (x64 without AVX), the strips hold each value already broadcast (Count
        // copies), so the blocks load their dz vectors instead of building them on the arithmetic ports.
        bool splat = packDz && BroadcastIsShuffle;
        int strips = (nOut + 5) / 6, lanes = splat ? TW.Count : 1;
        ref float scratch = ref Scratch((pack ? m * panel : 0) + (packDz ? strips * m * 6 * lanes : 0));
        ref float dzStrips = ref Unsafe.Add(ref scratch, pack ? m * panel : 0);
        if (packDz)
            for (int s = 0; s < strips; s++)
            {
                int width = Math.Min(6, nOut - 6 * s);
                ref float strip = ref Unsafe.Add(ref dzStrips, s * m * 6 * lanes);
                for (int i = 0; i < m; i++)
                    for (int r = 0; r < width; r++)
                    {
                        float v = Unsafe.Add(ref dz, i * nOut + 6 * s + r);
                        for (int l = 0; l < lanes; l++) Unsafe.Add(ref strip, (i * 6 + r) * lanes + l) = v;
                    }
            }
        for (; k0 + panel <= nIn; k0 += panel)
        {
            ref float xp = ref Unsafe.Add(ref x, k0);
            nuint stride = (nuint)nIn;
            if (pack)
            {
                CopyPanel<TV, TW>(ref xp, m, nIn, ref scratch);
                xp = ref scratch;
                stride = (nuint)panel;
            }
            if (splat) WeightPanel16<TIn, TOut, Splats, TV, TW>(ref dzStrips, strips: true, ref xp, stride, ref dw, m, k0);
            else if (packDz) WeightPanel16<TIn, TOut, Scalars, TV, TW>(ref dzStrips, strips: true, ref xp, stride, ref dw, m, k0);
            else WeightPanel16<TIn, TOut, Scalars, TV, TW>(ref dz, strips: false, ref xp, stride, ref dw, m, k0);
        }
        return k0;
    }

    /// <summary>
    /// Every unit's row of dW over one column panel of X: blocks of 6 units, then the last nOut mod 6. d is dz itself
    /// (rows nOut apart; unit j at column j) or, with <paramref name="strips"/>, its strips of 6 units (rows 6 values
    /// apart; unit j's strip at value j·m).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WeightPanel16<TIn, TOut, TB, TV, TW>(ref float d, bool strips, ref float xp, nuint stride, ref float dw, int m, int k0)
        where TIn : struct, IDim where TOut : struct, IDim where TB : struct, IBroadcast where TV : struct where TW : struct, IVectorWidth<TV>
    {
        int nOut = TOut.Value, j = 0;
        nuint ds = strips ? 6u : (nuint)nOut;
        for (; j + 6 <= nOut; j += 6)
            WeightBlock16<TIn, R6, TB, TV, TW>(ref Unsafe.Add(ref d, strips ? j * m * TB.Lanes<TV, TW>() : j), ds, ref xp, stride, ref dw, m, j, k0);
        ref float dj = ref Unsafe.Add(ref d, strips ? j * m * TB.Lanes<TV, TW>() : j);
        switch (nOut - j)
        {
            case 5: WeightBlock16<TIn, R5, TB, TV, TW>(ref dj, ds, ref xp, stride, ref dw, m, j, k0); break;
            case 4: WeightBlock16<TIn, R4, TB, TV, TW>(ref dj, ds, ref xp, stride, ref dw, m, j, k0); break;
            case 3: WeightBlock16<TIn, R3, TB, TV, TW>(ref dj, ds, ref xp, stride, ref dw, m, j, k0); break;
            case 2: WeightBlock16<TIn, R2, TB, TV, TW>(ref dj, ds, ref xp, stride, ref dw, m, j, k0); break;
            case 1: WeightBlock16<TIn, R1, TB, TV, TW>(ref dj, ds, ref xp, stride, ref dw, m, j, k0); break;
        }
    }

    /// <summary>How a block reads the values it multiplies whole vectors by: one float broadcast, or a vector stored pre-broadcast.</summary>
    private interface IBroadcast
    {
        /// <summary>Floats per value in the source: 1, or Count for pre-broadcast values.</summary>
        static abstract int Lanes<TV, TW>() where TV : struct where TW : struct, IVectorWidth<TV>;

        /// <summary>Value <paramref name="index"/> of d (in values, not floats) in every lane.</summary>
        static abstract TV Get<TV, TW>(ref float d, nuint index) where TV : struct where TW : struct, IVectorWidth<TV>;
    }

    /// <summary>Plain floats, broadcast when read.</summary>
    private readonly struct Scalars : IBroadcast
    {
        public static int Lanes<TV, TW>() where TV : struct where TW : struct, IVectorWidth<TV> => 1;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TV Get<TV, TW>(ref float d, nuint index) where TV : struct where TW : struct, IVectorWidth<TV> => TW.Create(Unsafe.Add(ref d, index));
    }

    /// <summary>Values stored Count times each: read with one vector load.</summary>
    private readonly struct Splats : IBroadcast
    {
        public static int Lanes<TV, TW>() where TV : struct where TW : struct, IVectorWidth<TV> => TW.Count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TV Get<TV, TW>(ref float d, nuint index) where TV : struct where TW : struct, IVectorWidth<TV> => TW.Load(ref d, index * (nuint)TW.Count);
    }

    /// <summary>
    /// dw[j + r, k0..k0+P] = Σ_i d[i·dStride + r]·x[i, k0..k0+P] for r &lt; TRows, where d is dz from column j (dStride = nOut)
    /// or its packed strip (dStride = 6); <paramref name="x"/> is the panel's first column, rows xStride apart.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void WeightBlock16<TIn, TRows, TB, TV, TW>(ref float d, nuint dStride, ref float x, nuint xStride, ref float dw, int m, int j, int k0)
        where TIn : struct, IDim where TRows : struct, IDim where TB : struct, IBroadcast where TV : struct where TW : struct, IVectorWidth<TV>
    {
        nuint nIn = (nuint)TIn.Value, nOut = dStride, c = (nuint)TW.Count, lanes = (nuint)TB.Lanes<TV, TW>();
        int rows = TRows.Value;
        TV c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default,
           c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        ref float xk = ref x;
        int i = 0;
        if (rows <= 3)
        {
            // Up to 3 units leave 6 accumulators free: odd examples go to a second set (units + 3), so one unit
            // still has 4 independent chains instead of 2.
            for (; i + 2 <= m; i += 2)
            {
                var x0 = TW.Load(ref xk, 0);
                var x1 = TW.Load(ref xk, c);
                var y0 = TW.Load(ref xk, xStride);
                var y1 = TW.Load(ref xk, xStride + c);
                var dv = TB.Get<TV, TW>(ref d, 0);
                c00 = TW.MultiplyAdd(dv, x0, c00); c01 = TW.MultiplyAdd(dv, x1, c01);
                dv = TB.Get<TV, TW>(ref d, nOut);
                c30 = TW.MultiplyAdd(dv, y0, c30); c31 = TW.MultiplyAdd(dv, y1, c31);
                if (rows > 1)
                {
                    dv = TB.Get<TV, TW>(ref d, 1); c10 = TW.MultiplyAdd(dv, x0, c10); c11 = TW.MultiplyAdd(dv, x1, c11);
                    dv = TB.Get<TV, TW>(ref d, nOut + 1); c40 = TW.MultiplyAdd(dv, y0, c40); c41 = TW.MultiplyAdd(dv, y1, c41);
                }
                if (rows > 2)
                {
                    dv = TB.Get<TV, TW>(ref d, 2); c20 = TW.MultiplyAdd(dv, x0, c20); c21 = TW.MultiplyAdd(dv, x1, c21);
                    dv = TB.Get<TV, TW>(ref d, nOut + 2); c50 = TW.MultiplyAdd(dv, y0, c50); c51 = TW.MultiplyAdd(dv, y1, c51);
                }
                xk = ref Unsafe.Add(ref xk, 2 * xStride);
                d = ref Unsafe.Add(ref d, 2 * nOut * lanes);
            }
            c00 = TW.Add(c00, c30); c01 = TW.Add(c01, c31); c10 = TW.Add(c10, c40); c11 = TW.Add(c11, c41); c20 = TW.Add(c20, c50); c21 = TW.Add(c21, c51);
        }
        for (; i < m; i++)
        {
            var x0 = TW.Load(ref xk, 0);
            var x1 = TW.Load(ref xk, c);
            var dv = TB.Get<TV, TW>(ref d, 0);
            c00 = TW.MultiplyAdd(dv, x0, c00); c01 = TW.MultiplyAdd(dv, x1, c01);
            if (rows > 1) { dv = TB.Get<TV, TW>(ref d, 1); c10 = TW.MultiplyAdd(dv, x0, c10); c11 = TW.MultiplyAdd(dv, x1, c11); }
            if (rows > 2) { dv = TB.Get<TV, TW>(ref d, 2); c20 = TW.MultiplyAdd(dv, x0, c20); c21 = TW.MultiplyAdd(dv, x1, c21); }
            if (rows > 3) { dv = TB.Get<TV, TW>(ref d, 3); c30 = TW.MultiplyAdd(dv, x0, c30); c31 = TW.MultiplyAdd(dv, x1, c31); }
            if (rows > 4) { dv = TB.Get<TV, TW>(ref d, 4); c40 = TW.MultiplyAdd(dv, x0, c40); c41 = TW.MultiplyAdd(dv, x1, c41); }
            if (rows > 5) { dv = TB.Get<TV, TW>(ref d, 5); c50 = TW.MultiplyAdd(dv, x0, c50); c51 = TW.MultiplyAdd(dv, x1, c51); }
            xk = ref Unsafe.Add(ref xk, xStride);
            d = ref Unsafe.Add(ref d, nOut * lanes);
        }
        StoreTile<TRows, TV, TW>(ref Unsafe.Add(ref dw, (nuint)j * nIn + (nuint)k0), nIn, c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51);
    }

    /// <summary>Rows r &lt; TRows of a 6 × 2·Count tile of accumulators (cr0 | cr1) to dest[r·stride .. r·stride + 2·Count].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreTile<TRows, TV, TW>(ref float dest, nuint stride, TV c00, TV c01, TV c10, TV c11, TV c20, TV c21,
        TV c30, TV c31, TV c40, TV c41, TV c50, TV c51)
        where TRows : struct, IDim where TV : struct where TW : struct, IVectorWidth<TV>
    {
        int rows = TRows.Value;
        nuint c = (nuint)TW.Count;
        TW.Store(c00, ref dest, 0); TW.Store(c01, ref dest, c);
        if (rows > 1) { TW.Store(c10, ref dest, stride); TW.Store(c11, ref dest, stride + c); }
        if (rows > 2) { TW.Store(c20, ref dest, 2 * stride); TW.Store(c21, ref dest, 2 * stride + c); }
        if (rows > 3) { TW.Store(c30, ref dest, 3 * stride); TW.Store(c31, ref dest, 3 * stride + c); }
        if (rows > 4) { TW.Store(c40, ref dest, 4 * stride); TW.Store(c41, ref dest, 4 * stride + c); }
        if (rows > 5) { TW.Store(c50, ref dest, 5 * stride); TW.Store(c51, ref dest, 5 * stride + c); }
    }

    /// <summary>Copies 2·Count columns of <paramref name="rows"/> rows (<paramref name="stride"/> floats apart) to contiguous rows of 2·Count.</summary>
    private static void CopyPanel<TV, TW>(ref float source, int rows, int stride, ref float destination) where TV : struct where TW : struct, IVectorWidth<TV>
    {
        int c = TW.Count;
        for (int r = 0; r < rows; r++)
        {
            ref float src = ref Unsafe.Add(ref source, r * stride);
            TW.Store(TW.Load(ref src, 0), ref destination, (nuint)(r * 2 * c));
            TW.Store(TW.Load(ref src, (nuint)c), ref destination, (nuint)(r * 2 * c + c));
        }
    }

    /// <summary>dzPrev over the column panels of W (P = 2·Count columns, k0 upwards while P columns remain); returns the first column not done.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int InputGradientPanels16<TIn, TOut, TAct, TV, TW>(ref float dz, ref float w, ref float zPrev, ref float dzPrev, int m)
        where TIn : struct, IDim where TOut : struct, IDim where TAct : struct, IActivation where TV : struct where TW : struct, IVectorWidth<TV>
    {
        int nIn = TIn.Value, nOut = TOut.Value, k0 = 0, panel = 2 * TW.Count;
        // Long rows of W (4 KB apart for nIn = 1024 share L1 sets): the nOut×P panel is copied contiguous once and used
        // in passes of 256 units, the sums of earlier passes read back from dzPrev.
        bool pack = nIn >= 512 && nOut >= 32 && m >= 12;
        for (; k0 + panel <= nIn; k0 += panel)
        {
            ref float wp = ref Unsafe.Add(ref w, k0);
            nuint stride = (nuint)nIn;
            int pass = nOut;
            if (pack)
            {
                ref float p0 = ref Scratch(nOut * panel);
                CopyPanel<TV, TW>(ref wp, nOut, nIn, ref p0);
                wp = ref p0;
                stride = (nuint)panel;
                pass = InputUnitBlock16;
            }
            for (int j0 = 0; j0 < nOut; j0 += pass)
            {
                int count = Math.Min(pass, nOut - j0);
                bool first = j0 == 0, last = j0 + count == nOut;
                int i = 0;
                for (; i + 6 <= m; i += 6) InputBlock16<TIn, TOut, TAct, R6, Scalars, TV, TW>(ref Unsafe.Add(ref dz, i * nOut + j0), (nuint)nOut, ref Unsafe.Add(ref wp, (nuint)j0 * stride), stride, ref zPrev, ref dzPrev, i, k0, count, first, last);
                switch (m - i)
                {
                    case 5: InputBlock16<TIn, TOut, TAct, R5, Scalars, TV, TW>(ref Unsafe.Add(ref dz, i * nOut + j0), (nuint)nOut, ref Unsafe.Add(ref wp, (nuint)j0 * stride), stride, ref zPrev, ref dzPrev, i, k0, count, first, last); break;
                    case 4: InputBlock16<TIn, TOut, TAct, R4, Scalars, TV, TW>(ref Unsafe.Add(ref dz, i * nOut + j0), (nuint)nOut, ref Unsafe.Add(ref wp, (nuint)j0 * stride), stride, ref zPrev, ref dzPrev, i, k0, count, first, last); break;
                    case 3: InputBlock16<TIn, TOut, TAct, R3, Scalars, TV, TW>(ref Unsafe.Add(ref dz, i * nOut + j0), (nuint)nOut, ref Unsafe.Add(ref wp, (nuint)j0 * stride), stride, ref zPrev, ref dzPrev, i, k0, count, first, last); break;
                    case 2: InputBlock16<TIn, TOut, TAct, R2, Scalars, TV, TW>(ref Unsafe.Add(ref dz, i * nOut + j0), (nuint)nOut, ref Unsafe.Add(ref wp, (nuint)j0 * stride), stride, ref zPrev, ref dzPrev, i, k0, count, first, last); break;
                    case 1: InputBlock16<TIn, TOut, TAct, R1, Scalars, TV, TW>(ref Unsafe.Add(ref dz, i * nOut + j0), (nuint)nOut, ref Unsafe.Add(ref wp, (nuint)j0 * stride), stride, ref zPrev, ref dzPrev, i, k0, count, first, last); break;
                }
            }
        }
        return k0;
    }

    /// <summary>
    /// dzPrev over the column panels of W on x64 without AVX (<see cref="BroadcastIsShuffle"/>); returns the first column
    /// not done. The blocks' dz values are read pre-broadcast: for each pass of <see cref="InputUnitBlockSplat"/> units,
    /// the pass's rows of W are copied panel by panel (contiguous 8-float rows), and for each block of 6 examples their
    /// dz values of the pass are stored 4 times each (12 KB, in L1) and used for every panel of W; the W slice (units ×
    /// nIn, 512 KB for nIn = 1024) is read from L2 once per block of examples.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int InputGradientSplat16<TIn, TOut, TAct>(ref float dz, ref float w, ref float zPrev, ref float dzPrev, int m)
        where TIn : struct, IDim where TOut : struct, IDim where TAct : struct, IActivation
    {
        int nIn = TIn.Value, nOut = TOut.Value, panel = 8, panels = nIn / panel, pass = Math.Min(InputUnitBlockSplat, nOut);
        ref float slice = ref Scratch(pass * panels * panel + 6 * pass * 4);
        ref float splat = ref Unsafe.Add(ref slice, pass * panels * panel);
        for (int j0 = 0; j0 < nOut; j0 += pass)
        {
            int count = Math.Min(pass, nOut - j0);
            bool first = j0 == 0, last = j0 + count == nOut;
            for (int q = 0; q < panels; q++)
                CopyPanel<Vector128<float>, Width128>(ref Unsafe.Add(ref w, j0 * nIn + q * panel), count, nIn, ref Unsafe.Add(ref slice, q * count * panel));
            for (int i = 0; i < m; i += 6)
            {
                int rows = Math.Min(6, m - i);
                for (int r = 0; r < rows; r++)
                    for (int j = 0; j < count; j++)
                        Vector128.Create(Unsafe.Add(ref dz, (i + r) * nOut + j0 + j)).StoreUnsafe(ref splat, (nuint)((r * count + j) * 4));
                for (int q = 0; q < panels; q++)
                {
                    ref float wq = ref Unsafe.Add(ref slice, q * count * panel);
                    int k0 = q * panel;
                    switch (rows)
                    {
                        case 6: InputBlock16<TIn, TOut, TAct, R6, Splats, Vector128<float>, Width128>(ref splat, (nuint)count, ref wq, (nuint)panel, ref zPrev, ref dzPrev, i, k0, count, first, last); break;
                        case 5: InputBlock16<TIn, TOut, TAct, R5, Splats, Vector128<float>, Width128>(ref splat, (nuint)count, ref wq, (nuint)panel, ref zPrev, ref dzPrev, i, k0, count, first, last); break;
                        case 4: InputBlock16<TIn, TOut, TAct, R4, Splats, Vector128<float>, Width128>(ref splat, (nuint)count, ref wq, (nuint)panel, ref zPrev, ref dzPrev, i, k0, count, first, last); break;
                        case 3: InputBlock16<TIn, TOut, TAct, R3, Splats, Vector128<float>, Width128>(ref splat, (nuint)count, ref wq, (nuint)panel, ref zPrev, ref dzPrev, i, k0, count, first, last); break;
                        case 2: InputBlock16<TIn, TOut, TAct, R2, Splats, Vector128<float>, Width128>(ref splat, (nuint)count, ref wq, (nuint)panel, ref zPrev, ref dzPrev, i, k0, count, first, last); break;
                        default: InputBlock16<TIn, TOut, TAct, R1, Splats, Vector128<float>, Width128>(ref splat, (nuint)count, ref wq, (nuint)panel, ref zPrev, ref dzPrev, i, k0, count, first, last); break;
                    }
                }
            }
        }
        return panels * panel;
    }

    /// <summary>Units per pass of <see cref="InputGradientSplat16{TIn, TOut, TAct}"/>: 6 examples' 128 dz values, 4 lanes each, are 12 KB of L1.</summary>
    private const int InputUnitBlockSplat = 128;

    /// <summary>
    /// dzPrev[i + r, k0..k0+P] = (Σ_j d[r, j]·w[j, k0..k0+P])·g′(zPrev[i + r, k0..k0+P]) for r &lt; TRows, over a pass of
    /// <paramref name="count"/> units: d is dz from the pass's first unit (rows dStride = nOut apart) or a pre-broadcast
    /// copy of it (<see cref="Splats"/>), <paramref name="w"/> the pass's first row of the panel (rows wStride apart).
    /// Sums of earlier passes are read back from dzPrev (<paramref name="first"/> false); g′ is applied after the last.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void InputBlock16<TIn, TOut, TAct, TRows, TB, TV, TW>(ref float d, nuint dStride, ref float w, nuint wStride, ref float zPrev, ref float dzPrev,
        int i, int k0, int count, bool first, bool last)
        where TIn : struct, IDim where TOut : struct, IDim where TAct : struct, IActivation where TRows : struct, IDim
        where TB : struct, IBroadcast where TV : struct where TW : struct, IVectorWidth<TV>
    {
        nuint nIn = (nuint)TIn.Value, nOut = dStride, c = (nuint)TW.Count;
        int rows = TRows.Value;
        nuint o = (nuint)i * nIn + (nuint)k0;
        TV c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default,
           c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        if (!first)
        {
            ref float p = ref Unsafe.Add(ref dzPrev, o);
            c00 = TW.Load(ref p, 0); c01 = TW.Load(ref p, c);
            if (rows > 1) { c10 = TW.Load(ref p, nIn); c11 = TW.Load(ref p, nIn + c); }
            if (rows > 2) { c20 = TW.Load(ref p, 2 * nIn); c21 = TW.Load(ref p, 2 * nIn + c); }
            if (rows > 3) { c30 = TW.Load(ref p, 3 * nIn); c31 = TW.Load(ref p, 3 * nIn + c); }
            if (rows > 4) { c40 = TW.Load(ref p, 4 * nIn); c41 = TW.Load(ref p, 4 * nIn + c); }
            if (rows > 5) { c50 = TW.Load(ref p, 5 * nIn); c51 = TW.Load(ref p, 5 * nIn + c); }
        }
        ref float wk = ref w;
        nuint j = 0;
        if (rows <= 3)
        {
            // Up to 3 rows leave 6 accumulators free: odd units go to a second set (rows + 3), so a single example
            // still has 4 independent chains instead of 2.
            for (; j + 2 <= (nuint)count; j += 2)
            {
                var w0 = TW.Load(ref wk, 0);
                var w1 = TW.Load(ref wk, c);
                var v0 = TW.Load(ref wk, wStride);
                var v1 = TW.Load(ref wk, wStride + c);
                var dv = TB.Get<TV, TW>(ref d, j);
                c00 = TW.MultiplyAdd(dv, w0, c00); c01 = TW.MultiplyAdd(dv, w1, c01);
                dv = TB.Get<TV, TW>(ref d, j + 1);
                c30 = TW.MultiplyAdd(dv, v0, c30); c31 = TW.MultiplyAdd(dv, v1, c31);
                if (rows > 1)
                {
                    dv = TB.Get<TV, TW>(ref d, nOut + j); c10 = TW.MultiplyAdd(dv, w0, c10); c11 = TW.MultiplyAdd(dv, w1, c11);
                    dv = TB.Get<TV, TW>(ref d, nOut + j + 1); c40 = TW.MultiplyAdd(dv, v0, c40); c41 = TW.MultiplyAdd(dv, v1, c41);
                }
                if (rows > 2)
                {
                    dv = TB.Get<TV, TW>(ref d, 2 * nOut + j); c20 = TW.MultiplyAdd(dv, w0, c20); c21 = TW.MultiplyAdd(dv, w1, c21);
                    dv = TB.Get<TV, TW>(ref d, 2 * nOut + j + 1); c50 = TW.MultiplyAdd(dv, v0, c50); c51 = TW.MultiplyAdd(dv, v1, c51);
                }
                wk = ref Unsafe.Add(ref wk, 2 * wStride);
            }
            c00 = TW.Add(c00, c30); c01 = TW.Add(c01, c31); c10 = TW.Add(c10, c40); c11 = TW.Add(c11, c41); c20 = TW.Add(c20, c50); c21 = TW.Add(c21, c51);
        }
        for (; j < (nuint)count; j++)
        {
            var w0 = TW.Load(ref wk, 0);
            var w1 = TW.Load(ref wk, c);
            var dv = TB.Get<TV, TW>(ref d, j);
            c00 = TW.MultiplyAdd(dv, w0, c00); c01 = TW.MultiplyAdd(dv, w1, c01);
            if (rows > 1) { dv = TB.Get<TV, TW>(ref d, nOut + j); c10 = TW.MultiplyAdd(dv, w0, c10); c11 = TW.MultiplyAdd(dv, w1, c11); }
            if (rows > 2) { dv = TB.Get<TV, TW>(ref d, 2 * nOut + j); c20 = TW.MultiplyAdd(dv, w0, c20); c21 = TW.MultiplyAdd(dv, w1, c21); }
            if (rows > 3) { dv = TB.Get<TV, TW>(ref d, 3 * nOut + j); c30 = TW.MultiplyAdd(dv, w0, c30); c31 = TW.MultiplyAdd(dv, w1, c31); }
            if (rows > 4) { dv = TB.Get<TV, TW>(ref d, 4 * nOut + j); c40 = TW.MultiplyAdd(dv, w0, c40); c41 = TW.MultiplyAdd(dv, w1, c41); }
            if (rows > 5) { dv = TB.Get<TV, TW>(ref d, 5 * nOut + j); c50 = TW.MultiplyAdd(dv, w0, c50); c51 = TW.MultiplyAdd(dv, w1, c51); }
            wk = ref Unsafe.Add(ref wk, wStride);
        }
        // Raw sums out (a plain epilogue keeps the accumulators in registers through the loop), g′ in a second pass.
        StoreTile<TRows, TV, TW>(ref Unsafe.Add(ref dzPrev, o), nIn, c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51);
        if (last && typeof(TAct) != typeof(Identity)) ScaleTile<TAct, TV, TW>(ref zPrev, ref dzPrev, o, nIn, rows, 2 * TW.Count);
    }
}
