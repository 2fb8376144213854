using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Kernels;

public static partial class Dense
{
    // Forward micro-kernels. x: m×nIn, w: nOut×nIn, b: nOut, z and a: m×nOut (row i = example i).
    // z[i, j] = b[j] + Σ_k x[i, k]·w[j, k]: both operands contiguous along k, so the inner loop is a dot product over
    // vectors of any width (type arguments TV, TW); a block of 6 examples × 4 units keeps 24 partial sums in registers
    // (each loaded vector of x feeds 4 multiply-adds, each vector of w feeds 6), reduced once per block
    // (IVectorWidth.Reduce4; the 16-lane 8-unit blocks with a transposing tree, see Reduce8W).

    /// <summary>A = g(X·Wᵀ + b) written to <paramref name="a"/> only.</summary>
    private static void AffineCore<TIn, TOut, TAct>(ref float x, ref float w, ref float b, ref float a, int m)
        where TIn : struct, IDim where TOut : struct, IDim where TAct : struct, IActivation
        => AffineCore<TIn, TOut, TAct>(ref x, ref w, ref b, ref a, ref a, m, storeZ: false);

    /// <summary>Z = X·Wᵀ + b and A = g(Z), into separate buffers.</summary>
    private static void AffineCore<TIn, TOut, TAct>(ref float x, ref float w, ref float b, ref float z, ref float a, int m)
        where TIn : struct, IDim where TOut : struct, IDim where TAct : struct, IActivation
        => AffineCore<TIn, TOut, TAct>(ref x, ref w, ref b, ref z, ref a, m, storeZ: true);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AffineCore<TIn, TOut, TAct>(ref float x, ref float w, ref float b, ref float z, ref float a, int m, bool storeZ)
        where TIn : struct, IDim where TOut : struct, IDim where TAct : struct, IActivation
    {
        // The widest accelerated width whose vectors the rows fill; 32-register blocks where AVX-512 gives 32 registers,
        // 16-register blocks elsewhere (x64 AVX2 or SSE, ARM64 AdvSimd, WebAssembly SIMD128); plain loops last.
        int nIn = TIn.Value;
        if (VectorRegisters32 && nIn >= 8)
            Affine32<TIn, TOut, TAct>(ref x, ref w, ref b, ref z, ref a, m, storeZ);
        else if (Vector256.IsHardwareAccelerated && nIn >= 8)
            Affine16<TIn, TOut, TAct, Vector256<float>, Width256>(ref x, ref w, ref b, ref z, ref a, m, storeZ);
        else if (Vector128.IsHardwareAccelerated && nIn >= 4)
            Affine16<TIn, TOut, TAct, Vector128<float>, Width128>(ref x, ref w, ref b, ref z, ref a, m, storeZ);
        else
            AffineScalar<TIn, TOut, TAct>(ref x, ref w, ref b, ref z, ref a, m, storeZ);
    }

    /// <summary>The forward pass with 32 vector registers (AVX-512): 8-unit blocks in 16 lanes where rows fill them, 4-unit blocks otherwise.</summary>
    private static void Affine32<TIn, TOut, TAct>(ref float x, ref float w, ref float b, ref float z, ref float a, int m, bool storeZ)
        where TIn : struct, IDim where TOut : struct, IDim where TAct : struct, IActivation
    {
        int nIn = TIn.Value, nOut = TOut.Value;
        int j = 0;
        // 16-lane blocks where the hardware has them and the rows are long enough to fill them.
        bool wide = Vector512.IsHardwareAccelerated && (nIn % 16 == 0 || nIn >= 128);
        // Units outermost: a block of W rows stays in L1 while the examples stream past them.
        // With enough examples to amortise it, a block of 8 rows of a W that is not 64-byte aligned is first copied to
        // aligned scratch (rows a multiple of 16 floats long stay aligned): a 16-lane load that straddles two cache
        // lines costs two, and W supplies 8 of the 11 loads per step (measured: 784→128, m = 64 is 8–18 % slower misaligned).
        bool packW = wide && m >= 12 && nIn % 16 == 0 && !IsAligned64(ref w);
        if (wide)
            for (; j + 8 <= nOut; j += 8)
            {
                ref float wj = ref Unsafe.Add(ref w, j * nIn);
                if (packW)
                {
                    ref float dst = ref Scratch(8 * nIn);
                    for (int k = 0; k < 8 * nIn; k += 16) Vector512.LoadUnsafe(ref wj, (nuint)k).StoreUnsafe(ref dst, (nuint)k);
                    wj = ref dst;
                }
                var bj = Vector256.LoadUnsafe(ref b, (nuint)j);
                int i = 0;
                for (; i + 3 <= m; i += 3)
                    Block3x8W<TIn, TOut, TAct>(ref Unsafe.Add(ref x, i * nIn), ref wj, bj, ref Unsafe.Add(ref z, i * nOut + j), ref Unsafe.Add(ref a, i * nOut + j), storeZ);
                for (; i < m; i++)
                    Block1x8W<TIn, TAct>(ref Unsafe.Add(ref x, i * nIn), ref wj, bj, ref Unsafe.Add(ref z, i * nOut + j), ref Unsafe.Add(ref a, i * nOut + j), storeZ);
            }
        // Six examples × four units keep 24 accumulators, which 32 registers hold.
        if (wide) AffineUnits4<TIn, TOut, TAct, Vector512<float>, Width512>(ref x, ref w, ref b, ref z, ref a, m, j, storeZ, blocks6: true);
        else AffineUnits4<TIn, TOut, TAct, Vector256<float>, Width256>(ref x, ref w, ref b, ref z, ref a, m, j, storeZ, blocks6: true);
    }

    /// <summary>
    /// The forward pass with 16 vector registers at width TV: outer products over a transposed copy of W where 32+ examples
    /// amortise the copy and the panels are at least 3/4 full, dot-product blocks of 4 examples × 3 units for other
    /// batches of 4 or more (Dense.Registers16.cs), and for one to three examples the matrix-vector blocks (8 chains).
    /// On x64 without AVX the dot-product blocks (3 × 3 there) serve every batch of 3 or more when rows are long enough
    /// (64+ inputs) to amortise a block's reductions: the outer products need one
    /// broadcast per two multiply-adds, and without AVX's broadcast load each is a shuffle on the ports the arithmetic
    /// needs (1024→1024, m = 128: 42 → 49 GFLOP/s on Zen 5 with DOTNET_EnableAVX=0).
    /// </summary>
    private static void Affine16<TIn, TOut, TAct, TV, TW>(ref float x, ref float w, ref float b, ref float z, ref float a, int m, bool storeZ)
        where TIn : struct, IDim where TOut : struct, IDim where TAct : struct, IActivation where TV : struct where TW : struct, IVectorWidth<TV>
    {
        int nIn = TIn.Value, nOut = TOut.Value, panel = 2 * TW.Count;
        if (BroadcastIsShuffle && m >= 3 && nIn >= 64)
            AffinePanels16<TIn, TOut, TAct, TV, TW>(ref x, ref w, ref b, ref z, ref a, m, storeZ);
        else if (m >= 32 && 3 * ((nOut + panel - 1) / panel * panel) <= 4 * nOut)
            AffinePacked16<TIn, TOut, TAct, TV, TW>(ref x, ref w, ref b, ref z, ref a, m, storeZ);
        else if (m >= 4)
            AffinePanels16<TIn, TOut, TAct, TV, TW>(ref x, ref w, ref b, ref z, ref a, m, storeZ);
        else
            AffineUnits4<TIn, TOut, TAct, TV, TW>(ref x, ref w, ref b, ref z, ref a, m, 0, storeZ, blocks6: false);
    }

    /// <summary>
    /// Units j0.. in blocks of 4 (6 or 2 examples at a time, then one), and the last nOut mod 4 units one dot product at a
    /// time. <paramref name="blocks6"/>: whether the 24-accumulator 6 × 4 block fits the registers.
    /// </summary>
    private static void AffineUnits4<TIn, TOut, TAct, TV, TW>(ref float x, ref float w, ref float b, ref float z, ref float a, int m, int j0, bool storeZ, bool blocks6)
        where TIn : struct, IDim where TOut : struct, IDim where TAct : struct, IActivation where TV : struct where TW : struct, IVectorWidth<TV>
    {
        int nIn = TIn.Value, nOut = TOut.Value, j = j0;
        for (; j + 4 <= nOut; j += 4)
        {
            ref float wj = ref Unsafe.Add(ref w, j * nIn);
            var bj = Vector128.LoadUnsafe(ref b, (nuint)j);
            int i = 0;
            if (blocks6)
                for (; i + 6 <= m; i += 6)
                    Block6x4<TIn, TOut, TAct, TV, TW>(ref Unsafe.Add(ref x, i * nIn), ref wj, bj, ref Unsafe.Add(ref z, i * nOut + j), ref Unsafe.Add(ref a, i * nOut + j), storeZ);
            for (; i + 2 <= m; i += 2)
                Block2x4<TIn, TOut, TAct, TV, TW>(ref Unsafe.Add(ref x, i * nIn), ref wj, bj, ref Unsafe.Add(ref z, i * nOut + j), ref Unsafe.Add(ref a, i * nOut + j), storeZ);
            if (i < m)
                Block1x4<TIn, TAct, TV, TW>(ref Unsafe.Add(ref x, i * nIn), ref wj, bj, ref Unsafe.Add(ref z, i * nOut + j), ref Unsafe.Add(ref a, i * nOut + j), storeZ);
        }
        // The last nOut mod 4 units: one dot product per example and unit.
        for (; j < nOut; j++)
        {
            ref float wj = ref Unsafe.Add(ref w, j * nIn);
            float bj = Unsafe.Add(ref b, j);
            for (int i = 0; i < m; i++)
            {
                float s = bj + Dot<TIn, TV, TW>(ref Unsafe.Add(ref x, i * nIn), ref wj);
                if (storeZ) Unsafe.Add(ref z, i * nOut + j) = s;
                Unsafe.Add(ref a, i * nOut + j) = TAct.Apply(s);
            }
        }
    }

    /// <summary>Fewer inputs than one vector holds, or no SIMD: plain loops with constant bounds, then the activation pass.</summary>
    private static void AffineScalar<TIn, TOut, TAct>(ref float x, ref float w, ref float b, ref float z, ref float a, int m, bool storeZ)
        where TIn : struct, IDim where TOut : struct, IDim where TAct : struct, IActivation
    {
        int nIn = TIn.Value, nOut = TOut.Value;
        ref float target = ref storeZ ? ref z : ref a;
        for (int i = 0; i < m; i++)
        {
            ref float xi = ref Unsafe.Add(ref x, i * nIn);
            ref float ti = ref Unsafe.Add(ref target, i * nOut);
            for (int j = 0; j < nOut; j++)
            {
                ref float wj = ref Unsafe.Add(ref w, j * nIn);
                float s = Unsafe.Add(ref b, j);
                for (int k = 0; k < nIn; k++) s += Unsafe.Add(ref xi, k) * Unsafe.Add(ref wj, k);
                Unsafe.Add(ref ti, j) = s;
            }
        }
        if (typeof(TAct) != typeof(Identity) || storeZ)
            Activate<TAct>(System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref target, m * nOut),
                System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref a, m * nOut));
    }

    /// <summary>6 examples × 4 units by dot products at width TV: 24 accumulators (32 registers), 10 loads per 24 multiply-adds.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block6x4<TIn, TOut, TAct, TV, TW>(ref float x, ref float w, Vector128<float> bias, ref float z, ref float a, bool storeZ)
        where TIn : struct, IDim where TOut : struct, IDim where TAct : struct, IActivation where TV : struct where TW : struct, IVectorWidth<TV>
    {
        nuint n = (nuint)TIn.Value, c = (nuint)TW.Count;
        TV c00 = default, c01 = default, c02 = default, c03 = default,
           c10 = default, c11 = default, c12 = default, c13 = default,
           c20 = default, c21 = default, c22 = default, c23 = default,
           c30 = default, c31 = default, c32 = default, c33 = default,
           c40 = default, c41 = default, c42 = default, c43 = default,
           c50 = default, c51 = default, c52 = default, c53 = default;
        nuint k = 0;
        for (; k + c <= n; k += c)
        {
            var w0 = TW.Load(ref w, k);
            var w1 = TW.Load(ref w, n + k);
            var w2 = TW.Load(ref w, 2 * n + k);
            var w3 = TW.Load(ref w, 3 * n + k);
            var xv = TW.Load(ref x, k);
            c00 = TW.MultiplyAdd(xv, w0, c00); c01 = TW.MultiplyAdd(xv, w1, c01);
            c02 = TW.MultiplyAdd(xv, w2, c02); c03 = TW.MultiplyAdd(xv, w3, c03);
            xv = TW.Load(ref x, n + k);
            c10 = TW.MultiplyAdd(xv, w0, c10); c11 = TW.MultiplyAdd(xv, w1, c11);
            c12 = TW.MultiplyAdd(xv, w2, c12); c13 = TW.MultiplyAdd(xv, w3, c13);
            xv = TW.Load(ref x, 2 * n + k);
            c20 = TW.MultiplyAdd(xv, w0, c20); c21 = TW.MultiplyAdd(xv, w1, c21);
            c22 = TW.MultiplyAdd(xv, w2, c22); c23 = TW.MultiplyAdd(xv, w3, c23);
            xv = TW.Load(ref x, 3 * n + k);
            c30 = TW.MultiplyAdd(xv, w0, c30); c31 = TW.MultiplyAdd(xv, w1, c31);
            c32 = TW.MultiplyAdd(xv, w2, c32); c33 = TW.MultiplyAdd(xv, w3, c33);
            xv = TW.Load(ref x, 4 * n + k);
            c40 = TW.MultiplyAdd(xv, w0, c40); c41 = TW.MultiplyAdd(xv, w1, c41);
            c42 = TW.MultiplyAdd(xv, w2, c42); c43 = TW.MultiplyAdd(xv, w3, c43);
            xv = TW.Load(ref x, 5 * n + k);
            c50 = TW.MultiplyAdd(xv, w0, c50); c51 = TW.MultiplyAdd(xv, w1, c51);
            c52 = TW.MultiplyAdd(xv, w2, c52); c53 = TW.MultiplyAdd(xv, w3, c53);
        }
        var r0 = TW.Reduce4(c00, c01, c02, c03) + bias;
        var r1 = TW.Reduce4(c10, c11, c12, c13) + bias;
        var r2 = TW.Reduce4(c20, c21, c22, c23) + bias;
        var r3 = TW.Reduce4(c30, c31, c32, c33) + bias;
        var r4 = TW.Reduce4(c40, c41, c42, c43) + bias;
        var r5 = TW.Reduce4(c50, c51, c52, c53) + bias;
        for (; k < n; k++)
        {
            var wt = Column4(ref w, n, k);
            r0 = Vector128.MultiplyAddEstimate(Vector128.Create(Unsafe.Add(ref x, k)), wt, r0);
            r1 = Vector128.MultiplyAddEstimate(Vector128.Create(Unsafe.Add(ref x, n + k)), wt, r1);
            r2 = Vector128.MultiplyAddEstimate(Vector128.Create(Unsafe.Add(ref x, 2 * n + k)), wt, r2);
            r3 = Vector128.MultiplyAddEstimate(Vector128.Create(Unsafe.Add(ref x, 3 * n + k)), wt, r3);
            r4 = Vector128.MultiplyAddEstimate(Vector128.Create(Unsafe.Add(ref x, 4 * n + k)), wt, r4);
            r5 = Vector128.MultiplyAddEstimate(Vector128.Create(Unsafe.Add(ref x, 5 * n + k)), wt, r5);
        }
        nuint s = (nuint)TOut.Value;
        StorePair<TAct>(r0, r1, ref z, ref a, 0, s, storeZ);
        StorePair<TAct>(r2, r3, ref z, ref a, 2 * s, 3 * s, storeZ);
        StorePair<TAct>(r4, r5, ref z, ref a, 4 * s, 5 * s, storeZ);
    }

    /// <summary>2 examples × 4 units by dot products at width TV (8 accumulators).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block2x4<TIn, TOut, TAct, TV, TW>(ref float x, ref float w, Vector128<float> bias, ref float z, ref float a, bool storeZ)
        where TIn : struct, IDim where TOut : struct, IDim where TAct : struct, IActivation where TV : struct where TW : struct, IVectorWidth<TV>
    {
        nuint n = (nuint)TIn.Value, c = (nuint)TW.Count;
        TV c00 = default, c01 = default, c02 = default, c03 = default,
           c10 = default, c11 = default, c12 = default, c13 = default;
        nuint k = 0;
        for (; k + c <= n; k += c)
        {
            var w0 = TW.Load(ref w, k);
            var w1 = TW.Load(ref w, n + k);
            var w2 = TW.Load(ref w, 2 * n + k);
            var w3 = TW.Load(ref w, 3 * n + k);
            var xv = TW.Load(ref x, k);
            c00 = TW.MultiplyAdd(xv, w0, c00); c01 = TW.MultiplyAdd(xv, w1, c01);
            c02 = TW.MultiplyAdd(xv, w2, c02); c03 = TW.MultiplyAdd(xv, w3, c03);
            xv = TW.Load(ref x, n + k);
            c10 = TW.MultiplyAdd(xv, w0, c10); c11 = TW.MultiplyAdd(xv, w1, c11);
            c12 = TW.MultiplyAdd(xv, w2, c12); c13 = TW.MultiplyAdd(xv, w3, c13);
        }
        var r0 = TW.Reduce4(c00, c01, c02, c03) + bias;
        var r1 = TW.Reduce4(c10, c11, c12, c13) + bias;
        for (; k < n; k++)
        {
            var wt = Column4(ref w, n, k);
            r0 = Vector128.MultiplyAddEstimate(Vector128.Create(Unsafe.Add(ref x, k)), wt, r0);
            r1 = Vector128.MultiplyAddEstimate(Vector128.Create(Unsafe.Add(ref x, n + k)), wt, r1);
        }
        StorePair<TAct>(r0, r1, ref z, ref a, 0, (nuint)TOut.Value, storeZ);
    }

    /// <summary>One example × 4 units (matrix-vector) at width TV: two accumulators per unit, so 8 chains hide the multiply-add latency.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block1x4<TIn, TAct, TV, TW>(ref float x, ref float w, Vector128<float> bias, ref float z, ref float a, bool storeZ)
        where TIn : struct, IDim where TAct : struct, IActivation where TV : struct where TW : struct, IVectorWidth<TV>
    {
        nuint n = (nuint)TIn.Value, c = (nuint)TW.Count;
        TV c0 = default, c1 = default, c2 = default, c3 = default,
           d0 = default, d1 = default, d2 = default, d3 = default;
        nuint k = 0;
        for (; k + 2 * c <= n; k += 2 * c)
        {
            var xv = TW.Load(ref x, k);
            c0 = TW.MultiplyAdd(xv, TW.Load(ref w, k), c0);
            c1 = TW.MultiplyAdd(xv, TW.Load(ref w, n + k), c1);
            c2 = TW.MultiplyAdd(xv, TW.Load(ref w, 2 * n + k), c2);
            c3 = TW.MultiplyAdd(xv, TW.Load(ref w, 3 * n + k), c3);
            var xu = TW.Load(ref x, k + c);
            d0 = TW.MultiplyAdd(xu, TW.Load(ref w, k + c), d0);
            d1 = TW.MultiplyAdd(xu, TW.Load(ref w, n + k + c), d1);
            d2 = TW.MultiplyAdd(xu, TW.Load(ref w, 2 * n + k + c), d2);
            d3 = TW.MultiplyAdd(xu, TW.Load(ref w, 3 * n + k + c), d3);
        }
        for (; k + c <= n; k += c)
        {
            var xv = TW.Load(ref x, k);
            c0 = TW.MultiplyAdd(xv, TW.Load(ref w, k), c0);
            c1 = TW.MultiplyAdd(xv, TW.Load(ref w, n + k), c1);
            c2 = TW.MultiplyAdd(xv, TW.Load(ref w, 2 * n + k), c2);
            c3 = TW.MultiplyAdd(xv, TW.Load(ref w, 3 * n + k), c3);
        }
        var r = TW.Reduce4(TW.Add(c0, d0), TW.Add(c1, d1), TW.Add(c2, d2), TW.Add(c3, d3)) + bias;
        for (; k < n; k++) r = Vector128.MultiplyAddEstimate(Vector128.Create(Unsafe.Add(ref x, k)), Column4(ref w, n, k), r);
        if (storeZ) r.StoreUnsafe(ref z);
        if (typeof(TAct) != typeof(Identity)) r = TAct.Apply<Vector128<float>, Width128>(r);
        r.StoreUnsafe(ref a);
    }

    /// <summary>w[0..4, k]: one column of 4 consecutive rows of length n.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Column4(ref float w, nuint n, nuint k) =>
        Vector128.Create(Unsafe.Add(ref w, k), Unsafe.Add(ref w, n + k), Unsafe.Add(ref w, 2 * n + k), Unsafe.Add(ref w, 3 * n + k));

    /// <summary>
    /// Stores z rows (if asked) and g(z) rows of two examples; where 8 lanes run in hardware, g is evaluated once on both
    /// as one 8-lane vector, otherwise on each row's 4 lanes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StorePair<TAct>(Vector128<float> r0, Vector128<float> r1, ref float z, ref float a, nuint o0, nuint o1, bool storeZ)
        where TAct : struct, IActivation
    {
        if (storeZ) { r0.StoreUnsafe(ref z, o0); r1.StoreUnsafe(ref z, o1); }
        if (typeof(TAct) != typeof(Identity))
        {
            if (Vector256.IsHardwareAccelerated)
            {
                var g = TAct.Apply(Vector256.Create(r0, r1));
                r0 = g.GetLower();
                r1 = g.GetUpper();
            }
            else
            {
                r0 = TAct.Apply<Vector128<float>, Width128>(r0);
                r1 = TAct.Apply<Vector128<float>, Width128>(r1);
            }
        }
        r0.StoreUnsafe(ref a, o0);
        r1.StoreUnsafe(ref a, o1);
    }

    /// <summary>Stores z rows (if asked) and g(z) rows of two examples; g is evaluated once on both as one 8-lane vector.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block3x8W<TIn, TOut, TAct>(ref float x, ref float w, Vector256<float> bias, ref float z, ref float a, bool storeZ)
        where TIn : struct, IDim where TOut : struct, IDim where TAct : struct, IActivation
    {
        // 3 examples × 8 units: 8 rows of W stay in L1 (8·nIn floats) and each 16-lane load of x, streamed from L2,
        // feeds 8 FMAs; 24 accumulators, 11 loads per 24 FMAs.
        nuint n = (nuint)TIn.Value;
        Vector512<float> c00 = default, c01 = default, c02 = default, c03 = default, c04 = default, c05 = default, c06 = default, c07 = default,
                         c10 = default, c11 = default, c12 = default, c13 = default, c14 = default, c15 = default, c16 = default, c17 = default,
                         c20 = default, c21 = default, c22 = default, c23 = default, c24 = default, c25 = default, c26 = default, c27 = default;
        nuint k = 0;
        for (; k + 16 <= n; k += 16)
        {
            var x0 = Vector512.LoadUnsafe(ref x, k);
            var x1 = Vector512.LoadUnsafe(ref x, n + k);
            var x2 = Vector512.LoadUnsafe(ref x, 2 * n + k);
            var wv = Vector512.LoadUnsafe(ref w, k);
            c00 = Vector512.FusedMultiplyAdd(x0, wv, c00); c10 = Vector512.FusedMultiplyAdd(x1, wv, c10); c20 = Vector512.FusedMultiplyAdd(x2, wv, c20);
            wv = Vector512.LoadUnsafe(ref w, n + k);
            c01 = Vector512.FusedMultiplyAdd(x0, wv, c01); c11 = Vector512.FusedMultiplyAdd(x1, wv, c11); c21 = Vector512.FusedMultiplyAdd(x2, wv, c21);
            wv = Vector512.LoadUnsafe(ref w, 2 * n + k);
            c02 = Vector512.FusedMultiplyAdd(x0, wv, c02); c12 = Vector512.FusedMultiplyAdd(x1, wv, c12); c22 = Vector512.FusedMultiplyAdd(x2, wv, c22);
            wv = Vector512.LoadUnsafe(ref w, 3 * n + k);
            c03 = Vector512.FusedMultiplyAdd(x0, wv, c03); c13 = Vector512.FusedMultiplyAdd(x1, wv, c13); c23 = Vector512.FusedMultiplyAdd(x2, wv, c23);
            wv = Vector512.LoadUnsafe(ref w, 4 * n + k);
            c04 = Vector512.FusedMultiplyAdd(x0, wv, c04); c14 = Vector512.FusedMultiplyAdd(x1, wv, c14); c24 = Vector512.FusedMultiplyAdd(x2, wv, c24);
            wv = Vector512.LoadUnsafe(ref w, 5 * n + k);
            c05 = Vector512.FusedMultiplyAdd(x0, wv, c05); c15 = Vector512.FusedMultiplyAdd(x1, wv, c15); c25 = Vector512.FusedMultiplyAdd(x2, wv, c25);
            wv = Vector512.LoadUnsafe(ref w, 6 * n + k);
            c06 = Vector512.FusedMultiplyAdd(x0, wv, c06); c16 = Vector512.FusedMultiplyAdd(x1, wv, c16); c26 = Vector512.FusedMultiplyAdd(x2, wv, c26);
            wv = Vector512.LoadUnsafe(ref w, 7 * n + k);
            c07 = Vector512.FusedMultiplyAdd(x0, wv, c07); c17 = Vector512.FusedMultiplyAdd(x1, wv, c17); c27 = Vector512.FusedMultiplyAdd(x2, wv, c27);
        }
        var r0 = Reduce8W(c00, c01, c02, c03, c04, c05, c06, c07) + bias;
        var r1 = Reduce8W(c10, c11, c12, c13, c14, c15, c16, c17) + bias;
        var r2 = Reduce8W(c20, c21, c22, c23, c24, c25, c26, c27) + bias;
        for (; k < n; k++)
        {
            var wt = Column8(ref w, n, k);
            r0 += Vector256.Create(Unsafe.Add(ref x, k)) * wt;
            r1 += Vector256.Create(Unsafe.Add(ref x, n + k)) * wt;
            r2 += Vector256.Create(Unsafe.Add(ref x, 2 * n + k)) * wt;
        }
        nuint s = (nuint)TOut.Value;
        Store8<TAct>(r0, ref z, ref a, 0, storeZ);
        Store8<TAct>(r1, ref z, ref a, s, storeZ);
        Store8<TAct>(r2, ref z, ref a, 2 * s, storeZ);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block1x8W<TIn, TAct>(ref float x, ref float w, Vector256<float> bias, ref float z, ref float a, bool storeZ)
        where TIn : struct, IDim where TAct : struct, IActivation
    {
        // One example (matrix-vector, bound by streaming W): 8 rows, one 16-lane accumulator each.
        nuint n = (nuint)TIn.Value;
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default, c6 = default, c7 = default;
        nuint k = 0;
        for (; k + 16 <= n; k += 16)
        {
            var xv = Vector512.LoadUnsafe(ref x, k);
            c0 = Vector512.FusedMultiplyAdd(xv, Vector512.LoadUnsafe(ref w, k), c0);
            c1 = Vector512.FusedMultiplyAdd(xv, Vector512.LoadUnsafe(ref w, n + k), c1);
            c2 = Vector512.FusedMultiplyAdd(xv, Vector512.LoadUnsafe(ref w, 2 * n + k), c2);
            c3 = Vector512.FusedMultiplyAdd(xv, Vector512.LoadUnsafe(ref w, 3 * n + k), c3);
            c4 = Vector512.FusedMultiplyAdd(xv, Vector512.LoadUnsafe(ref w, 4 * n + k), c4);
            c5 = Vector512.FusedMultiplyAdd(xv, Vector512.LoadUnsafe(ref w, 5 * n + k), c5);
            c6 = Vector512.FusedMultiplyAdd(xv, Vector512.LoadUnsafe(ref w, 6 * n + k), c6);
            c7 = Vector512.FusedMultiplyAdd(xv, Vector512.LoadUnsafe(ref w, 7 * n + k), c7);
        }
        var r = Reduce8W(c0, c1, c2, c3, c4, c5, c6, c7) + bias;
        for (; k < n; k++) r += Vector256.Create(Unsafe.Add(ref x, k)) * Column8(ref w, n, k);
        Store8<TAct>(r, ref z, ref a, 0, storeZ);
    }

    /// <summary>w[0..8, k]: one column of 8 consecutive rows of length n.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Column8(ref float w, nuint n, nuint k) => Vector256.Create(
        Unsafe.Add(ref w, k), Unsafe.Add(ref w, n + k), Unsafe.Add(ref w, 2 * n + k), Unsafe.Add(ref w, 3 * n + k),
        Unsafe.Add(ref w, 4 * n + k), Unsafe.Add(ref w, 5 * n + k), Unsafe.Add(ref w, 6 * n + k), Unsafe.Add(ref w, 7 * n + k));

    /// <summary>Stores z (if asked) and g(z) for 8 units of one example.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store8<TAct>(Vector256<float> r, ref float z, ref float a, nuint offset, bool storeZ) where TAct : struct, IActivation
    {
        if (storeZ) r.StoreUnsafe(ref z, offset);
        if (typeof(TAct) != typeof(Identity)) r = TAct.Apply(r);
        r.StoreUnsafe(ref a, offset);
    }

    /// <summary>[Σ c0, …, Σ c7] of 16-lane accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Reduce8W(Vector512<float> c0, Vector512<float> c1, Vector512<float> c2, Vector512<float> c3,
        Vector512<float> c4, Vector512<float> c5, Vector512<float> c6, Vector512<float> c7)
    {
        if (!Avx512F.IsSupported) return Vector256.Create(Width512.Reduce4(c0, c1, c2, c3), Width512.Reduce4(c4, c5, c6, c7));
        // A transposing tree, 23 single-µop shuffles and adds for 8 sums (folding each accumulator to 8 lanes and then
        // horizontal adds took ~36 µops, and this tail runs once per 8 outputs: 10–15 % of a 128-long dot product).
        // Level 1: pairs interleaved per 128-bit lane: [a b a b] partial sums.
        var t01 = Avx512F.UnpackLow(c0, c1) + Avx512F.UnpackHigh(c0, c1);
        var t23 = Avx512F.UnpackLow(c2, c3) + Avx512F.UnpackHigh(c2, c3);
        var t45 = Avx512F.UnpackLow(c4, c5) + Avx512F.UnpackHigh(c4, c5);
        var t67 = Avx512F.UnpackLow(c6, c7) + Avx512F.UnpackHigh(c6, c7);
        // Level 2: each 128-bit lane holds [Σ0 Σ1 Σ2 Σ3] (resp. [Σ4 … Σ7]) over a quarter of the lanes.
        var u0 = Avx512F.UnpackLow(t01.AsDouble(), t23.AsDouble()).AsSingle() + Avx512F.UnpackHigh(t01.AsDouble(), t23.AsDouble()).AsSingle();
        var u4 = Avx512F.UnpackLow(t45.AsDouble(), t67.AsDouble()).AsSingle() + Avx512F.UnpackHigh(t45.AsDouble(), t67.AsDouble()).AsSingle();
        // Level 3: [u0.L0 u4.L0 u0.L2 u4.L2] + [u0.L1 u4.L1 u0.L3 u4.L3], then the two 256-bit halves.
        // (The index vectors are written here as constants: through a property the JIT made calls and spilled every accumulator.)
        var even = Vector512.Create(0, 1, 2, 3, 16, 17, 18, 19, 8, 9, 10, 11, 24, 25, 26, 27);
        var odd = Vector512.Create(4, 5, 6, 7, 20, 21, 22, 23, 12, 13, 14, 15, 28, 29, 30, 31);
        var v = Avx512F.PermuteVar16x32x2(u0, even, u4) + Avx512F.PermuteVar16x32x2(u0, odd, u4);
        return v.GetLower() + v.GetUpper();
    }

    /// <summary>Σ_k x[k]·w[k] over n = TIn.Value floats, at width TV (two chains).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot<TIn, TV, TW>(ref float x, ref float w) where TIn : struct, IDim where TV : struct where TW : struct, IVectorWidth<TV>
    {
        nuint n = (nuint)TIn.Value, c = (nuint)TW.Count, k = 0;
        float s = 0f;
        if (n >= c)
        {
            TV acc0 = default, acc1 = default;
            for (; k + 2 * c <= n; k += 2 * c)
            {
                acc0 = TW.MultiplyAdd(TW.Load(ref x, k), TW.Load(ref w, k), acc0);
                acc1 = TW.MultiplyAdd(TW.Load(ref x, k + c), TW.Load(ref w, k + c), acc1);
            }
            for (; k + c <= n; k += c)
                acc0 = TW.MultiplyAdd(TW.Load(ref x, k), TW.Load(ref w, k), acc0);
            s = TW.Sum(TW.Add(acc0, acc1));
        }
        for (; k < n; k++) s += Unsafe.Add(ref x, k) * Unsafe.Add(ref w, k);
        return s;
    }
}
