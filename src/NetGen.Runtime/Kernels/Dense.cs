using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.Kernels;

/// <summary>
/// The three products of a dense layer, specialised by the generic
/// size types <c>TIn</c> = n[l−1] and <c>TOut</c> = n[l] (see DESIGN §4).
/// A batch is m rows of contiguous features (row i = example i), W is row-major n[l] × n[l−1].
/// Every method has a plain scalar twin in <see cref="DenseReference"/>; tests check they agree.
/// These methods are called by generated code; they check span lengths once per call.
/// </summary>
public static class Dense
{
    /// <summary>
    /// Z = X·Wᵀ + b, A = g(Z).
    /// Shapes: x m×nIn, w nOut×nIn, b nOut, z m×nOut (may be the same span as a), a m×nOut.
    /// </summary>
    public static void Forward<TIn, TOut, TAct>(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b,
        Span<float> z, Span<float> a, int m)
        where TIn : struct, IDim where TOut : struct, IDim where TAct : struct, IActivation
    {
        Affine<TIn, TOut>(x, w, b, z, m);
        Activate<TAct>(z.Slice(0, m * TOut.Value), a.Slice(0, m * TOut.Value));
    }

    /// <summary>Z = X·Wᵀ + b. Shapes: x m×nIn, w nOut×nIn, b nOut, z m×nOut.</summary>
    public static void Affine<TIn, TOut>(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> z, int m)
        where TIn : struct, IDim where TOut : struct, IDim
    {
        int nIn = TIn.Value, nOut = TOut.Value;
        Check(x.Length >= m * nIn && w.Length >= nOut * nIn && b.Length >= nOut && z.Length >= m * nOut);
        ref float x0 = ref MemoryMarshal.GetReference(x);
        ref float w0 = ref MemoryMarshal.GetReference(w);
        ref float b0 = ref MemoryMarshal.GetReference(b);
        ref float z0 = ref MemoryMarshal.GetReference(z);

        int i = 0;
        // 4 examples × 4 units per block: each loaded vector of x or W feeds four FMAs.
        for (; i + 4 <= m; i += 4)
        {
            int j = 0;
            for (; j + 4 <= nOut; j += 4)
                Dot4x4(ref Unsafe.Add(ref x0, i * nIn), ref Unsafe.Add(ref w0, j * nIn), nIn, ref Unsafe.Add(ref b0, j), ref Unsafe.Add(ref z0, i * nOut + j), nOut);
            for (; j < nOut; j++)
                Dot4x1(ref Unsafe.Add(ref x0, i * nIn), ref Unsafe.Add(ref w0, j * nIn), nIn, Unsafe.Add(ref b0, j), ref Unsafe.Add(ref z0, i * nOut + j), nOut);
        }
        for (; i < m; i++)
        {
            int j = 0;
            for (; j + 4 <= nOut; j += 4)
                Dot1x4(ref Unsafe.Add(ref x0, i * nIn), ref Unsafe.Add(ref w0, j * nIn), nIn, ref Unsafe.Add(ref b0, j), ref Unsafe.Add(ref z0, i * nOut + j));
            for (; j < nOut; j++)
                Unsafe.Add(ref z0, i * nOut + j) = Unsafe.Add(ref b0, j) + Dot(ref Unsafe.Add(ref x0, i * nIn), ref Unsafe.Add(ref w0, j * nIn), nIn);
        }
    }

    /// <summary>A = g(Z) element-wise; a may be the same span as z.</summary>
    public static void Activate<TAct>(ReadOnlySpan<float> z, Span<float> a) where TAct : struct, IActivation
    {
        Check(a.Length >= z.Length);
        if (typeof(TAct) == typeof(Identity))
        {
            if (!Unsafe.AreSame(ref MemoryMarshal.GetReference(z), ref MemoryMarshal.GetReference(a))) z.CopyTo(a);
            return;
        }
        ref float z0 = ref MemoryMarshal.GetReference(z);
        ref float a0 = ref MemoryMarshal.GetReference(a);
        int n = z.Length, k = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; k + 8 <= n; k += 8)
                TAct.Apply(Vector256.LoadUnsafe(ref z0, (nuint)k)).StoreUnsafe(ref a0, (nuint)k);
        for (; k < n; k++) Unsafe.Add(ref a0, k) = TAct.Apply(Unsafe.Add(ref z0, k));
    }

    /// <summary>
    /// dW = dZᵀ·X and db = Σ_i dZ[i] (overwritten, not accumulated). The 1/m of the seeds is already in dZ.
    /// Shapes: dz m×nOut, x m×nIn, dw nOut×nIn, db nOut.
    /// </summary>
    public static void BackwardWeights<TIn, TOut>(ReadOnlySpan<float> dz, ReadOnlySpan<float> x, Span<float> dw, Span<float> db, int m)
        where TIn : struct, IDim where TOut : struct, IDim
    {
        int nIn = TIn.Value, nOut = TOut.Value;
        Check(dz.Length >= m * nOut && x.Length >= m * nIn && dw.Length >= nOut * nIn && db.Length >= nOut);
        ref float dz0 = ref MemoryMarshal.GetReference(dz);
        ref float x0 = ref MemoryMarshal.GetReference(x);
        ref float dw0 = ref MemoryMarshal.GetReference(dw);
        ref float db0 = ref MemoryMarshal.GetReference(db);

        for (int j = 0; j < nOut; j++)
        {
            float s = 0f;
            for (int i = 0; i < m; i++) s += Unsafe.Add(ref dz0, i * nOut + j);
            Unsafe.Add(ref db0, j) = s;
        }

        int jb = 0;
        // 4 units × 16 inputs per block, streaming over examples: dW[j, k..k+15] += dz[i, j]·x[i, k..k+15].
        for (; jb + 4 <= nOut; jb += 4)
        {
            int k = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                for (; k + 16 <= nIn; k += 16)
                {
                    Vector256<float> a00 = default, a01 = default, a10 = default, a11 = default,
                                     a20 = default, a21 = default, a30 = default, a31 = default;
                    for (int i = 0; i < m; i++)
                    {
                        var x0v = Vector256.LoadUnsafe(ref x0, (nuint)(i * nIn + k));
                        var x1v = Vector256.LoadUnsafe(ref x0, (nuint)(i * nIn + k + 8));
                        ref float d = ref Unsafe.Add(ref dz0, i * nOut + jb);
                        var d0 = Vector256.Create(d); var d1 = Vector256.Create(Unsafe.Add(ref d, 1));
                        var d2 = Vector256.Create(Unsafe.Add(ref d, 2)); var d3 = Vector256.Create(Unsafe.Add(ref d, 3));
                        a00 = Vector256.FusedMultiplyAdd(d0, x0v, a00); a01 = Vector256.FusedMultiplyAdd(d0, x1v, a01);
                        a10 = Vector256.FusedMultiplyAdd(d1, x0v, a10); a11 = Vector256.FusedMultiplyAdd(d1, x1v, a11);
                        a20 = Vector256.FusedMultiplyAdd(d2, x0v, a20); a21 = Vector256.FusedMultiplyAdd(d2, x1v, a21);
                        a30 = Vector256.FusedMultiplyAdd(d3, x0v, a30); a31 = Vector256.FusedMultiplyAdd(d3, x1v, a31);
                    }
                    ref float r = ref Unsafe.Add(ref dw0, jb * nIn + k);
                    a00.StoreUnsafe(ref r); a01.StoreUnsafe(ref r, 8);
                    a10.StoreUnsafe(ref r, (nuint)nIn); a11.StoreUnsafe(ref r, (nuint)(nIn + 8));
                    a20.StoreUnsafe(ref r, (nuint)(2 * nIn)); a21.StoreUnsafe(ref r, (nuint)(2 * nIn + 8));
                    a30.StoreUnsafe(ref r, (nuint)(3 * nIn)); a31.StoreUnsafe(ref r, (nuint)(3 * nIn + 8));
                }
                for (; k + 8 <= nIn; k += 8)
                {
                    Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
                    for (int i = 0; i < m; i++)
                    {
                        var xv = Vector256.LoadUnsafe(ref x0, (nuint)(i * nIn + k));
                        ref float d = ref Unsafe.Add(ref dz0, i * nOut + jb);
                        a0 = Vector256.FusedMultiplyAdd(Vector256.Create(d), xv, a0);
                        a1 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref d, 1)), xv, a1);
                        a2 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref d, 2)), xv, a2);
                        a3 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref d, 3)), xv, a3);
                    }
                    ref float r = ref Unsafe.Add(ref dw0, jb * nIn + k);
                    a0.StoreUnsafe(ref r); a1.StoreUnsafe(ref r, (nuint)nIn);
                    a2.StoreUnsafe(ref r, (nuint)(2 * nIn)); a3.StoreUnsafe(ref r, (nuint)(3 * nIn));
                }
            }
            for (; k < nIn; k++)
            {
                float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                for (int i = 0; i < m; i++)
                {
                    float xv = Unsafe.Add(ref x0, i * nIn + k);
                    ref float d = ref Unsafe.Add(ref dz0, i * nOut + jb);
                    s0 += d * xv; s1 += Unsafe.Add(ref d, 1) * xv; s2 += Unsafe.Add(ref d, 2) * xv; s3 += Unsafe.Add(ref d, 3) * xv;
                }
                Unsafe.Add(ref dw0, jb * nIn + k) = s0; Unsafe.Add(ref dw0, (jb + 1) * nIn + k) = s1;
                Unsafe.Add(ref dw0, (jb + 2) * nIn + k) = s2; Unsafe.Add(ref dw0, (jb + 3) * nIn + k) = s3;
            }
        }
        for (; jb < nOut; jb++)
        {
            int k = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                for (; k + 8 <= nIn; k += 8)
                {
                    Vector256<float> acc = default;
                    for (int i = 0; i < m; i++)
                        acc = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref dz0, i * nOut + jb)), Vector256.LoadUnsafe(ref x0, (nuint)(i * nIn + k)), acc);
                    acc.StoreUnsafe(ref dw0, (nuint)(jb * nIn + k));
                }
            }
            for (; k < nIn; k++)
            {
                float s = 0;
                for (int i = 0; i < m; i++) s += Unsafe.Add(ref dz0, i * nOut + jb) * Unsafe.Add(ref x0, i * nIn + k);
                Unsafe.Add(ref dw0, jb * nIn + k) = s;
            }
        }
    }

    /// <summary>
    /// dZ_prev = (dZ·W) ⊙ g′(Z_prev): equation 4 (dA[l−1] = W[l]ᵀ·dZ[l]) fused with equation 1 of layer l−1.
    /// Shapes: dz m×nOut, w nOut×nIn, zPrev m×nIn, dzPrev m×nIn.
    /// </summary>
    public static void BackwardInput<TIn, TOut, TActPrev>(ReadOnlySpan<float> dz, ReadOnlySpan<float> w, ReadOnlySpan<float> zPrev, Span<float> dzPrev, int m)
        where TIn : struct, IDim where TOut : struct, IDim where TActPrev : struct, IActivation
    {
        int nIn = TIn.Value, nOut = TOut.Value;
        Check(dz.Length >= m * nOut && w.Length >= nOut * nIn && zPrev.Length >= m * nIn && dzPrev.Length >= m * nIn);
        ref float dz0 = ref MemoryMarshal.GetReference(dz);
        ref float w0 = ref MemoryMarshal.GetReference(w);
        ref float zp0 = ref MemoryMarshal.GetReference(zPrev);
        ref float dx0 = ref MemoryMarshal.GetReference(dzPrev);

        int i = 0;
        // 4 examples × 16 inputs per block, streaming over units: dx[i, k..k+15] += dz[i, j]·W[j, k..k+15].
        for (; i + 4 <= m; i += 4)
        {
            int k = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                for (; k + 16 <= nIn; k += 16)
                {
                    Vector256<float> a00 = default, a01 = default, a10 = default, a11 = default,
                                     a20 = default, a21 = default, a30 = default, a31 = default;
                    ref float d = ref Unsafe.Add(ref dz0, i * nOut);
                    for (int j = 0; j < nOut; j++)
                    {
                        var w0v = Vector256.LoadUnsafe(ref w0, (nuint)(j * nIn + k));
                        var w1v = Vector256.LoadUnsafe(ref w0, (nuint)(j * nIn + k + 8));
                        var d0 = Vector256.Create(Unsafe.Add(ref d, j)); var d1 = Vector256.Create(Unsafe.Add(ref d, nOut + j));
                        var d2 = Vector256.Create(Unsafe.Add(ref d, 2 * nOut + j)); var d3 = Vector256.Create(Unsafe.Add(ref d, 3 * nOut + j));
                        a00 = Vector256.FusedMultiplyAdd(d0, w0v, a00); a01 = Vector256.FusedMultiplyAdd(d0, w1v, a01);
                        a10 = Vector256.FusedMultiplyAdd(d1, w0v, a10); a11 = Vector256.FusedMultiplyAdd(d1, w1v, a11);
                        a20 = Vector256.FusedMultiplyAdd(d2, w0v, a20); a21 = Vector256.FusedMultiplyAdd(d2, w1v, a21);
                        a30 = Vector256.FusedMultiplyAdd(d3, w0v, a30); a31 = Vector256.FusedMultiplyAdd(d3, w1v, a31);
                    }
                    StoreScaled<TActPrev>(a00, ref zp0, ref dx0, i * nIn + k); StoreScaled<TActPrev>(a01, ref zp0, ref dx0, i * nIn + k + 8);
                    StoreScaled<TActPrev>(a10, ref zp0, ref dx0, (i + 1) * nIn + k); StoreScaled<TActPrev>(a11, ref zp0, ref dx0, (i + 1) * nIn + k + 8);
                    StoreScaled<TActPrev>(a20, ref zp0, ref dx0, (i + 2) * nIn + k); StoreScaled<TActPrev>(a21, ref zp0, ref dx0, (i + 2) * nIn + k + 8);
                    StoreScaled<TActPrev>(a30, ref zp0, ref dx0, (i + 3) * nIn + k); StoreScaled<TActPrev>(a31, ref zp0, ref dx0, (i + 3) * nIn + k + 8);
                }
                for (; k + 8 <= nIn; k += 8)
                {
                    Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
                    ref float d = ref Unsafe.Add(ref dz0, i * nOut);
                    for (int j = 0; j < nOut; j++)
                    {
                        var wv = Vector256.LoadUnsafe(ref w0, (nuint)(j * nIn + k));
                        a0 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref d, j)), wv, a0);
                        a1 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref d, nOut + j)), wv, a1);
                        a2 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref d, 2 * nOut + j)), wv, a2);
                        a3 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref d, 3 * nOut + j)), wv, a3);
                    }
                    StoreScaled<TActPrev>(a0, ref zp0, ref dx0, i * nIn + k);
                    StoreScaled<TActPrev>(a1, ref zp0, ref dx0, (i + 1) * nIn + k);
                    StoreScaled<TActPrev>(a2, ref zp0, ref dx0, (i + 2) * nIn + k);
                    StoreScaled<TActPrev>(a3, ref zp0, ref dx0, (i + 3) * nIn + k);
                }
            }
            for (; k < nIn; k++)
                for (int ii = i; ii < i + 4; ii++)
                    ScalarInput<TActPrev>(ref dz0, ref w0, ref zp0, ref dx0, ii, k, nIn, nOut);
        }
        for (; i < m; i++)
        {
            int k = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                for (; k + 8 <= nIn; k += 8)
                {
                    Vector256<float> acc = default;
                    for (int j = 0; j < nOut; j++)
                        acc = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref dz0, i * nOut + j)), Vector256.LoadUnsafe(ref w0, (nuint)(j * nIn + k)), acc);
                    StoreScaled<TActPrev>(acc, ref zp0, ref dx0, i * nIn + k);
                }
            }
            for (; k < nIn; k++) ScalarInput<TActPrev>(ref dz0, ref w0, ref zp0, ref dx0, i, k, nIn, nOut);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreScaled<TAct>(Vector256<float> da, ref float zPrev, ref float dzPrev, int offset) where TAct : struct, IActivation
    {
        if (typeof(TAct) != typeof(Identity))
            da *= TAct.Derivative(Vector256.LoadUnsafe(ref zPrev, (nuint)offset));
        da.StoreUnsafe(ref dzPrev, (nuint)offset);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScalarInput<TAct>(ref float dz0, ref float w0, ref float zp0, ref float dx0, int i, int k, int nIn, int nOut) where TAct : struct, IActivation
    {
        float s = 0f;
        for (int j = 0; j < nOut; j++) s += Unsafe.Add(ref dz0, i * nOut + j) * Unsafe.Add(ref w0, j * nIn + k);
        Unsafe.Add(ref dx0, i * nIn + k) = s * TAct.Derivative(Unsafe.Add(ref zp0, i * nIn + k));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot(ref float x, ref float w, int n)
    {
        int k = 0;
        float s = 0f;
        if (Vector256.IsHardwareAccelerated && n >= 8)
        {
            Vector256<float> acc0 = default, acc1 = default;
            for (; k + 16 <= n; k += 16)
            {
                acc0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref x, (nuint)k), Vector256.LoadUnsafe(ref w, (nuint)k), acc0);
                acc1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref x, (nuint)(k + 8)), Vector256.LoadUnsafe(ref w, (nuint)(k + 8)), acc1);
            }
            for (; k + 8 <= n; k += 8)
                acc0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref x, (nuint)k), Vector256.LoadUnsafe(ref w, (nuint)k), acc0);
            s = Vector256.Sum(acc0 + acc1);
        }
        for (; k < n; k++) s += Unsafe.Add(ref x, k) * Unsafe.Add(ref w, k);
        return s;
    }

    private static void Dot4x4(ref float x, ref float w, int n, ref float b, ref float z, int zStride)
    {
        int k = 0;
        float s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0,
              s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
        if (Vector256.IsHardwareAccelerated && n >= 8)
        {
            Vector256<float> c00 = default, c01 = default, c02 = default, c03 = default,
                             c10 = default, c11 = default, c12 = default, c13 = default,
                             c20 = default, c21 = default, c22 = default, c23 = default,
                             c30 = default, c31 = default, c32 = default, c33 = default;
            for (; k + 8 <= n; k += 8)
            {
                var w0 = Vector256.LoadUnsafe(ref w, (nuint)k);
                var w1 = Vector256.LoadUnsafe(ref w, (nuint)(n + k));
                var w2 = Vector256.LoadUnsafe(ref w, (nuint)(2 * n + k));
                var w3 = Vector256.LoadUnsafe(ref w, (nuint)(3 * n + k));
                var x0 = Vector256.LoadUnsafe(ref x, (nuint)k);
                c00 = Vector256.FusedMultiplyAdd(x0, w0, c00); c01 = Vector256.FusedMultiplyAdd(x0, w1, c01);
                c02 = Vector256.FusedMultiplyAdd(x0, w2, c02); c03 = Vector256.FusedMultiplyAdd(x0, w3, c03);
                var x1 = Vector256.LoadUnsafe(ref x, (nuint)(n + k));
                c10 = Vector256.FusedMultiplyAdd(x1, w0, c10); c11 = Vector256.FusedMultiplyAdd(x1, w1, c11);
                c12 = Vector256.FusedMultiplyAdd(x1, w2, c12); c13 = Vector256.FusedMultiplyAdd(x1, w3, c13);
                var x2 = Vector256.LoadUnsafe(ref x, (nuint)(2 * n + k));
                c20 = Vector256.FusedMultiplyAdd(x2, w0, c20); c21 = Vector256.FusedMultiplyAdd(x2, w1, c21);
                c22 = Vector256.FusedMultiplyAdd(x2, w2, c22); c23 = Vector256.FusedMultiplyAdd(x2, w3, c23);
                var x3 = Vector256.LoadUnsafe(ref x, (nuint)(3 * n + k));
                c30 = Vector256.FusedMultiplyAdd(x3, w0, c30); c31 = Vector256.FusedMultiplyAdd(x3, w1, c31);
                c32 = Vector256.FusedMultiplyAdd(x3, w2, c32); c33 = Vector256.FusedMultiplyAdd(x3, w3, c33);
            }
            s00 = Vector256.Sum(c00); s01 = Vector256.Sum(c01); s02 = Vector256.Sum(c02); s03 = Vector256.Sum(c03);
            s10 = Vector256.Sum(c10); s11 = Vector256.Sum(c11); s12 = Vector256.Sum(c12); s13 = Vector256.Sum(c13);
            s20 = Vector256.Sum(c20); s21 = Vector256.Sum(c21); s22 = Vector256.Sum(c22); s23 = Vector256.Sum(c23);
            s30 = Vector256.Sum(c30); s31 = Vector256.Sum(c31); s32 = Vector256.Sum(c32); s33 = Vector256.Sum(c33);
        }
        for (; k < n; k++)
        {
            float w0 = Unsafe.Add(ref w, k), w1 = Unsafe.Add(ref w, n + k), w2 = Unsafe.Add(ref w, 2 * n + k), w3 = Unsafe.Add(ref w, 3 * n + k);
            float x0 = Unsafe.Add(ref x, k), x1 = Unsafe.Add(ref x, n + k), x2 = Unsafe.Add(ref x, 2 * n + k), x3 = Unsafe.Add(ref x, 3 * n + k);
            s00 += x0 * w0; s01 += x0 * w1; s02 += x0 * w2; s03 += x0 * w3;
            s10 += x1 * w0; s11 += x1 * w1; s12 += x1 * w2; s13 += x1 * w3;
            s20 += x2 * w0; s21 += x2 * w1; s22 += x2 * w2; s23 += x2 * w3;
            s30 += x3 * w0; s31 += x3 * w1; s32 += x3 * w2; s33 += x3 * w3;
        }
        float b0 = b, b1 = Unsafe.Add(ref b, 1), b2 = Unsafe.Add(ref b, 2), b3 = Unsafe.Add(ref b, 3);
        z = s00 + b0; Unsafe.Add(ref z, 1) = s01 + b1; Unsafe.Add(ref z, 2) = s02 + b2; Unsafe.Add(ref z, 3) = s03 + b3;
        ref float r1 = ref Unsafe.Add(ref z, zStride);
        r1 = s10 + b0; Unsafe.Add(ref r1, 1) = s11 + b1; Unsafe.Add(ref r1, 2) = s12 + b2; Unsafe.Add(ref r1, 3) = s13 + b3;
        ref float r2 = ref Unsafe.Add(ref z, 2 * zStride);
        r2 = s20 + b0; Unsafe.Add(ref r2, 1) = s21 + b1; Unsafe.Add(ref r2, 2) = s22 + b2; Unsafe.Add(ref r2, 3) = s23 + b3;
        ref float r3 = ref Unsafe.Add(ref z, 3 * zStride);
        r3 = s30 + b0; Unsafe.Add(ref r3, 1) = s31 + b1; Unsafe.Add(ref r3, 2) = s32 + b2; Unsafe.Add(ref r3, 3) = s33 + b3;
    }

    private static void Dot4x1(ref float x, ref float w, int n, float b, ref float z, int zStride)
    {
        int k = 0;
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        if (Vector256.IsHardwareAccelerated && n >= 8)
        {
            Vector256<float> c0 = default, c1 = default, c2 = default, c3 = default;
            for (; k + 8 <= n; k += 8)
            {
                var wv = Vector256.LoadUnsafe(ref w, (nuint)k);
                c0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref x, (nuint)k), wv, c0);
                c1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref x, (nuint)(n + k)), wv, c1);
                c2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref x, (nuint)(2 * n + k)), wv, c2);
                c3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref x, (nuint)(3 * n + k)), wv, c3);
            }
            s0 = Vector256.Sum(c0); s1 = Vector256.Sum(c1); s2 = Vector256.Sum(c2); s3 = Vector256.Sum(c3);
        }
        for (; k < n; k++)
        {
            float wv = Unsafe.Add(ref w, k);
            s0 += Unsafe.Add(ref x, k) * wv; s1 += Unsafe.Add(ref x, n + k) * wv;
            s2 += Unsafe.Add(ref x, 2 * n + k) * wv; s3 += Unsafe.Add(ref x, 3 * n + k) * wv;
        }
        z = s0 + b; Unsafe.Add(ref z, zStride) = s1 + b; Unsafe.Add(ref z, 2 * zStride) = s2 + b; Unsafe.Add(ref z, 3 * zStride) = s3 + b;
    }

    private static void Dot1x4(ref float x, ref float w, int n, ref float b, ref float z)
    {
        int k = 0;
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        if (Vector256.IsHardwareAccelerated && n >= 8)
        {
            Vector256<float> c0 = default, c1 = default, c2 = default, c3 = default;
            for (; k + 8 <= n; k += 8)
            {
                var xv = Vector256.LoadUnsafe(ref x, (nuint)k);
                c0 = Vector256.FusedMultiplyAdd(xv, Vector256.LoadUnsafe(ref w, (nuint)k), c0);
                c1 = Vector256.FusedMultiplyAdd(xv, Vector256.LoadUnsafe(ref w, (nuint)(n + k)), c1);
                c2 = Vector256.FusedMultiplyAdd(xv, Vector256.LoadUnsafe(ref w, (nuint)(2 * n + k)), c2);
                c3 = Vector256.FusedMultiplyAdd(xv, Vector256.LoadUnsafe(ref w, (nuint)(3 * n + k)), c3);
            }
            s0 = Vector256.Sum(c0); s1 = Vector256.Sum(c1); s2 = Vector256.Sum(c2); s3 = Vector256.Sum(c3);
        }
        for (; k < n; k++)
        {
            float xv = Unsafe.Add(ref x, k);
            s0 += xv * Unsafe.Add(ref w, k); s1 += xv * Unsafe.Add(ref w, n + k);
            s2 += xv * Unsafe.Add(ref w, 2 * n + k); s3 += xv * Unsafe.Add(ref w, 3 * n + k);
        }
        z = s0 + b; Unsafe.Add(ref z, 1) = s1 + Unsafe.Add(ref b, 1); Unsafe.Add(ref z, 2) = s2 + Unsafe.Add(ref b, 2); Unsafe.Add(ref z, 3) = s3 + Unsafe.Add(ref b, 3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Check(bool ok)
    {
        if (!ok) ThrowShape();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowShape() => throw new ArgumentException("A kernel operand is shorter than its declared shape.");
}
