using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetGen.Kernels;

public static partial class Dense
{
    // Backward micro-kernels for CPUs with 16 vector registers (AVX2 without AVX-512). The 4 × 32 blocks used elsewhere
    // keep 16 accumulators, and with 4 loaded vectors and a broadcast that is 21 registers: on AVX2 RyuJIT spills them
    // inside the inner loop and the products run at 40–55 % of the FMA peak. These blocks are the classic 6 × 16 shape:
    // six rows × two 8-lane vectors = 12 accumulators, 2 vector loads and 6 broadcasts per 12 FMAs, 15 registers.
    // The number of rows is a type argument (R1..R6), so one method serves the full blocks and every tail.

    private readonly struct R1 : IDim { public static int Value => 1; }
    private readonly struct R2 : IDim { public static int Value => 2; }
    private readonly struct R3 : IDim { public static int Value => 3; }
    private readonly struct R4 : IDim { public static int Value => 4; }
    private readonly struct R5 : IDim { public static int Value => 5; }
    private readonly struct R6 : IDim { public static int Value => 6; }

    /// <summary>Units per pass of <see cref="InputBlock16{TIn, TOut, TAct, TRows}"/> over a packed panel: 256 × 64 B = 16 KB of L1.</summary>
    private const int InputUnitBlock16 = 256;

    /// <summary>dW over the 16-column panels of X (k0 upwards while 16 columns remain); returns the first column not done.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int WeightGradientPanels16<TIn, TOut>(ref float dz, ref float x, ref float dw, int m)
        where TIn : struct, IDim where TOut : struct, IDim
    {
        int nIn = TIn.Value, nOut = TOut.Value, k0 = 0;
        // Rows of X 4 KB apart (nIn a multiple of 1024) all map to the same few L1 sets: copied contiguous, the m×16
        // panel stays in L1 while every unit's row of dW is produced from it.
        bool pack = nIn >= 512 && m >= 16;
        for (; k0 + 16 <= nIn; k0 += 16)
        {
            ref float xp = ref Unsafe.Add(ref x, k0);
            nuint stride = (nuint)nIn;
            if (pack)
            {
                ref float p0 = ref Scratch(m * 16);
                for (int i = 0; i < m; i++)
                {
                    ref float src = ref Unsafe.Add(ref xp, i * nIn);
                    Vector256.LoadUnsafe(ref src).StoreUnsafe(ref p0, (nuint)(i * 16));
                    Vector256.LoadUnsafe(ref src, 8).StoreUnsafe(ref p0, (nuint)(i * 16 + 8));
                }
                xp = ref p0;
                stride = 16;
            }
            int j = 0;
            for (; j + 6 <= nOut; j += 6) WeightBlock16<TIn, TOut, R6>(ref dz, ref xp, stride, ref dw, m, j, k0);
            switch (nOut - j)
            {
                case 5: WeightBlock16<TIn, TOut, R5>(ref dz, ref xp, stride, ref dw, m, j, k0); break;
                case 4: WeightBlock16<TIn, TOut, R4>(ref dz, ref xp, stride, ref dw, m, j, k0); break;
                case 3: WeightBlock16<TIn, TOut, R3>(ref dz, ref xp, stride, ref dw, m, j, k0); break;
                case 2: WeightBlock16<TIn, TOut, R2>(ref dz, ref xp, stride, ref dw, m, j, k0); break;
                case 1: WeightBlock16<TIn, TOut, R1>(ref dz, ref xp, stride, ref dw, m, j, k0); break;
            }
        }
        return k0;
    }

    /// <summary>dw[j + r, k0..k0+16] = Σ_i dz[i, j + r]·x[i, k0..k0+16] for r &lt; TRows; <paramref name="x"/> is the panel's first column.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void WeightBlock16<TIn, TOut, TRows>(ref float dz, ref float x, nuint xStride, ref float dw, int m, int j, int k0)
        where TIn : struct, IDim where TOut : struct, IDim where TRows : struct, IDim
    {
        nuint nIn = (nuint)TIn.Value, nOut = (nuint)TOut.Value;
        int rows = TRows.Value;
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default,
                         c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        ref float xk = ref x;
        ref float d = ref Unsafe.Add(ref dz, j);
        for (int i = 0; i < m; i++)
        {
            var x0 = Vector256.LoadUnsafe(ref xk);
            var x1 = Vector256.LoadUnsafe(ref xk, 8);
            var dv = Vector256.Create(d);
            c00 = Vector256.FusedMultiplyAdd(dv, x0, c00); c01 = Vector256.FusedMultiplyAdd(dv, x1, c01);
            if (rows > 1) { dv = Vector256.Create(Unsafe.Add(ref d, 1)); c10 = Vector256.FusedMultiplyAdd(dv, x0, c10); c11 = Vector256.FusedMultiplyAdd(dv, x1, c11); }
            if (rows > 2) { dv = Vector256.Create(Unsafe.Add(ref d, 2)); c20 = Vector256.FusedMultiplyAdd(dv, x0, c20); c21 = Vector256.FusedMultiplyAdd(dv, x1, c21); }
            if (rows > 3) { dv = Vector256.Create(Unsafe.Add(ref d, 3)); c30 = Vector256.FusedMultiplyAdd(dv, x0, c30); c31 = Vector256.FusedMultiplyAdd(dv, x1, c31); }
            if (rows > 4) { dv = Vector256.Create(Unsafe.Add(ref d, 4)); c40 = Vector256.FusedMultiplyAdd(dv, x0, c40); c41 = Vector256.FusedMultiplyAdd(dv, x1, c41); }
            if (rows > 5) { dv = Vector256.Create(Unsafe.Add(ref d, 5)); c50 = Vector256.FusedMultiplyAdd(dv, x0, c50); c51 = Vector256.FusedMultiplyAdd(dv, x1, c51); }
            xk = ref Unsafe.Add(ref xk, xStride);
            d = ref Unsafe.Add(ref d, nOut);
        }
        ref float r = ref Unsafe.Add(ref dw, (nuint)j * nIn + (nuint)k0);
        c00.StoreUnsafe(ref r); c01.StoreUnsafe(ref r, 8);
        if (rows > 1) { c10.StoreUnsafe(ref r, nIn); c11.StoreUnsafe(ref r, nIn + 8); }
        if (rows > 2) { c20.StoreUnsafe(ref r, 2 * nIn); c21.StoreUnsafe(ref r, 2 * nIn + 8); }
        if (rows > 3) { c30.StoreUnsafe(ref r, 3 * nIn); c31.StoreUnsafe(ref r, 3 * nIn + 8); }
        if (rows > 4) { c40.StoreUnsafe(ref r, 4 * nIn); c41.StoreUnsafe(ref r, 4 * nIn + 8); }
        if (rows > 5) { c50.StoreUnsafe(ref r, 5 * nIn); c51.StoreUnsafe(ref r, 5 * nIn + 8); }
    }

    /// <summary>dzPrev over the 16-column panels of W (k0 upwards while 16 columns remain); returns the first column not done.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int InputGradientPanels16<TIn, TOut, TAct>(ref float dz, ref float w, ref float zPrev, ref float dzPrev, int m)
        where TIn : struct, IDim where TOut : struct, IDim where TAct : struct, IActivation
    {
        int nIn = TIn.Value, nOut = TOut.Value, k0 = 0;
        // Long rows of W (4 KB apart for nIn = 1024 share L1 sets): the nOut×16 panel is copied contiguous once and used
        // in passes of 256 units (16 KB), the sums of earlier passes read back from dzPrev.
        bool pack = nIn >= 512 && nOut >= 32 && m >= 12;
        for (; k0 + 16 <= nIn; k0 += 16)
        {
            ref float wp = ref Unsafe.Add(ref w, k0);
            nuint stride = (nuint)nIn;
            int pass = nOut;
            if (pack)
            {
                ref float p0 = ref Scratch(nOut * 16);
                for (int j = 0; j < nOut; j++)
                {
                    ref float src = ref Unsafe.Add(ref wp, j * nIn);
                    Vector256.LoadUnsafe(ref src).StoreUnsafe(ref p0, (nuint)(j * 16));
                    Vector256.LoadUnsafe(ref src, 8).StoreUnsafe(ref p0, (nuint)(j * 16 + 8));
                }
                wp = ref p0;
                stride = 16;
                pass = InputUnitBlock16;
            }
            for (int j0 = 0; j0 < nOut; j0 += pass)
            {
                int count = Math.Min(pass, nOut - j0);
                bool first = j0 == 0, last = j0 + count == nOut;
                int i = 0;
                for (; i + 6 <= m; i += 6) InputBlock16<TIn, TOut, TAct, R6>(ref dz, ref wp, stride, ref zPrev, ref dzPrev, i, k0, j0, count, first, last);
                switch (m - i)
                {
                    case 5: InputBlock16<TIn, TOut, TAct, R5>(ref dz, ref wp, stride, ref zPrev, ref dzPrev, i, k0, j0, count, first, last); break;
                    case 4: InputBlock16<TIn, TOut, TAct, R4>(ref dz, ref wp, stride, ref zPrev, ref dzPrev, i, k0, j0, count, first, last); break;
                    case 3: InputBlock16<TIn, TOut, TAct, R3>(ref dz, ref wp, stride, ref zPrev, ref dzPrev, i, k0, j0, count, first, last); break;
                    case 2: InputBlock16<TIn, TOut, TAct, R2>(ref dz, ref wp, stride, ref zPrev, ref dzPrev, i, k0, j0, count, first, last); break;
                    case 1: InputBlock16<TIn, TOut, TAct, R1>(ref dz, ref wp, stride, ref zPrev, ref dzPrev, i, k0, j0, count, first, last); break;
                }
            }
        }
        return k0;
    }

    /// <summary>
    /// dzPrev[i + r, k0..k0+16] = (Σ_j dz[i + r, j]·w[j, k0..k0+16])·g′(zPrev[i + r, k0..k0+16]) for r &lt; TRows, over
    /// units j0..j0+count; <paramref name="w"/> is the panel's first column (row j at j·wStride). Sums of earlier unit
    /// passes are read back from dzPrev (<paramref name="first"/> false); g′ is applied after the last pass.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void InputBlock16<TIn, TOut, TAct, TRows>(ref float dz, ref float w, nuint wStride, ref float zPrev, ref float dzPrev,
        int i, int k0, int j0, int count, bool first, bool last)
        where TIn : struct, IDim where TOut : struct, IDim where TAct : struct, IActivation where TRows : struct, IDim
    {
        nuint nIn = (nuint)TIn.Value, nOut = (nuint)TOut.Value;
        int rows = TRows.Value;
        nuint o = (nuint)i * nIn + (nuint)k0;
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default,
                         c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        if (!first)
        {
            ref float p = ref Unsafe.Add(ref dzPrev, o);
            c00 = Vector256.LoadUnsafe(ref p); c01 = Vector256.LoadUnsafe(ref p, 8);
            if (rows > 1) { c10 = Vector256.LoadUnsafe(ref p, nIn); c11 = Vector256.LoadUnsafe(ref p, nIn + 8); }
            if (rows > 2) { c20 = Vector256.LoadUnsafe(ref p, 2 * nIn); c21 = Vector256.LoadUnsafe(ref p, 2 * nIn + 8); }
            if (rows > 3) { c30 = Vector256.LoadUnsafe(ref p, 3 * nIn); c31 = Vector256.LoadUnsafe(ref p, 3 * nIn + 8); }
            if (rows > 4) { c40 = Vector256.LoadUnsafe(ref p, 4 * nIn); c41 = Vector256.LoadUnsafe(ref p, 4 * nIn + 8); }
            if (rows > 5) { c50 = Vector256.LoadUnsafe(ref p, 5 * nIn); c51 = Vector256.LoadUnsafe(ref p, 5 * nIn + 8); }
        }
        ref float d = ref Unsafe.Add(ref dz, (nuint)i * nOut + (nuint)j0);
        ref float wk = ref Unsafe.Add(ref w, (nuint)j0 * wStride);
        for (nuint j = 0; j < (nuint)count; j++)
        {
            var w0 = Vector256.LoadUnsafe(ref wk);
            var w1 = Vector256.LoadUnsafe(ref wk, 8);
            var dv = Vector256.Create(Unsafe.Add(ref d, j));
            c00 = Vector256.FusedMultiplyAdd(dv, w0, c00); c01 = Vector256.FusedMultiplyAdd(dv, w1, c01);
            if (rows > 1) { dv = Vector256.Create(Unsafe.Add(ref d, nOut + j)); c10 = Vector256.FusedMultiplyAdd(dv, w0, c10); c11 = Vector256.FusedMultiplyAdd(dv, w1, c11); }
            if (rows > 2) { dv = Vector256.Create(Unsafe.Add(ref d, 2 * nOut + j)); c20 = Vector256.FusedMultiplyAdd(dv, w0, c20); c21 = Vector256.FusedMultiplyAdd(dv, w1, c21); }
            if (rows > 3) { dv = Vector256.Create(Unsafe.Add(ref d, 3 * nOut + j)); c30 = Vector256.FusedMultiplyAdd(dv, w0, c30); c31 = Vector256.FusedMultiplyAdd(dv, w1, c31); }
            if (rows > 4) { dv = Vector256.Create(Unsafe.Add(ref d, 4 * nOut + j)); c40 = Vector256.FusedMultiplyAdd(dv, w0, c40); c41 = Vector256.FusedMultiplyAdd(dv, w1, c41); }
            if (rows > 5) { dv = Vector256.Create(Unsafe.Add(ref d, 5 * nOut + j)); c50 = Vector256.FusedMultiplyAdd(dv, w0, c50); c51 = Vector256.FusedMultiplyAdd(dv, w1, c51); }
            wk = ref Unsafe.Add(ref wk, wStride);
        }
        // Raw sums out (a plain epilogue keeps the accumulators in registers through the loop), g′ in a second pass.
        ref float q = ref Unsafe.Add(ref dzPrev, o);
        c00.StoreUnsafe(ref q); c01.StoreUnsafe(ref q, 8);
        if (rows > 1) { c10.StoreUnsafe(ref q, nIn); c11.StoreUnsafe(ref q, nIn + 8); }
        if (rows > 2) { c20.StoreUnsafe(ref q, 2 * nIn); c21.StoreUnsafe(ref q, 2 * nIn + 8); }
        if (rows > 3) { c30.StoreUnsafe(ref q, 3 * nIn); c31.StoreUnsafe(ref q, 3 * nIn + 8); }
        if (rows > 4) { c40.StoreUnsafe(ref q, 4 * nIn); c41.StoreUnsafe(ref q, 4 * nIn + 8); }
        if (rows > 5) { c50.StoreUnsafe(ref q, 5 * nIn); c51.StoreUnsafe(ref q, 5 * nIn + 8); }
        if (last && typeof(TAct) != typeof(Identity)) ScaleTile<TAct>(ref zPrev, ref dzPrev, o, nIn, rows, 16);
    }
}
