using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.Kernels;

public static partial class Dense
{
    // Backward micro-kernels. dz: m×nOut, x (= A[l−1]): m×nIn, w: nOut×nIn, dw: nOut×nIn, zPrev and dzPrev: m×nIn.
    // Both products are outer products along the contiguous input dimension k. With 32 vector registers (AVX-512) a
    // block keeps 4 rows × 4 vectors (16 accumulators, 16 or 8 lanes) in registers, each step broadcasting 4 scalars
    // of dz and loading 4 vectors; with 16 registers the panel blocks of Dense.Registers16 do. Column tails reuse the
    // one-vector blocks on the last whole vector (overlapping columns are recomputed with identical values), so only
    // layers narrower than one vector take the scalar loops.

    /// <summary>db[j] = Σ_i dz[i, j].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BiasGradient<TOut>(ref float dz, ref float db, int m) where TOut : struct, IDim
    {
        int nOut = TOut.Value, j = 0;
        if (Vector256.IsHardwareAccelerated && nOut >= 8) j = BiasGradient<TOut, Vector256<float>, Width256>(ref dz, ref db, m);
        else if (Vector128.IsHardwareAccelerated && nOut >= 4) j = BiasGradient<TOut, Vector128<float>, Width128>(ref dz, ref db, m);
        for (; j < nOut; j++)
        {
            float s = 0f;
            for (int i = 0; i < m; i++) s += Unsafe.Add(ref dz, i * nOut + j);
            Unsafe.Add(ref db, j) = s;
        }
    }

    /// <summary>db over whole vectors of units, two chains; returns the first unit not done.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int BiasGradient<TOut, TV, TW>(ref float dz, ref float db, int m) where TOut : struct, IDim where TV : struct where TW : struct, IVectorWidth<TV>
    {
        int nOut = TOut.Value, c = TW.Count, j = 0;
        for (; j + c <= nOut; j += c)
        {
            TV s0 = default, s1 = default;
            int i = 0;
            for (; i + 2 <= m; i += 2)
            {
                s0 = TW.Add(s0, TW.Load(ref dz, (nuint)(i * nOut + j)));
                s1 = TW.Add(s1, TW.Load(ref dz, (nuint)((i + 1) * nOut + j)));
            }
            if (i < m) s0 = TW.Add(s0, TW.Load(ref dz, (nuint)(i * nOut + j)));
            TW.Store(TW.Add(s0, s1), ref db, (nuint)j);
        }
        return j;
    }

    /// <summary>dw[j, k] = Σ_i dz[i, j]·x[i, k].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WeightGradient<TIn, TOut>(ref float dz, ref float x, ref float dw, int m) where TIn : struct, IDim where TOut : struct, IDim
    {
        int nIn = TIn.Value, nOut = TOut.Value;
        // As for the forward pass: 32-register blocks with AVX-512, the 16-register blocks at the widest width elsewhere.
        if (VectorRegisters32 && nIn >= 8)
            WeightGradient32<TIn, TOut>(ref dz, ref x, ref dw, m);
        else if (Vector256.IsHardwareAccelerated && nIn >= 8)
            WeightGradientTails<TIn, TOut, Vector256<float>, Width256>(ref dz, ref x, ref dw, m, WeightGradientPanels16<TIn, TOut, Vector256<float>, Width256>(ref dz, ref x, ref dw, m));
        else if (Vector128.IsHardwareAccelerated && nIn >= 4)
            WeightGradientTails<TIn, TOut, Vector128<float>, Width128>(ref dz, ref x, ref dw, m, WeightGradientPanels16<TIn, TOut, Vector128<float>, Width128>(ref dz, ref x, ref dw, m));
        else
            for (int j = 0; j < nOut; j++)
                for (int k = 0; k < nIn; k++)
                {
                    float s = 0f;
                    for (int i = 0; i < m; i++) s += Unsafe.Add(ref dz, i * nOut + j) * Unsafe.Add(ref x, i * nIn + k);
                    Unsafe.Add(ref dw, j * nIn + k) = s;
                }
    }

    /// <summary>dW with 32 vector registers (AVX-512): 4 × 64 blocks in 16 lanes, then 4 × 32 blocks in 8 lanes, then the tails.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WeightGradient32<TIn, TOut>(ref float dz, ref float x, ref float dw, int m) where TIn : struct, IDim where TOut : struct, IDim
    {
        int nIn = TIn.Value, nOut = TOut.Value;
        int k0 = 0;
        // Column panels outermost: the m×64 (or m×32) panel of X stays in L1 while every unit's row of dW is produced from it.
        if (Vector512.IsHardwareAccelerated)
        {
            // Long rows: copy each m×64 panel of X to contiguous scratch first. Rows of X are nIn floats apart, and for
            // nIn a multiple of 1024 every row of the panel falls in the same few L1 sets; packed, the panel stays in L1.
            bool pack = nIn >= 512 && m >= 16;
            for (; k0 + 64 <= nIn; k0 += 64)
            {
                ref float xp = ref Unsafe.Add(ref x, k0);
                nuint stride = (nuint)nIn;
                if (pack)
                {
                    ref float p0 = ref Scratch(m * 64);
                    for (int i = 0; i < m; i++)
                    {
                        ref float src = ref Unsafe.Add(ref x, i * nIn + k0);
                        ref float dst = ref Unsafe.Add(ref p0, i * 64);
                        Vector512.LoadUnsafe(ref src).StoreUnsafe(ref dst);
                        Vector512.LoadUnsafe(ref src, 16).StoreUnsafe(ref dst, 16);
                        Vector512.LoadUnsafe(ref src, 32).StoreUnsafe(ref dst, 32);
                        Vector512.LoadUnsafe(ref src, 48).StoreUnsafe(ref dst, 48);
                    }
                    xp = ref p0;
                    stride = 64;
                }
                int j = 0;
                for (; j + 4 <= nOut; j += 4) WeightBlock4x4V<TIn, TOut, Vector512<float>, Width512>(ref dz, ref xp, stride, ref dw, m, j, k0);
                for (; j < nOut; j++) WeightBlock1x4V<TIn, TOut, Vector512<float>, Width512>(ref dz, ref x, ref dw, m, j, k0);
            }
        }
        for (; k0 + 32 <= nIn; k0 += 32)
        {
            int j = 0;
            for (; j + 4 <= nOut; j += 4) WeightBlock4x4V<TIn, TOut, Vector256<float>, Width256>(ref dz, ref Unsafe.Add(ref x, k0), (nuint)nIn, ref dw, m, j, k0);
            for (; j < nOut; j++) WeightBlock1x4V<TIn, TOut, Vector256<float>, Width256>(ref dz, ref x, ref dw, m, j, k0);
        }
        WeightGradientTails<TIn, TOut, Vector256<float>, Width256>(ref dz, ref x, ref dw, m, k0);
    }

    /// <summary>
    /// dW's columns k0.. one vector at a time (4 units, then 1); a last partial vector is done as the last whole one,
    /// recomputing the overlapping columns with identical values. Needs nIn ≥ Count.
    /// </summary>
    private static void WeightGradientTails<TIn, TOut, TV, TW>(ref float dz, ref float x, ref float dw, int m, int k0)
        where TIn : struct, IDim where TOut : struct, IDim where TV : struct where TW : struct, IVectorWidth<TV>
    {
        int nIn = TIn.Value, nOut = TOut.Value, c = TW.Count;
        for (; k0 < nIn; k0 += c)
        {
            int k = k0 + c <= nIn ? k0 : nIn - c;
            int j = 0;
            for (; j + 4 <= nOut; j += 4) WeightBlock4xV<TIn, TOut, TV, TW>(ref dz, ref x, ref dw, m, j, k);
            for (; j < nOut; j++) WeightBlock1xV<TIn, TOut, TV, TW>(ref dz, ref x, ref dw, m, j, k);
        }
    }

    /// <summary>dw[j..j+4, k0..k0+Count]: 4 units × one vector of columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static void WeightBlock4xV<TIn, TOut, TV, TW>(ref float dz, ref float x, ref float dw, int m, int j, int k0)
        where TIn : struct, IDim where TOut : struct, IDim where TV : struct where TW : struct, IVectorWidth<TV>
    {
        nuint nIn = (nuint)TIn.Value, nOut = (nuint)TOut.Value;
        TV c0 = default, c1 = default, c2 = default, c3 = default;
        ref float xk = ref Unsafe.Add(ref x, k0);
        ref float d = ref Unsafe.Add(ref dz, j);
        for (int i = 0; i < m; i++)
        {
            var xv = TW.Load(ref xk, 0);
            c0 = TW.MultiplyAdd(TW.Create(d), xv, c0);
            c1 = TW.MultiplyAdd(TW.Create(Unsafe.Add(ref d, 1)), xv, c1);
            c2 = TW.MultiplyAdd(TW.Create(Unsafe.Add(ref d, 2)), xv, c2);
            c3 = TW.MultiplyAdd(TW.Create(Unsafe.Add(ref d, 3)), xv, c3);
            xk = ref Unsafe.Add(ref xk, nIn);
            d = ref Unsafe.Add(ref d, nOut);
        }
        ref float r = ref Unsafe.Add(ref dw, (nuint)j * nIn + (nuint)k0);
        TW.Store(c0, ref r, 0); TW.Store(c1, ref r, nIn); TW.Store(c2, ref r, 2 * nIn); TW.Store(c3, ref r, 3 * nIn);
    }

    /// <summary>dw[j, k0..k0+Count]: one unit × one vector of columns, two chains.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static void WeightBlock1xV<TIn, TOut, TV, TW>(ref float dz, ref float x, ref float dw, int m, int j, int k0)
        where TIn : struct, IDim where TOut : struct, IDim where TV : struct where TW : struct, IVectorWidth<TV>
    {
        nuint nIn = (nuint)TIn.Value, nOut = (nuint)TOut.Value;
        TV c0 = default, c1 = default;
        ref float xk = ref Unsafe.Add(ref x, k0);
        ref float d = ref Unsafe.Add(ref dz, j);
        int i = 0;
        for (; i + 2 <= m; i += 2)
        {
            c0 = TW.MultiplyAdd(TW.Create(d), TW.Load(ref xk, 0), c0);
            c1 = TW.MultiplyAdd(TW.Create(Unsafe.Add(ref d, nOut)), TW.Load(ref xk, nIn), c1);
            xk = ref Unsafe.Add(ref xk, 2 * nIn);
            d = ref Unsafe.Add(ref d, 2 * nOut);
        }
        if (i < m) c0 = TW.MultiplyAdd(TW.Create(d), TW.Load(ref xk, 0), c0);
        TW.Store(TW.Add(c0, c1), ref dw, (nuint)j * nIn + (nuint)k0);
    }

    [ThreadStatic] private static float[]? t_scratch;
    [ThreadStatic] private static int t_scratchStart;

    /// <summary>
    /// This thread's packing buffer: at least <paramref name="length"/> floats starting on a 64-byte boundary (a pinned
    /// array, allocated once per thread and grown when a larger layer needs it; no allocation in steady state).
    /// </summary>
    private static unsafe ref float Scratch(int length)
    {
        float[]? buffer = t_scratch;
        if (buffer is null || buffer.Length - t_scratchStart < length)
        {
            t_scratch = buffer = GC.AllocateUninitializedArray<float>(Math.Max(length, 64 * 1024) + 16, pinned: true);
            t_scratchStart = (int)((64 - ((nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer)) & 63)) & 63) / sizeof(float);
        }
        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(buffer), t_scratchStart);
    }

    /// <summary>Whether <paramref name="p"/> is on a 64-byte boundary (one 16-lane load touches one cache line).</summary>
    private static unsafe bool IsAligned64(ref float p) => ((nuint)Unsafe.AsPointer(ref p) & 63) == 0;

    /// <summary>Units per pass of <see cref="InputBlock4x4V{TIn, TOut, TAct, TV, TW}"/> in wide layers.</summary>
    private const int InputUnitBlock = 128;

    /// <summary>dzPrev[i, k] = (Σ_j dz[i, j]·w[j, k])·g′(zPrev[i, k]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void InputGradient<TIn, TOut, TAct>(ref float dz, ref float w, ref float zPrev, ref float dzPrev, int m)
        where TIn : struct, IDim where TOut : struct, IDim where TAct : struct, IActivation
    {
        int nIn = TIn.Value, nOut = TOut.Value;
        if (VectorRegisters32 && nIn >= 8)
            InputGradient32<TIn, TOut, TAct>(ref dz, ref w, ref zPrev, ref dzPrev, m);
        else if (Vector256.IsHardwareAccelerated && nIn >= 8)
            InputGradientTails<TIn, TOut, TAct, Vector256<float>, Width256>(ref dz, ref w, ref zPrev, ref dzPrev, m,
                InputGradientPanels16<TIn, TOut, TAct, Vector256<float>, Width256>(ref dz, ref w, ref zPrev, ref dzPrev, m));
        else if (BroadcastIsShuffle && nIn >= 8 && nOut >= 32 && m >= 12)
            InputGradientTails<TIn, TOut, TAct, Vector128<float>, Width128>(ref dz, ref w, ref zPrev, ref dzPrev, m,
                InputGradientSplat16<TIn, TOut, TAct>(ref dz, ref w, ref zPrev, ref dzPrev, m));
        else if (Vector128.IsHardwareAccelerated && nIn >= 4)
            InputGradientTails<TIn, TOut, TAct, Vector128<float>, Width128>(ref dz, ref w, ref zPrev, ref dzPrev, m,
                InputGradientPanels16<TIn, TOut, TAct, Vector128<float>, Width128>(ref dz, ref w, ref zPrev, ref dzPrev, m));
        else
        {
            // Narrow layers: plain sums, then g′ over the whole m×nIn block in vectors (for tanh and sigmoid one vector
            // evaluation costs about what one scalar MathF.Tanh or MathF.Exp does).
            for (int i = 0; i < m; i++)
                for (int k = 0; k < nIn; k++)
                {
                    float s = 0f;
                    for (int j = 0; j < nOut; j++) s += Unsafe.Add(ref dz, i * nOut + j) * Unsafe.Add(ref w, j * nIn + k);
                    Unsafe.Add(ref dzPrev, i * nIn + k) = s;
                }
            if (typeof(TAct) != typeof(Identity)) Elementwise.ScaleByDerivative<TAct>(ref zPrev, ref dzPrev, m * nIn);
        }
    }

    /// <summary>dzPrev with 32 vector registers (AVX-512): 4 × 64 blocks in 16 lanes, then 4 × 32 blocks in 8 lanes, then the tails.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void InputGradient32<TIn, TOut, TAct>(ref float dz, ref float w, ref float zPrev, ref float dzPrev, int m)
        where TIn : struct, IDim where TOut : struct, IDim where TAct : struct, IActivation
    {
        int nIn = TIn.Value, nOut = TOut.Value;
        int k0 = 0;
        // Column panels outermost: the nOut×64 (or nOut×32) panel of W is reused by every block of examples.
        if (Vector512.IsHardwareAccelerated)
            for (; k0 + 64 <= nIn; k0 += 64)
            {
                int i = 0;
                if (nOut > 2 * InputUnitBlock)
                {
                    // The nOut×64 panel of W, copied contiguous once (rows nIn apart share L1 sets), then used in blocks of units.
                    ref float p0 = ref Scratch(nOut * 64);
                    for (int j = 0; j < nOut; j++)
                    {
                        ref float src = ref Unsafe.Add(ref w, j * nIn + k0);
                        ref float dst = ref Unsafe.Add(ref p0, j * 64);
                        Vector512.LoadUnsafe(ref src).StoreUnsafe(ref dst);
                        Vector512.LoadUnsafe(ref src, 16).StoreUnsafe(ref dst, 16);
                        Vector512.LoadUnsafe(ref src, 32).StoreUnsafe(ref dst, 32);
                        Vector512.LoadUnsafe(ref src, 48).StoreUnsafe(ref dst, 48);
                    }
                    for (int j0 = 0; j0 < nOut; j0 += InputUnitBlock)
                    {
                        int count = Math.Min(InputUnitBlock, nOut - j0);
                        for (i = 0; i + 4 <= m; i += 4)
                            InputBlock4x4V<TIn, TOut, TAct, Vector512<float>, Width512>(ref dz, ref p0, 64, ref zPrev, ref dzPrev, i, k0, j0, count, j0 == 0, j0 + count == nOut);
                    }
                }
                else
                    for (; i + 4 <= m; i += 4)
                        InputBlock4x4V<TIn, TOut, TAct, Vector512<float>, Width512>(ref dz, ref Unsafe.Add(ref w, k0), (nuint)nIn, ref zPrev, ref dzPrev, i, k0, 0, nOut, true, true);
                for (; i < m; i++) InputBlock1x4V<TIn, TOut, TAct, Vector512<float>, Width512>(ref dz, ref w, ref zPrev, ref dzPrev, i, k0);
            }
        for (; k0 + 32 <= nIn; k0 += 32)
        {
            int i = 0;
            for (; i + 4 <= m; i += 4)
                InputBlock4x4V<TIn, TOut, TAct, Vector256<float>, Width256>(ref dz, ref Unsafe.Add(ref w, k0), (nuint)nIn, ref zPrev, ref dzPrev, i, k0, 0, nOut, true, true);
            for (; i < m; i++) InputBlock1x4V<TIn, TOut, TAct, Vector256<float>, Width256>(ref dz, ref w, ref zPrev, ref dzPrev, i, k0);
        }
        InputGradientTails<TIn, TOut, TAct, Vector256<float>, Width256>(ref dz, ref w, ref zPrev, ref dzPrev, m, k0);
    }

    /// <summary>
    /// dzPrev's columns k0.. one vector at a time (4 examples, then 1); a last partial vector is done as the last whole
    /// one (the overlapping columns get identical values: each is recomputed from the sums, not from dzPrev). Needs nIn ≥ Count.
    /// </summary>
    private static void InputGradientTails<TIn, TOut, TAct, TV, TW>(ref float dz, ref float w, ref float zPrev, ref float dzPrev, int m, int k0)
        where TIn : struct, IDim where TOut : struct, IDim where TAct : struct, IActivation where TV : struct where TW : struct, IVectorWidth<TV>
    {
        int nIn = TIn.Value, c = TW.Count;
        for (; k0 < nIn; k0 += c)
        {
            int k = k0 + c <= nIn ? k0 : nIn - c;
            int i = 0;
            for (; i + 4 <= m; i += 4) InputBlock4xV<TIn, TOut, TAct, TV, TW>(ref dz, ref w, ref zPrev, ref dzPrev, i, k);
            for (; i < m; i++) InputBlock1xV<TIn, TOut, TAct, TV, TW>(ref dz, ref w, ref zPrev, ref dzPrev, i, k);
        }
    }

    /// <summary>dzPrev[i..i+4, k0..k0+Count]: 4 examples × one vector of columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static void InputBlock4xV<TIn, TOut, TAct, TV, TW>(ref float dz, ref float w, ref float zPrev, ref float dzPrev, int i, int k0)
        where TIn : struct, IDim where TOut : struct, IDim where TAct : struct, IActivation where TV : struct where TW : struct, IVectorWidth<TV>
    {
        nuint nIn = (nuint)TIn.Value, nOut = (nuint)TOut.Value;
        TV c0 = default, c1 = default, c2 = default, c3 = default;
        ref float d = ref Unsafe.Add(ref dz, (nuint)i * nOut);
        ref float wk = ref Unsafe.Add(ref w, k0);
        for (nuint j = 0; j < nOut; j++)
        {
            var wv = TW.Load(ref wk, 0);
            c0 = TW.MultiplyAdd(TW.Create(Unsafe.Add(ref d, j)), wv, c0);
            c1 = TW.MultiplyAdd(TW.Create(Unsafe.Add(ref d, nOut + j)), wv, c1);
            c2 = TW.MultiplyAdd(TW.Create(Unsafe.Add(ref d, 2 * nOut + j)), wv, c2);
            c3 = TW.MultiplyAdd(TW.Create(Unsafe.Add(ref d, 3 * nOut + j)), wv, c3);
            wk = ref Unsafe.Add(ref wk, nIn);
        }
        nuint o = (nuint)i * nIn + (nuint)k0;
        StoreScaled<TAct, TV, TW>(c0, ref zPrev, ref dzPrev, o);
        StoreScaled<TAct, TV, TW>(c1, ref zPrev, ref dzPrev, o + nIn);
        StoreScaled<TAct, TV, TW>(c2, ref zPrev, ref dzPrev, o + 2 * nIn);
        StoreScaled<TAct, TV, TW>(c3, ref zPrev, ref dzPrev, o + 3 * nIn);
    }

    /// <summary>dzPrev[i, k0..k0+Count]: one example × one vector of columns, two chains.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static void InputBlock1xV<TIn, TOut, TAct, TV, TW>(ref float dz, ref float w, ref float zPrev, ref float dzPrev, int i, int k0)
        where TIn : struct, IDim where TOut : struct, IDim where TAct : struct, IActivation where TV : struct where TW : struct, IVectorWidth<TV>
    {
        nuint nIn = (nuint)TIn.Value, nOut = (nuint)TOut.Value;
        TV c0 = default, c1 = default;
        ref float d = ref Unsafe.Add(ref dz, (nuint)i * nOut);
        ref float wk = ref Unsafe.Add(ref w, k0);
        nuint j = 0;
        for (; j + 2 <= nOut; j += 2)
        {
            c0 = TW.MultiplyAdd(TW.Create(Unsafe.Add(ref d, j)), TW.Load(ref wk, 0), c0);
            c1 = TW.MultiplyAdd(TW.Create(Unsafe.Add(ref d, j + 1)), TW.Load(ref wk, nIn), c1);
            wk = ref Unsafe.Add(ref wk, 2 * nIn);
        }
        if (j < nOut) c0 = TW.MultiplyAdd(TW.Create(Unsafe.Add(ref d, j)), TW.Load(ref wk, 0), c0);
        StoreScaled<TAct, TV, TW>(TW.Add(c0, c1), ref zPrev, ref dzPrev, (nuint)i * nIn + (nuint)k0);
    }

    /// <summary>
    /// dw[j..j+4, k0..k0+4·Count] for 32 vector registers: 16 accumulators of 4 units × 4 vectors of columns; each
    /// example broadcasts 4 values of dz and loads 4 vectors of its row of X (<paramref name="x"/> at column k0, rows
    /// <paramref name="xStride"/> apart: X itself, or a packed copy of its panel).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void WeightBlock4x4V<TIn, TOut, TV, TW>(ref float dz, ref float x, nuint xStride, ref float dw, int m, int j, int k0)
        where TIn : struct, IDim where TOut : struct, IDim where TV : struct where TW : struct, IVectorWidth<TV>
    {
        nuint nIn = (nuint)TIn.Value, nOut = (nuint)TOut.Value, c = (nuint)TW.Count;
        TV c00 = default, c01 = default, c02 = default, c03 = default,
           c10 = default, c11 = default, c12 = default, c13 = default,
           c20 = default, c21 = default, c22 = default, c23 = default,
           c30 = default, c31 = default, c32 = default, c33 = default;
        ref float xk = ref x;
        ref float d = ref Unsafe.Add(ref dz, j);
        for (int i = 0; i < m; i++)
        {
            var x0 = TW.Load(ref xk, 0);
            var x1 = TW.Load(ref xk, c);
            var x2 = TW.Load(ref xk, 2 * c);
            var x3 = TW.Load(ref xk, 3 * c);
            var dv = TW.Create(d);
            c00 = TW.MultiplyAdd(dv, x0, c00); c01 = TW.MultiplyAdd(dv, x1, c01); c02 = TW.MultiplyAdd(dv, x2, c02); c03 = TW.MultiplyAdd(dv, x3, c03);
            dv = TW.Create(Unsafe.Add(ref d, 1));
            c10 = TW.MultiplyAdd(dv, x0, c10); c11 = TW.MultiplyAdd(dv, x1, c11); c12 = TW.MultiplyAdd(dv, x2, c12); c13 = TW.MultiplyAdd(dv, x3, c13);
            dv = TW.Create(Unsafe.Add(ref d, 2));
            c20 = TW.MultiplyAdd(dv, x0, c20); c21 = TW.MultiplyAdd(dv, x1, c21); c22 = TW.MultiplyAdd(dv, x2, c22); c23 = TW.MultiplyAdd(dv, x3, c23);
            dv = TW.Create(Unsafe.Add(ref d, 3));
            c30 = TW.MultiplyAdd(dv, x0, c30); c31 = TW.MultiplyAdd(dv, x1, c31); c32 = TW.MultiplyAdd(dv, x2, c32); c33 = TW.MultiplyAdd(dv, x3, c33);
            xk = ref Unsafe.Add(ref xk, xStride);
            d = ref Unsafe.Add(ref d, nOut);
        }
        ref float r = ref Unsafe.Add(ref dw, (nuint)j * nIn + (nuint)k0);
        Store4<TV, TW>(c00, c01, c02, c03, ref r);
        Store4<TV, TW>(c10, c11, c12, c13, ref Unsafe.Add(ref r, nIn));
        Store4<TV, TW>(c20, c21, c22, c23, ref Unsafe.Add(ref r, 2 * nIn));
        Store4<TV, TW>(c30, c31, c32, c33, ref Unsafe.Add(ref r, 3 * nIn));
    }

    /// <summary>dw[j, k0..k0+4·Count]: one unit × 4 vectors of columns.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void WeightBlock1x4V<TIn, TOut, TV, TW>(ref float dz, ref float x, ref float dw, int m, int j, int k0)
        where TIn : struct, IDim where TOut : struct, IDim where TV : struct where TW : struct, IVectorWidth<TV>
    {
        nuint nIn = (nuint)TIn.Value, nOut = (nuint)TOut.Value, c = (nuint)TW.Count;
        TV c0 = default, c1 = default, c2 = default, c3 = default;
        ref float xk = ref Unsafe.Add(ref x, k0);
        ref float d = ref Unsafe.Add(ref dz, j);
        for (int i = 0; i < m; i++)
        {
            var dv = TW.Create(d);
            c0 = TW.MultiplyAdd(dv, TW.Load(ref xk, 0), c0);
            c1 = TW.MultiplyAdd(dv, TW.Load(ref xk, c), c1);
            c2 = TW.MultiplyAdd(dv, TW.Load(ref xk, 2 * c), c2);
            c3 = TW.MultiplyAdd(dv, TW.Load(ref xk, 3 * c), c3);
            xk = ref Unsafe.Add(ref xk, nIn);
            d = ref Unsafe.Add(ref d, nOut);
        }
        Store4<TV, TW>(c0, c1, c2, c3, ref Unsafe.Add(ref dw, (nuint)j * nIn + (nuint)k0));
    }

    /// <summary>Four vectors to dest[0 .. 4·Count).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store4<TV, TW>(TV c0, TV c1, TV c2, TV c3, ref float dest) where TV : struct where TW : struct, IVectorWidth<TV>
    {
        nuint c = (nuint)TW.Count;
        TW.Store(c0, ref dest, 0); TW.Store(c1, ref dest, c); TW.Store(c2, ref dest, 2 * c); TW.Store(c3, ref dest, 3 * c);
    }

    /// <summary>
    /// dzPrev[i..i+4, k0..k0+4·Count] for 32 vector registers, over units j0..j0+count: 16 accumulators of 4 examples × 4
    /// vectors; each unit broadcasts 4 values of dz and loads 4 vectors of its row of W (<paramref name="w"/> at column
    /// k0, rows <paramref name="wStride"/> apart: W itself, or a packed copy of its panel). For wide layers the units come
    /// in blocks: the sums of earlier blocks are read back from dzPrev (<paramref name="first"/> false) and g′ is applied
    /// after the last (<paramref name="last"/>), so a 128-unit block of the panel stays in L1 and its pages in the TLB.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void InputBlock4x4V<TIn, TOut, TAct, TV, TW>(ref float dz, ref float w, nuint wStride, ref float zPrev, ref float dzPrev,
        int i, int k0, int j0, int count, bool first, bool last)
        where TIn : struct, IDim where TOut : struct, IDim where TAct : struct, IActivation where TV : struct where TW : struct, IVectorWidth<TV>
    {
        nuint nIn = (nuint)TIn.Value, nOut = (nuint)TOut.Value, c = (nuint)TW.Count;
        nuint o = (nuint)i * nIn + (nuint)k0;
        TV c00 = default, c01 = default, c02 = default, c03 = default,
           c10 = default, c11 = default, c12 = default, c13 = default,
           c20 = default, c21 = default, c22 = default, c23 = default,
           c30 = default, c31 = default, c32 = default, c33 = default;
        if (!first)
        {
            ref float r = ref Unsafe.Add(ref dzPrev, o);
            c00 = TW.Load(ref r, 0); c01 = TW.Load(ref r, c); c02 = TW.Load(ref r, 2 * c); c03 = TW.Load(ref r, 3 * c);
            r = ref Unsafe.Add(ref r, nIn);
            c10 = TW.Load(ref r, 0); c11 = TW.Load(ref r, c); c12 = TW.Load(ref r, 2 * c); c13 = TW.Load(ref r, 3 * c);
            r = ref Unsafe.Add(ref r, nIn);
            c20 = TW.Load(ref r, 0); c21 = TW.Load(ref r, c); c22 = TW.Load(ref r, 2 * c); c23 = TW.Load(ref r, 3 * c);
            r = ref Unsafe.Add(ref r, nIn);
            c30 = TW.Load(ref r, 0); c31 = TW.Load(ref r, c); c32 = TW.Load(ref r, 2 * c); c33 = TW.Load(ref r, 3 * c);
        }
        ref float d = ref Unsafe.Add(ref dz, (nuint)i * nOut + (nuint)j0);
        ref float wk = ref Unsafe.Add(ref w, (nuint)j0 * wStride);
        for (nuint j = 0; j < (nuint)count; j++)
        {
            var w0 = TW.Load(ref wk, 0);
            var w1 = TW.Load(ref wk, c);
            var w2 = TW.Load(ref wk, 2 * c);
            var w3 = TW.Load(ref wk, 3 * c);
            var dv = TW.Create(Unsafe.Add(ref d, j));
            c00 = TW.MultiplyAdd(dv, w0, c00); c01 = TW.MultiplyAdd(dv, w1, c01); c02 = TW.MultiplyAdd(dv, w2, c02); c03 = TW.MultiplyAdd(dv, w3, c03);
            dv = TW.Create(Unsafe.Add(ref d, nOut + j));
            c10 = TW.MultiplyAdd(dv, w0, c10); c11 = TW.MultiplyAdd(dv, w1, c11); c12 = TW.MultiplyAdd(dv, w2, c12); c13 = TW.MultiplyAdd(dv, w3, c13);
            dv = TW.Create(Unsafe.Add(ref d, 2 * nOut + j));
            c20 = TW.MultiplyAdd(dv, w0, c20); c21 = TW.MultiplyAdd(dv, w1, c21); c22 = TW.MultiplyAdd(dv, w2, c22); c23 = TW.MultiplyAdd(dv, w3, c23);
            dv = TW.Create(Unsafe.Add(ref d, 3 * nOut + j));
            c30 = TW.MultiplyAdd(dv, w0, c30); c31 = TW.MultiplyAdd(dv, w1, c31); c32 = TW.MultiplyAdd(dv, w2, c32); c33 = TW.MultiplyAdd(dv, w3, c33);
            wk = ref Unsafe.Add(ref wk, wStride);
        }
        // Raw sums out (a plain epilogue keeps all 16 accumulators in registers through the loop), g′ in a second pass.
        ref float dst = ref Unsafe.Add(ref dzPrev, o);
        Store4<TV, TW>(c00, c01, c02, c03, ref dst);
        Store4<TV, TW>(c10, c11, c12, c13, ref Unsafe.Add(ref dst, nIn));
        Store4<TV, TW>(c20, c21, c22, c23, ref Unsafe.Add(ref dst, 2 * nIn));
        Store4<TV, TW>(c30, c31, c32, c33, ref Unsafe.Add(ref dst, 3 * nIn));
        if (last && typeof(TAct) != typeof(Identity)) ScaleTile<TAct, TV, TW>(ref zPrev, ref dzPrev, o, nIn, 4, 4 * TW.Count);
    }

    /// <summary>dzPrev[i, k0..k0+4·Count]: one example × 4 vectors of columns.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void InputBlock1x4V<TIn, TOut, TAct, TV, TW>(ref float dz, ref float w, ref float zPrev, ref float dzPrev, int i, int k0)
        where TIn : struct, IDim where TOut : struct, IDim where TAct : struct, IActivation where TV : struct where TW : struct, IVectorWidth<TV>
    {
        nuint nIn = (nuint)TIn.Value, nOut = (nuint)TOut.Value, c = (nuint)TW.Count;
        TV c0 = default, c1 = default, c2 = default, c3 = default;
        ref float d = ref Unsafe.Add(ref dz, (nuint)i * nOut);
        ref float wk = ref Unsafe.Add(ref w, k0);
        for (nuint j = 0; j < nOut; j++)
        {
            var dv = TW.Create(Unsafe.Add(ref d, j));
            c0 = TW.MultiplyAdd(dv, TW.Load(ref wk, 0), c0);
            c1 = TW.MultiplyAdd(dv, TW.Load(ref wk, c), c1);
            c2 = TW.MultiplyAdd(dv, TW.Load(ref wk, 2 * c), c2);
            c3 = TW.MultiplyAdd(dv, TW.Load(ref wk, 3 * c), c3);
            wk = ref Unsafe.Add(ref wk, nIn);
        }
        nuint o = (nuint)i * nIn + (nuint)k0;
        StoreScaled<TAct, TV, TW>(c0, ref zPrev, ref dzPrev, o);
        StoreScaled<TAct, TV, TW>(c1, ref zPrev, ref dzPrev, o + c);
        StoreScaled<TAct, TV, TW>(c2, ref zPrev, ref dzPrev, o + 2 * c);
        StoreScaled<TAct, TV, TW>(c3, ref zPrev, ref dzPrev, o + 3 * c);
    }

    /// <summary>dzPrev ·= g′(zPrev) over a rows × cols tile at offset (cols a multiple of Count, rows stride apart).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void ScaleTile<TAct, TV, TW>(ref float zPrev, ref float dzPrev, nuint offset, nuint stride, int rows, int cols)
        where TAct : struct, IActivation where TV : struct where TW : struct, IVectorWidth<TV>
    {
        for (int r = 0; r < rows; r++, offset += stride)
            for (nuint c = 0; c < (nuint)cols; c += (nuint)TW.Count)
                TW.Store(TW.Multiply(TW.Load(ref dzPrev, offset + c), TAct.Derivative<TV, TW>(TW.Load(ref zPrev, offset + c))), ref dzPrev, offset + c);
    }

    /// <summary>dzPrev[offset..+Count] = da ⊙ g′(zPrev[offset..+Count]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreScaled<TAct, TV, TW>(TV da, ref float zPrev, ref float dzPrev, nuint offset)
        where TAct : struct, IActivation where TV : struct where TW : struct, IVectorWidth<TV>
    {
        if (typeof(TAct) != typeof(Identity))
            da = TW.Multiply(da, TAct.Derivative<TV, TW>(TW.Load(ref zPrev, offset)));
        TW.Store(da, ref dzPrev, offset);
    }
}
