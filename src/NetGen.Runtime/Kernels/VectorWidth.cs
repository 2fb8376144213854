using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Kernels;

/// <summary>
/// One SIMD width: the operations the kernels use on its vector of floats <typeparamref name="TV"/>
/// (<see cref="Vector128{T}"/>, <see cref="Vector256{T}"/> or <see cref="Vector512{T}"/>).
/// </summary>
/// <remarks>
/// A kernel written once over a width (type arguments <c>TV</c> and <c>TW : IVectorWidth&lt;TV&gt;</c>) is compiled by the
/// JIT and by Native AOT once per width, with every operation inlined to the width's instructions: the same register block
/// serves x64's 128-, 256- and 512-bit vectors, ARM64's AdvSimd and WebAssembly's SIMD128. Only the cross-platform vector
/// APIs are used, except where a platform instruction measurably pays (<see cref="Reduce4"/>), with the portable form
/// beside it. Multiply-adds are <c>MultiplyAddEstimate</c>: fused where the hardware fuses (FMA3, AdvSimd), a multiply
/// and an add where it does not (x64 without AVX), so results differ between those paths by rounding only.
/// Used by generated code and the runtime's kernels; not meant to be implemented elsewhere.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IVectorWidth<TV> where TV : struct
{
    /// <summary>Floats per vector.</summary>
    static abstract int Count { get; }

    /// <summary>Whether this width runs in hardware here (otherwise every operation is emulated and slow).</summary>
    static abstract bool IsAccelerated { get; }

    /// <summary>Every lane <paramref name="value"/>.</summary>
    static abstract TV Create(float value);

    /// <summary>Every lane <paramref name="source"/>'s value, read by one broadcasting load where the platform has one (the inner loops of the convolution kernels).</summary>
    static abstract TV Broadcast(ref float source);

    /// <summary>Count floats from source[offset].</summary>
    static abstract TV Load(ref float source, nuint offset);

    /// <summary>Stores Count floats at destination[offset].</summary>
    static abstract void Store(TV value, ref float destination, nuint offset);

    /// <summary>a + b.</summary>
    static abstract TV Add(TV a, TV b);

    /// <summary>a − b.</summary>
    static abstract TV Subtract(TV a, TV b);

    /// <summary>a · b.</summary>
    static abstract TV Multiply(TV a, TV b);

    /// <summary>a / b.</summary>
    static abstract TV Divide(TV a, TV b);

    /// <summary>√a, correctly rounded.</summary>
    static abstract TV Sqrt(TV a);

    /// <summary>a · b + c, fused where the hardware has a fused multiply-add.</summary>
    static abstract TV MultiplyAdd(TV a, TV b, TV c);

    /// <summary>Lane-wise minimum.</summary>
    static abstract TV Min(TV a, TV b);

    /// <summary>Lane-wise maximum.</summary>
    static abstract TV Max(TV a, TV b);

    /// <summary>|a|.</summary>
    static abstract TV Abs(TV a);

    /// <summary>|a| with the sign of <paramref name="sign"/>.</summary>
    static abstract TV CopySign(TV a, TV sign);

    /// <summary>All bits set in lanes where a &gt; b.</summary>
    static abstract TV GreaterThan(TV a, TV b);

    /// <summary>All bits set in lanes where a ≥ b.</summary>
    static abstract TV GreaterThanOrEqual(TV a, TV b);

    /// <summary>All bits set in lanes where a &lt; b.</summary>
    static abstract TV LessThan(TV a, TV b);

    /// <summary>Bitwise a &amp; b.</summary>
    static abstract TV And(TV a, TV b);

    /// <summary>Lanes of <paramref name="whenTrue"/> where <paramref name="mask"/> is set, of <paramref name="whenFalse"/> elsewhere.</summary>
    static abstract TV ConditionalSelect(TV mask, TV whenTrue, TV whenFalse);

    /// <summary>2^(n−1) for the integer n held in the low mantissa bits of t (t = n + 1.5·2²³), as e^x's scale needs.</summary>
    static abstract TV HalfPowerOfTwo(TV t);

    /// <summary>The sum of the lanes.</summary>
    static abstract float Sum(TV v);

    /// <summary>The largest lane.</summary>
    static abstract float MaxAcross(TV v);

    /// <summary>The lanes as doubles, summed into two, so long sums accumulate in double precision.</summary>
    static abstract Vector128<double> WidenSum(TV v);

    /// <summary>All bits set in the low <paramref name="count"/> lanes (0 ≤ count ≤ Count), clear above.</summary>
    static abstract TV LowLanes(int count);

    /// <summary>
    /// x = 2^e·m for positive normal x: returns m in [1, 2) and sets <paramref name="exponent"/> to e (as a float), from the
    /// bits alone, as log x's range reduction needs.
    /// </summary>
    static abstract TV SplitExponent(TV x, out TV exponent);

    /// <summary>[Σ a, Σ b, Σ c, Σ d]: the sums of four accumulators, as a dot-product block's epilogue needs.</summary>
    static abstract Vector128<float> Reduce4(TV a, TV b, TV c, TV d);

    /// <summary>Values source[0 .. count) (0 &lt; count ≤ Count) in the low lanes, zeros above.</summary>
    static abstract TV LoadPartial(ref float source, int count);

    /// <summary>Stores the low <paramref name="count"/> (0 &lt; count ≤ Count) lanes at destination[0 .. count).</summary>
    static abstract void StorePartial(TV value, ref float destination, int count);
}

/// <summary>128-bit vectors: SSE on x64 (the Native AOT baseline, or the JIT without AVX), AdvSimd on ARM64, SIMD128 on WebAssembly.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Width128 : IVectorWidth<Vector128<float>>
{
    /// <inheritdoc/>
    public static int Count => 4;
    /// <inheritdoc/>
    public static bool IsAccelerated => Vector128.IsHardwareAccelerated;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Create(float value) => Vector128.Create(value);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Broadcast(ref float source) =>
        Avx2.IsSupported ? Avx2.BroadcastScalarToVector128(Vector128.CreateScalarUnsafe(source)) : Vector128.Create(source);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Load(ref float source, nuint offset) => Vector128.LoadUnsafe(ref source, offset);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector128<float> value, ref float destination, nuint offset) => value.StoreUnsafe(ref destination, offset);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Add(Vector128<float> a, Vector128<float> b) => a + b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Subtract(Vector128<float> a, Vector128<float> b) => a - b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Multiply(Vector128<float> a, Vector128<float> b) => a * b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Divide(Vector128<float> a, Vector128<float> b) => a / b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Sqrt(Vector128<float> a) => Vector128.Sqrt(a);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) => Vector128.MultiplyAddEstimate(a, b, c);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Min(Vector128<float> a, Vector128<float> b) => Vector128.Min(a, b);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Max(Vector128<float> a, Vector128<float> b) => Vector128.Max(a, b);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Abs(Vector128<float> a) => Vector128.Abs(a);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> CopySign(Vector128<float> a, Vector128<float> sign) => Vector128.CopySign(a, sign);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> GreaterThan(Vector128<float> a, Vector128<float> b) => Vector128.GreaterThan(a, b);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> GreaterThanOrEqual(Vector128<float> a, Vector128<float> b) => Vector128.GreaterThanOrEqual(a, b);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> LessThan(Vector128<float> a, Vector128<float> b) => Vector128.LessThan(a, b);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> And(Vector128<float> a, Vector128<float> b) => a & b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ConditionalSelect(Vector128<float> mask, Vector128<float> whenTrue, Vector128<float> whenFalse) => Vector128.ConditionalSelect(mask, whenTrue, whenFalse);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> HalfPowerOfTwo(Vector128<float> t) => Vector128.ShiftLeft(t.AsInt32() + Vector128.Create(126), 23).AsSingle();
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Sum(Vector128<float> v) => Vector128.Sum(v);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MaxAcross(Vector128<float> v)
    {
        v = Vector128.Max(v, Vector128.Shuffle(v, Vector128.Create(2, 3, 0, 1)));
        return Vector128.Max(v, Vector128.Shuffle(v, Vector128.Create(1, 0, 3, 2))).ToScalar();
    }
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> WidenSum(Vector128<float> v)
    {
        var (lower, upper) = Vector128.Widen(v);
        return lower + upper;
    }
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> LowLanes(int count) =>
        Vector128.LessThan(Vector128.Create(0, 1, 2, 3), Vector128.Create(count)).AsSingle();
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> SplitExponent(Vector128<float> x, out Vector128<float> exponent)
    {
        var bits = x.AsInt32();
        exponent = Vector128.ConvertToSingle(Vector128.ShiftRightArithmetic(bits, 23) - Vector128.Create(127));
        return ((bits & Vector128.Create(0x007FFFFF)) | Vector128.Create(0x3F800000)).AsSingle();
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Reduce4(Vector128<float> a, Vector128<float> b, Vector128<float> c, Vector128<float> d)
    {
        // Pairwise adds of adjacent lanes, twice: [a0+a1, a2+a3, b0+b1, b2+b3], then the same of two of those. Three
        // instructions on SSE3 (x86-64-v2, the .NET 10 Native AOT baseline) and on ARM64; four scalar sums elsewhere.
        if (Sse3.IsSupported) return Sse3.HorizontalAdd(Sse3.HorizontalAdd(a, b), Sse3.HorizontalAdd(c, d));
        if (AdvSimd.Arm64.IsSupported) return AdvSimd.Arm64.AddPairwise(AdvSimd.Arm64.AddPairwise(a, b), AdvSimd.Arm64.AddPairwise(c, d));
        return Vector128.Create(Vector128.Sum(a), Vector128.Sum(b), Vector128.Sum(c), Vector128.Sum(d));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> LoadPartial(ref float source, int count)
    {
        if (count >= 4) return Vector128.LoadUnsafe(ref source);
        // Built lane by lane in registers (a narrow store then a wide load of a stack buffer stalls on store forwarding).
        return Vector128.Create(source, count > 1 ? Unsafe.Add(ref source, 1) : 0f, count > 2 ? Unsafe.Add(ref source, 2) : 0f, 0f);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StorePartial(Vector128<float> value, ref float destination, int count)
    {
        if (count >= 4) { value.StoreUnsafe(ref destination); return; }
        if (count >= 2) Unsafe.WriteUnaligned(ref Unsafe.As<float, byte>(ref destination), value.AsUInt64().ToScalar());
        else destination = value.ToScalar();
        if (count == 3) Unsafe.Add(ref destination, 2) = value.GetElement(2);
    }
}

/// <summary>256-bit vectors: AVX/AVX2 on x64.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Width256 : IVectorWidth<Vector256<float>>
{
    /// <inheritdoc/>
    public static int Count => 8;
    /// <inheritdoc/>
    public static bool IsAccelerated => Vector256.IsHardwareAccelerated;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Create(float value) => Vector256.Create(value);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Broadcast(ref float source) =>
        Avx2.IsSupported ? Avx2.BroadcastScalarToVector256(Vector128.CreateScalarUnsafe(source)) : Vector256.Create(source);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Load(ref float source, nuint offset) => Vector256.LoadUnsafe(ref source, offset);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector256<float> value, ref float destination, nuint offset) => value.StoreUnsafe(ref destination, offset);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Subtract(Vector256<float> a, Vector256<float> b) => a - b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Multiply(Vector256<float> a, Vector256<float> b) => a * b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Divide(Vector256<float> a, Vector256<float> b) => a / b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Sqrt(Vector256<float> a) => Vector256.Sqrt(a);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.MultiplyAddEstimate(a, b, c);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Min(Vector256<float> a, Vector256<float> b) => Vector256.Min(a, b);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Max(Vector256<float> a, Vector256<float> b) => Vector256.Max(a, b);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Abs(Vector256<float> a) => Vector256.Abs(a);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> CopySign(Vector256<float> a, Vector256<float> sign) => Vector256.CopySign(a, sign);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> GreaterThan(Vector256<float> a, Vector256<float> b) => Vector256.GreaterThan(a, b);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> GreaterThanOrEqual(Vector256<float> a, Vector256<float> b) => Vector256.GreaterThanOrEqual(a, b);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> LessThan(Vector256<float> a, Vector256<float> b) => Vector256.LessThan(a, b);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> And(Vector256<float> a, Vector256<float> b) => a & b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ConditionalSelect(Vector256<float> mask, Vector256<float> whenTrue, Vector256<float> whenFalse) => Vector256.ConditionalSelect(mask, whenTrue, whenFalse);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> HalfPowerOfTwo(Vector256<float> t) => Vector256.ShiftLeft(t.AsInt32() + Vector256.Create(126), 23).AsSingle();
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Sum(Vector256<float> v) => Vector256.Sum(v);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MaxAcross(Vector256<float> v) => Width128.MaxAcross(Vector128.Max(v.GetLower(), v.GetUpper()));
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> WidenSum(Vector256<float> v)
    {
        var (lower, upper) = Vector256.Widen(v);
        var sum = lower + upper;
        return sum.GetLower() + sum.GetUpper();
    }
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LowLanes(int count) =>
        Vector256.LessThan(Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7), Vector256.Create(count)).AsSingle();
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> SplitExponent(Vector256<float> x, out Vector256<float> exponent)
    {
        var bits = x.AsInt32();
        exponent = Vector256.ConvertToSingle(Vector256.ShiftRightArithmetic(bits, 23) - Vector256.Create(127));
        return ((bits & Vector256.Create(0x007FFFFF)) | Vector256.Create(0x3F800000)).AsSingle();
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Reduce4(Vector256<float> a, Vector256<float> b, Vector256<float> c, Vector256<float> d)
    {
        // Three horizontal adds leave [Σa Σb Σc Σd] split over the two 128-bit halves.
        if (Avx.IsSupported)
        {
            var h = Avx.HorizontalAdd(Avx.HorizontalAdd(a, b), Avx.HorizontalAdd(c, d));
            return h.GetLower() + h.GetUpper();
        }
        return Width128.Reduce4(a.GetLower() + a.GetUpper(), b.GetLower() + b.GetUpper(), c.GetLower() + c.GetUpper(), d.GetLower() + d.GetUpper());
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LoadPartial(ref float source, int count) =>
        count >= 8 ? Vector256.LoadUnsafe(ref source) : PartialVector.Load(ref source, 0, count);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StorePartial(Vector256<float> value, ref float destination, int count)
    {
        if (count >= 8) value.StoreUnsafe(ref destination);
        else PartialVector.Store(value, ref destination, 0, count);
    }
}

/// <summary>512-bit vectors: AVX-512 on x64.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Width512 : IVectorWidth<Vector512<float>>
{
    /// <inheritdoc/>
    public static int Count => 16;
    /// <inheritdoc/>
    public static bool IsAccelerated => Vector512.IsHardwareAccelerated;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Create(float value) => Vector512.Create(value);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Broadcast(ref float source) =>
        Avx512F.IsSupported ? Avx512F.BroadcastScalarToVector512(Vector128.CreateScalarUnsafe(source)) : Vector512.Create(source);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Load(ref float source, nuint offset) => Vector512.LoadUnsafe(ref source, offset);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector512<float> value, ref float destination, nuint offset) => value.StoreUnsafe(ref destination, offset);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Subtract(Vector512<float> a, Vector512<float> b) => a - b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => a * b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Divide(Vector512<float> a, Vector512<float> b) => a / b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Sqrt(Vector512<float> a) => Vector512.Sqrt(a);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.MultiplyAddEstimate(a, b, c);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Min(Vector512<float> a, Vector512<float> b) => Vector512.Min(a, b);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Max(Vector512<float> a, Vector512<float> b) => Vector512.Max(a, b);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Abs(Vector512<float> a) => Vector512.Abs(a);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> CopySign(Vector512<float> a, Vector512<float> sign) => Vector512.CopySign(a, sign);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> GreaterThan(Vector512<float> a, Vector512<float> b) => Vector512.GreaterThan(a, b);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> GreaterThanOrEqual(Vector512<float> a, Vector512<float> b) => Vector512.GreaterThanOrEqual(a, b);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> LessThan(Vector512<float> a, Vector512<float> b) => Vector512.LessThan(a, b);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> And(Vector512<float> a, Vector512<float> b) => a & b;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ConditionalSelect(Vector512<float> mask, Vector512<float> whenTrue, Vector512<float> whenFalse) => Vector512.ConditionalSelect(mask, whenTrue, whenFalse);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> HalfPowerOfTwo(Vector512<float> t) => Vector512.ShiftLeft(t.AsInt32() + Vector512.Create(126), 23).AsSingle();
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Sum(Vector512<float> v) => Vector512.Sum(v);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MaxAcross(Vector512<float> v) => Width256.MaxAcross(Vector256.Max(v.GetLower(), v.GetUpper()));
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> WidenSum(Vector512<float> v) => Width256.WidenSum(v.GetLower()) + Width256.WidenSum(v.GetUpper());
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LowLanes(int count) =>
        Vector512.LessThan(Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), Vector512.Create(count)).AsSingle();
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> SplitExponent(Vector512<float> x, out Vector512<float> exponent)
    {
        var bits = x.AsInt32();
        exponent = Vector512.ConvertToSingle(Vector512.ShiftRightArithmetic(bits, 23) - Vector512.Create(127));
        return ((bits & Vector512.Create(0x007FFFFF)) | Vector512.Create(0x3F800000)).AsSingle();
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Reduce4(Vector512<float> a, Vector512<float> b, Vector512<float> c, Vector512<float> d) =>
        Width256.Reduce4(a.GetLower() + a.GetUpper(), b.GetLower() + b.GetUpper(), c.GetLower() + c.GetUpper(), d.GetLower() + d.GetUpper());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LoadPartial(ref float source, int count)
    {
        if (count >= 16) return Vector512.LoadUnsafe(ref source);
        if (count <= 8) return Vector512.Create(Width256.LoadPartial(ref source, count), Vector256<float>.Zero);
        return Vector512.Create(Vector256.LoadUnsafe(ref source), Width256.LoadPartial(ref Unsafe.Add(ref source, 8), count - 8));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StorePartial(Vector512<float> value, ref float destination, int count)
    {
        if (count >= 16) { value.StoreUnsafe(ref destination); return; }
        if (count <= 8) { Width256.StorePartial(value.GetLower(), ref destination, count); return; }
        value.GetLower().StoreUnsafe(ref destination);
        Width256.StorePartial(value.GetUpper(), ref Unsafe.Add(ref destination, 8), count - 8);
    }
}
