using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetGen.Kernels;

/// <summary>
/// e^x, log x and log(1 + u) at any width (<see cref="IVectorWidth{TV}"/>), written out so they inline. <see cref="Vector256.Exp(Vector256{float})"/> and
/// <see cref="Vector256.Log(Vector256{float})"/> compute in double precision behind a call, and a call makes the JIT spill
/// every live vector register (all are caller-saved): in a fused training step that keeps a whole small network in
/// registers, those spills cost more than the arithmetic. These are the classic single-precision forms (range
/// reduction to |r| ≤ ln2/2 or to [√½, √2], then a short polynomial) with errors of a few ulp, tested against double.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class VectorMath
{
    /// <summary>ln 2 in two parts: <see cref="Ln2High"/> has 9 significant bits, so n·Ln2High is exact for |n| &lt; 2¹⁵.</summary>
    private const float Ln2High = 0.693359375f, Ln2Low = -2.12194440e-4f;

    /// <summary>Below this, e^x is returned as 0 (e^−86.9 ≈ 2·10⁻³⁸, near the smallest normal float, 1.2·10⁻³⁸).</summary>
    private const float ExpLowest = -86.9f;

    /// <summary>Above this, e^x overflows float and is returned as +∞.</summary>
    private const float ExpHighest = 88.72283f;

    /// <summary>
    /// e^x lane-wise, within 2 ulp for ExpLowest ≤ x ≤ ExpHighest; 0 below (no subnormal results), +∞ above, NaN for NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x) => Exp<Vector256<float>, Width256>(x);

    /// <summary>e^x lane-wise at any width; the same arithmetic as <see cref="Exp(Vector256{float})"/>, lane for lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Exp<TV, TW>(TV x) where TV : struct where TW : struct, IVectorWidth<TV>
    {
        var xc = TW.Min(TW.Max(x, TW.Create(ExpLowest)), TW.Create(ExpHighest));
        // n = round(x / ln 2): adding 1.5·2²³ rounds to an integer and leaves n in the low mantissa bits of t.
        var t = TW.MultiplyAdd(xc, TW.Create(1.44269504088896341f), TW.Create(12582912f));
        var n = TW.Subtract(t, TW.Create(12582912f));
        var r = TW.MultiplyAdd(n, TW.Create(-Ln2High), xc);
        r = TW.MultiplyAdd(n, TW.Create(-Ln2Low), r);
        // e^r ≈ 1 + r + r²·P(r) on |r| ≤ ln2/2 (Cephes expf's minimax P), here doubled: 2·e^r, because the scale below
        // is 2^(n−1), which stays a normal float for every n from −125 to 128.
        var p = TW.MultiplyAdd(TW.Create(2 * 1.9875691500e-4f), r, TW.Create(2 * 1.3981999507e-3f));
        p = TW.MultiplyAdd(p, r, TW.Create(2 * 8.3334519073e-3f));
        p = TW.MultiplyAdd(p, r, TW.Create(2 * 4.1665795894e-2f));
        p = TW.MultiplyAdd(p, r, TW.Create(2 * 1.6666665459e-1f));
        p = TW.MultiplyAdd(p, r, TW.Create(2 * 5.0000001201e-1f));
        var twice = TW.MultiplyAdd(p, TW.Multiply(r, r), TW.MultiplyAdd(r, TW.Create(2f), TW.Create(2f)));
        // 2^(n−1) from the bits of t: its low bits hold n (two's complement), and shifting by 23 drops the rest.
        var e = TW.Multiply(twice, TW.HalfPowerOfTwo(t));
        e = TW.ConditionalSelect(TW.LessThan(x, TW.Create(ExpLowest)), TW.Create(0f), e);
        return TW.ConditionalSelect(TW.GreaterThan(x, TW.Create(ExpHighest)), TW.Create(float.PositiveInfinity), e);
    }

    /// <summary>
    /// log(1 + u) lane-wise for 0 ≤ u ≤ 1, within 2 ulp and without the cancellation of log(1 + u) for small u
    /// (the softplus term log(1 + e^−|z|) of the logistic losses). Other inputs give unspecified results.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Log1P(Vector256<float> u) => Log1P<Vector256<float>, Width256>(u);

    /// <summary>log(1 + u) lane-wise at any width; the same arithmetic as <see cref="Log1P(Vector256{float})"/>, lane for lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Log1P<TV, TW>(TV u) where TV : struct where TW : struct, IVectorWidth<TV>
    {
        // 1 + u = 2^k·(1 + f) with f in [√½ − 1, √2 − 1]: f = u (k = 0) up to √2 − 1, else f = (u − 1)/2 (k = 1).
        var big = TW.GreaterThan(u, TW.Create(0.41421356f));
        var f = TW.ConditionalSelect(big, TW.Multiply(TW.Subtract(u, TW.Create(1f)), TW.Create(0.5f)), u);
        return LogReduced<TV, TW>(f, TW.And(big, TW.Create(1f)));
    }

    /// <summary>
    /// log x lane-wise for positive normal x, within 2 ulp (the log-sum-exp of a softmax). Zero, subnormal, negative,
    /// infinite and NaN inputs give unspecified results.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Log(Vector256<float> x) => Log<Vector256<float>, Width256>(x);

    /// <summary>log x lane-wise at any width; the same arithmetic as <see cref="Log(Vector256{float})"/>, lane for lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Log<TV, TW>(TV x) where TV : struct where TW : struct, IVectorWidth<TV>
    {
        // x = 2^k·m with m in [√½, √2): the exponent bits give k for m in [1, 2), and m ≥ √2 is halved (k + 1).
        var mantissa = TW.SplitExponent(x, out var exponent);
        var big = TW.GreaterThanOrEqual(mantissa, TW.Create(1.41421356f));
        var f = TW.Subtract(TW.ConditionalSelect(big, TW.Multiply(mantissa, TW.Create(0.5f)), mantissa), TW.Create(1f));
        return LogReduced<TV, TW>(f, TW.Add(exponent, TW.And(big, TW.Create(1f))));
    }

    /// <summary>k·ln 2 + log(1 + f) for f in [√½ − 1, √2 − 1]: f − f²/2 + f³·P(f) (Cephes logf's minimax P).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV LogReduced<TV, TW>(TV f, TV k) where TV : struct where TW : struct, IVectorWidth<TV>
    {
        // k·ln 2 is added in two parts, the exact high one last.
        var p = TW.MultiplyAdd(TW.Create(7.0376836292e-2f), f, TW.Create(-1.1514610310e-1f));
        p = TW.MultiplyAdd(p, f, TW.Create(1.1676998740e-1f));
        p = TW.MultiplyAdd(p, f, TW.Create(-1.2420140846e-1f));
        p = TW.MultiplyAdd(p, f, TW.Create(1.4249322787e-1f));
        p = TW.MultiplyAdd(p, f, TW.Create(-1.6668057665e-1f));
        p = TW.MultiplyAdd(p, f, TW.Create(2.0000714765e-1f));
        p = TW.MultiplyAdd(p, f, TW.Create(-2.4999993993e-1f));
        p = TW.MultiplyAdd(p, f, TW.Create(3.3333331174e-1f));
        var f2 = TW.Multiply(f, f);
        var y = TW.MultiplyAdd(TW.Multiply(f, f2), p, TW.MultiplyAdd(k, TW.Create(Ln2Low), TW.Multiply(f2, TW.Create(-0.5f))));
        return TW.MultiplyAdd(k, TW.Create(Ln2High), TW.Add(f, y));
    }
}
