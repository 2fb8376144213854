using System.ComponentModel;
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.Kernels;

/// <summary>
/// The three products of a dense layer, specialised by the generic
/// size types <c>TIn</c> = n[l−1] and <c>TOut</c> = n[l] (examples are rows of contiguous values: column i of the classic n×m matrices).
/// A batch is m rows of contiguous features (row i = example i), W is row-major n[l] × n[l−1].
/// Every method has a plain scalar twin in the tests (tests/NetGen.Kernels.Tests/References), which checks they agree.
/// These methods are called by generated code; they check span lengths once per call.
/// </summary>
/// <remarks>
/// Every kernel is written over a vector width (<see cref="IVectorWidth{TV}"/>) and runs at the widest one accelerated
/// here: 16 lanes (AVX-512), 8 (AVX2), 4 (x64 without AVX — the Native AOT baseline —, ARM64 AdvSimd, WebAssembly SIMD128),
/// with plain loops only where no SIMD runs (or a row is narrower than one vector). The register blocks are sized for
/// the registers there are: 32 with AVX-512 (below), 16 elsewhere (Dense.Registers16.cs). With 32 registers:
/// <list type="bullet">
/// <item>Forward, Z = X·Wᵀ + b: dot products along the contiguous input dimension, 3 examples × 8 units per block
/// (24 accumulators, 11 loads per 24 FMAs; 6 × 4 for the last units, matrix-vector for single examples), reduced with
/// horizontal adds once per block (the 16-lane 3 × 8 blocks with a transposing unpack/permute tree) and fused with the bias and the activation. Blocks of W rows outermost, so a block
/// of W stays in L1 while X streams; misaligned W blocks are copied to aligned scratch when m is large enough.</item>
/// <item>dW = dZᵀ·X: outer products, 4 units × 64 inputs per block (16 accumulators) summed over the examples; long
/// rows of X are packed per 64-column panel so the panel stays in L1.</item>
/// <item>dZ_prev = (dZ·W) ⊙ g′(Z_prev): outer products, 4 examples × 64 inputs per block summed over units, g′ applied
/// in a second pass over the tile; wide W panels are packed and used 128 units at a time.</item>
/// </list>
/// Every size is a type argument, so loop bounds, tails and the choice of path fold to constants per layer.
/// Packing uses one pinned per-thread buffer (allocated on first use); nothing is allocated per call.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class Dense
{
    /// <summary>
    /// Whether the JIT has 32 vector registers (AVX-512's EVEX encoding, which Vector256 code uses too) or 16 (AVX2).
    /// Register-blocked micro-kernels are sized to this: a block with more accumulators than registers spills inside
    /// its inner loop and runs at half speed or less.
    /// </summary>
    private static bool VectorRegisters32 => System.Runtime.Intrinsics.X86.Avx512F.VL.IsSupported;

    /// <summary>
    /// Z = X·Wᵀ + b, A = g(Z).
    /// Shapes: x m×nIn, w nOut×nIn, b nOut, z m×nOut (may be the same span as a), a m×nOut.
    /// </summary>
    public static void Forward<TIn, TOut, TAct>(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b,
        Span<float> z, Span<float> a, int m)
        where TIn : struct, IDim where TOut : struct, IDim where TAct : struct, IActivation
    {
        int nIn = TIn.Value, nOut = TOut.Value;
        Check(m >= 0 && x.Length >= m * nIn && w.Length >= nOut * nIn && b.Length >= nOut && z.Length >= m * nOut && a.Length >= m * nOut);
        ref float z0 = ref MemoryMarshal.GetReference(z);
        ref float a0 = ref MemoryMarshal.GetReference(a);
        if (typeof(TAct) == typeof(Identity) || Unsafe.AreSame(ref z0, ref a0))
            AffineCore<TIn, TOut, TAct>(ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(w), ref MemoryMarshal.GetReference(b), ref a0, m);
        else
            AffineCore<TIn, TOut, TAct>(ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(w), ref MemoryMarshal.GetReference(b), ref z0, ref a0, m);
        if (typeof(TAct) == typeof(Identity) && !Unsafe.AreSame(ref z0, ref a0))
            a.Slice(0, m * nOut).CopyTo(z);
    }

    /// <summary>Z = X·Wᵀ + b. Shapes: x m×nIn, w nOut×nIn, b nOut, z m×nOut.</summary>
    public static void Affine<TIn, TOut>(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> z, int m)
        where TIn : struct, IDim where TOut : struct, IDim
    {
        int nIn = TIn.Value, nOut = TOut.Value;
        Check(m >= 0 && x.Length >= m * nIn && w.Length >= nOut * nIn && b.Length >= nOut && z.Length >= m * nOut);
        AffineCore<TIn, TOut, Identity>(ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(w), ref MemoryMarshal.GetReference(b), ref MemoryMarshal.GetReference(z), m);
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
        if (Vector256.IsHardwareAccelerated) Activate<TAct, Vector256<float>, Width256>(ref z0, ref a0, z.Length);
        else if (Vector128.IsHardwareAccelerated) Activate<TAct, Vector128<float>, Width128>(ref z0, ref a0, z.Length);
        else for (int k = 0; k < z.Length; k++) Unsafe.Add(ref a0, k) = TAct.Apply(Unsafe.Add(ref z0, k));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Activate<TAct, TV, TW>(ref float z0, ref float a0, int n) where TAct : struct, IActivation where TV : struct where TW : struct, IVectorWidth<TV>
    {
        int k = 0, c = TW.Count;
        for (; k + c <= n; k += c)
            TW.Store(TAct.Apply<TV, TW>(TW.Load(ref z0, (nuint)k)), ref a0, (nuint)k);
        // The last n − k < Count values as one zero-padded vector: one evaluation instead of n − k scalar ones.
        if (k < n)
            TW.StorePartial(TAct.Apply<TV, TW>(TW.LoadPartial(ref Unsafe.Add(ref z0, k), n - k)), ref Unsafe.Add(ref a0, k), n - k);
    }

    /// <summary>
    /// dW = dZᵀ·X and db = Σ_i dZ[i] (overwritten, not accumulated). The 1/m of the classic formulation is already in dZ.
    /// Shapes: dz m×nOut, x m×nIn, dw nOut×nIn, db nOut.
    /// </summary>
    public static void BackwardWeights<TIn, TOut>(ReadOnlySpan<float> dz, ReadOnlySpan<float> x, Span<float> dw, Span<float> db, int m)
        where TIn : struct, IDim where TOut : struct, IDim
    {
        int nIn = TIn.Value, nOut = TOut.Value;
        Check(m >= 0 && dz.Length >= m * nOut && x.Length >= m * nIn && dw.Length >= nOut * nIn && db.Length >= nOut);
        ref float dz0 = ref MemoryMarshal.GetReference(dz);
        BiasGradient<TOut>(ref dz0, ref MemoryMarshal.GetReference(db), m);
        WeightGradient<TIn, TOut>(ref dz0, ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(dw), m);
    }

    /// <summary>
    /// dZ_prev = (dZ·W) ⊙ g′(Z_prev): equation 4 (dA[l−1] = W[l]ᵀ·dZ[l]) fused with equation 1 of layer l−1.
    /// Shapes: dz m×nOut, w nOut×nIn, zPrev m×nIn, dzPrev m×nIn.
    /// </summary>
    public static void BackwardInput<TIn, TOut, TActPrev>(ReadOnlySpan<float> dz, ReadOnlySpan<float> w, ReadOnlySpan<float> zPrev, Span<float> dzPrev, int m)
        where TIn : struct, IDim where TOut : struct, IDim where TActPrev : struct, IActivation
    {
        int nIn = TIn.Value, nOut = TOut.Value;
        Check(m >= 0 && dz.Length >= m * nOut && w.Length >= nOut * nIn && zPrev.Length >= m * nIn && dzPrev.Length >= m * nIn);
        InputGradient<TIn, TOut, TActPrev>(ref MemoryMarshal.GetReference(dz), ref MemoryMarshal.GetReference(w),
            ref MemoryMarshal.GetReference(zPrev), ref MemoryMarshal.GetReference(dzPrev), m);
    }

    /// <summary>
    /// dZ_prev = (dZ·W) ⊙ g′, with g′ taken from the layer's output A_prev = g(Z_prev) instead of Z_prev:
    /// tanh′ = 1 − a², σ′ = a(1 − a), ReLU′ = [a &gt; 0], LeakyReLU′ = a &gt; 0 ? 1 : 0.01 (a &gt; 0 exactly when z &gt; 0).
    /// Same result as <see cref="BackwardInput{TIn, TOut, TActPrev}"/> (to rounding, for tanh and σ), but tanh and σ cost a
    /// multiply instead of an exponential. Shapes: dz m×nOut, w nOut×nIn, aPrev m×nIn, dzPrev m×nIn.
    /// </summary>
    public static void BackwardInputFromOutput<TIn, TOut, TActPrev>(ReadOnlySpan<float> dz, ReadOnlySpan<float> w, ReadOnlySpan<float> aPrev, Span<float> dzPrev, int m)
        where TIn : struct, IDim where TOut : struct, IDim where TActPrev : struct, IActivation
    {
        int nIn = TIn.Value, nOut = TOut.Value;
        Check(m >= 0 && dz.Length >= m * nOut && w.Length >= nOut * nIn && aPrev.Length >= m * nIn && dzPrev.Length >= m * nIn);
        InputGradient<TIn, TOut, FromOutput<TActPrev>>(ref MemoryMarshal.GetReference(dz), ref MemoryMarshal.GetReference(w),
            ref MemoryMarshal.GetReference(aPrev), ref MemoryMarshal.GetReference(dzPrev), m);
    }

    /// <summary>g′ as a function of a = g(z), for the element-wise activations; only <c>Derivative</c> is used.</summary>
    private readonly struct FromOutput<TAct> : IActivation where TAct : struct, IActivation
    {
        public static float Apply(float z) => TAct.Apply(z);

        public static Vector256<float> Apply(Vector256<float> z) => TAct.Apply(z);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Derivative(float a)
        {
            if (typeof(TAct) == typeof(Tanh)) return 1f - a * a;
            if (typeof(TAct) == typeof(Sigmoid)) return a * (1f - a);
            if (typeof(TAct) == typeof(ReLU)) return a > 0f ? 1f : 0f;
            if (typeof(TAct) == typeof(LeakyReLU)) return a > 0f ? 1f : LeakyReLU.Slope;
            if (typeof(TAct) == typeof(Identity)) return 1f;
            throw new NotSupportedException($"{typeof(TAct).Name} has no derivative in terms of its output.");
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Derivative(Vector256<float> a)
        {
            if (typeof(TAct) == typeof(Tanh)) return Vector256<float>.One - a * a;
            if (typeof(TAct) == typeof(Sigmoid)) return a * (Vector256<float>.One - a);
            if (typeof(TAct) == typeof(ReLU)) return Vector256.GreaterThan(a, Vector256<float>.Zero) & Vector256<float>.One;
            if (typeof(TAct) == typeof(LeakyReLU))
                return Vector256.ConditionalSelect(Vector256.GreaterThan(a, Vector256<float>.Zero), Vector256<float>.One, Vector256.Create(LeakyReLU.Slope));
            if (typeof(TAct) == typeof(Identity)) return Vector256<float>.One;
            throw new NotSupportedException($"{typeof(TAct).Name} has no derivative in terms of its output.");
        }

        public static TV Apply<TV, TW>(TV z) where TV : struct where TW : struct, IVectorWidth<TV> => TAct.Apply<TV, TW>(z);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TV Derivative<TV, TW>(TV a) where TV : struct where TW : struct, IVectorWidth<TV>
        {
            if (typeof(TAct) == typeof(Tanh)) return TW.Subtract(TW.Create(1f), TW.Multiply(a, a));
            if (typeof(TAct) == typeof(Sigmoid)) return TW.Multiply(a, TW.Subtract(TW.Create(1f), a));
            if (typeof(TAct) == typeof(ReLU)) return TW.And(TW.GreaterThan(a, TW.Create(0f)), TW.Create(1f));
            if (typeof(TAct) == typeof(LeakyReLU)) return TW.ConditionalSelect(TW.GreaterThan(a, TW.Create(0f)), TW.Create(1f), TW.Create(LeakyReLU.Slope));
            if (typeof(TAct) == typeof(Identity)) return TW.Create(1f);
            throw new NotSupportedException($"{typeof(TAct).Name} has no derivative in terms of its output.");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Check(bool ok)
    {
        if (!ok) ThrowShape();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowShape() => throw new ArgumentException("A kernel operand is shorter than its declared shape.");
}
