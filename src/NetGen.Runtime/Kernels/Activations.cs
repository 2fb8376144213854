using System.ComponentModel;
using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetGen.Kernels;

/// <summary>
/// An element-wise activation g and its derivative g′, in scalar and vector form (8 lanes, or any width).
/// Implemented by empty structs so generic kernels are specialised and the calls inline.
/// (Softmax is not element-wise; see <see cref="Softmax"/>.)
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IActivation
{
    /// <summary>g(z).</summary>
    static abstract float Apply(float z);

    /// <summary>g(z) lane-wise.</summary>
    static abstract Vector256<float> Apply(Vector256<float> z);

    /// <summary>g′(z).</summary>
    static abstract float Derivative(float z);

    /// <summary>g′(z) lane-wise.</summary>
    static abstract Vector256<float> Derivative(Vector256<float> z);

    /// <summary>g(z) lane-wise at any vector width (the 8-lane form is this at <see cref="Width256"/>).</summary>
    static abstract TV Apply<TV, TW>(TV z) where TV : struct where TW : struct, IVectorWidth<TV>;

    /// <summary>g′(z) lane-wise at any vector width.</summary>
    static abstract TV Derivative<TV, TW>(TV z) where TV : struct where TW : struct, IVectorWidth<TV>;
}

/// <summary>g(z) = z.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Identity : IActivation
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Apply(float z) => z;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Apply(Vector256<float> z) => z;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Derivative(float z) => 1f;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Derivative(Vector256<float> z) => Vector256<float>.One;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Apply<TV, TW>(TV z) where TV : struct where TW : struct, IVectorWidth<TV> => z;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Derivative<TV, TW>(TV z) where TV : struct where TW : struct, IVectorWidth<TV> => TW.Create(1f);
}

/// <summary>g(z) = max(0, z); g′(z) = 1 for z &gt; 0, else 0.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ReLU : IActivation
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Apply(float z) => z > 0f ? z : 0f;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Apply(Vector256<float> z) => Vector256.Max(z, Vector256<float>.Zero);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Derivative(float z) => z > 0f ? 1f : 0f;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Derivative(Vector256<float> z) => Vector256.GreaterThan(z, Vector256<float>.Zero) & Vector256<float>.One;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Apply<TV, TW>(TV z) where TV : struct where TW : struct, IVectorWidth<TV> => TW.Max(z, TW.Create(0f));
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Derivative<TV, TW>(TV z) where TV : struct where TW : struct, IVectorWidth<TV> => TW.And(TW.GreaterThan(z, TW.Create(0f)), TW.Create(1f));
}

/// <summary>g(z) = z for z &gt; 0, else 0.01·z.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct LeakyReLU : IActivation
{
    /// <summary>The negative slope, 0.01.</summary>
    public const float Slope = 0.01f;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Apply(float z) => z > 0f ? z : Slope * z;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Apply(Vector256<float> z) => Vector256.ConditionalSelect(Vector256.GreaterThan(z, Vector256<float>.Zero), z, z * Slope);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Derivative(float z) => z > 0f ? 1f : Slope;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Derivative(Vector256<float> z) => Vector256.ConditionalSelect(Vector256.GreaterThan(z, Vector256<float>.Zero), Vector256<float>.One, Vector256.Create(Slope));
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Apply<TV, TW>(TV z) where TV : struct where TW : struct, IVectorWidth<TV> => TW.ConditionalSelect(TW.GreaterThan(z, TW.Create(0f)), z, TW.Multiply(z, TW.Create(Slope)));
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Derivative<TV, TW>(TV z) where TV : struct where TW : struct, IVectorWidth<TV> => TW.ConditionalSelect(TW.GreaterThan(z, TW.Create(0f)), TW.Create(1f), TW.Create(Slope));
}

/// <summary>A LeakyReLU slope fixed at compile time (a generated network's <c>Sizes.SlopeN</c>), so the JIT folds it.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ISlope
{
    /// <summary>The negative slope.</summary>
    static abstract float Value { get; }
}

/// <summary>g(z) = z for z &gt; 0, else s·z, with the slope s of <typeparamref name="TSlope"/>; g′ = 1 or s (taken from z).</summary>
/// <typeparam name="TSlope">The slope.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct LeakyReLU<TSlope> : IActivation where TSlope : struct, ISlope
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Apply(float z) => z > 0f ? z : TSlope.Value * z;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Apply(Vector256<float> z) => Apply<Vector256<float>, Width256>(z);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Derivative(float z) => z > 0f ? 1f : TSlope.Value;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Derivative(Vector256<float> z) => Derivative<Vector256<float>, Width256>(z);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Apply<TV, TW>(TV z) where TV : struct where TW : struct, IVectorWidth<TV> =>
        TW.ConditionalSelect(TW.GreaterThan(z, TW.Create(0f)), z, TW.Multiply(z, TW.Create(TSlope.Value)));
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Derivative<TV, TW>(TV z) where TV : struct where TW : struct, IVectorWidth<TV> =>
        TW.ConditionalSelect(TW.GreaterThan(z, TW.Create(0f)), TW.Create(1f), TW.Create(TSlope.Value));
}

/// <summary>g(z) = 1 / (1 + e^−z); g′(z) = g(z)(1 − g(z)).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Sigmoid : IActivation
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Apply(float z) => 1f / (1f + MathF.Exp(-z));
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Apply(Vector256<float> z) =>
        // The generic form written out at 8 lanes (same operations, same bits; tested): one inlining level less.
        Vector256<float>.One / (Vector256<float>.One + VectorMath.Exp(-z));
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Derivative(float z) { float s = Apply(z); return s * (1f - s); }
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Derivative(Vector256<float> z) { var s = Apply(z); return s * (Vector256<float>.One - s); }
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Apply<TV, TW>(TV z) where TV : struct where TW : struct, IVectorWidth<TV>
    {
        // e^−z is +∞ below z ≈ −88.7, and 1/∞ = 0 is σ's float value there.
        var one = TW.Create(1f);
        return TW.Divide(one, TW.Add(one, VectorMath.Exp<TV, TW>(TW.Subtract(TW.Create(0f), z))));
    }
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Derivative<TV, TW>(TV z) where TV : struct where TW : struct, IVectorWidth<TV> { var s = Apply<TV, TW>(z); return TW.Multiply(s, TW.Subtract(TW.Create(1f), s)); }
}

/// <summary>g(z) = tanh(z); g′(z) = 1 − tanh²(z).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Tanh : IActivation
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Apply(float z) => MathF.Tanh(z);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Apply(Vector256<float> z)
    {
        // The generic form below written out at 8 lanes (the same operations, so the same bits; tested): one inlining
        // level less in the big generated methods, whose inlining budget the wrapper otherwise exceeds.
        var x = Vector256.Min(Vector256.Max(z, Vector256.Create(-TanhLimit)), Vector256.Create(TanhLimit));
        var t = x * x;
        var p = Vector256.MultiplyAddEstimate(Vector256.Create(-8.436131703143737e-14f), t, Vector256.Create(5.257815016701528e-11f));
        p = Vector256.MultiplyAddEstimate(p, t, Vector256.Create(-2.018404821058084e-08f));
        p = Vector256.MultiplyAddEstimate(p, t, Vector256.Create(1.1144276868435554e-05f));
        p = Vector256.MultiplyAddEstimate(p, t, Vector256.Create(0.0031030033715069294f));
        p = Vector256.MultiplyAddEstimate(p, t, Vector256.Create(0.13083158433437347f));
        p = Vector256.MultiplyAddEstimate(p, t, Vector256<float>.One);
        var q = Vector256.MultiplyAddEstimate(Vector256.Create(0.0002544754242990166f), t, Vector256.Create(0.024491390213370323f));
        q = Vector256.MultiplyAddEstimate(q, t, Vector256.Create(0.4641648530960083f));
        q = Vector256.MultiplyAddEstimate(q, t, Vector256<float>.One);
        var r = Vector256.Min(Vector256.Max(x * p / q, Vector256.Create(-1f)), Vector256<float>.One);
        var saturated = Vector256.GreaterThanOrEqual(Vector256.Abs(z), Vector256.Create(TanhLimit));
        return Vector256.ConditionalSelect(saturated, Vector256.CopySign(Vector256<float>.One, z), r);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Apply<TV, TW>(TV z) where TV : struct where TW : struct, IVectorWidth<TV>
    {
        // tanh z ≈ z·P(z²)/Q(z²), a rational fit on |z| ≤ 9.02 (tools/fit/tanh_rational.py; ~0.1 ulp of approximation
        // error, the rest is float rounding: at most 6 ulp where multiply-adds fuse, 8 where not, ~1 on average, tested). Beyond 9.02 tanh rounds to ±1 in
        // float, so z is clamped there. No exponential: a third of the instructions of the e^−2|z| form, no
        // cancellation near 0, odd by construction.
        var one = TW.Create(1f);
        var x = TW.Min(TW.Max(z, TW.Create(-TanhLimit)), TW.Create(TanhLimit));
        var t = TW.Multiply(x, x);
        var p = TW.MultiplyAdd(TW.Create(-8.436131703143737e-14f), t, TW.Create(5.257815016701528e-11f));
        p = TW.MultiplyAdd(p, t, TW.Create(-2.018404821058084e-08f));
        p = TW.MultiplyAdd(p, t, TW.Create(1.1144276868435554e-05f));
        p = TW.MultiplyAdd(p, t, TW.Create(0.0031030033715069294f));
        p = TW.MultiplyAdd(p, t, TW.Create(0.13083158433437347f));
        p = TW.MultiplyAdd(p, t, one);
        var q = TW.MultiplyAdd(TW.Create(0.0002544754242990166f), t, TW.Create(0.024491390213370323f));
        q = TW.MultiplyAdd(q, t, TW.Create(0.4641648530960083f));
        q = TW.MultiplyAdd(q, t, one);
        // Rounding can take the quotient a hair past ±1 just below the limit; beyond the limit the answer is ±1 exactly.
        var r = TW.Min(TW.Max(TW.Divide(TW.Multiply(x, p), q), TW.Create(-1f)), one);
        var saturated = TW.GreaterThanOrEqual(TW.Abs(z), TW.Create(TanhLimit));
        return TW.ConditionalSelect(saturated, TW.CopySign(one, z), r);
    }

    /// <summary>The |z| beyond which tanh z rounds to ±1 in float (1 − tanh z &lt; 2⁻²⁵).</summary>
    private const float TanhLimit = 9.02f;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Derivative(float z) { float t = MathF.Tanh(z); return 1f - t * t; }
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Derivative(Vector256<float> z) { var t = Apply(z); return Vector256<float>.One - t * t; }
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Derivative<TV, TW>(TV z) where TV : struct where TW : struct, IVectorWidth<TV> { var t = Apply<TV, TW>(z); return TW.Subtract(TW.Create(1f), TW.Multiply(t, t)); }
}

/// <summary>
/// GELU, PyTorch's default (erf) form: g(z) = z·Φ(z) with Φ the standard normal distribution function,
/// g′(z) = Φ(z) + z·φ(z). Φ(z) = ½ erfc(−z/√2) from Abramowitz and Stegun's 7.1.26 (|error of erf| ≤ 1.5·10⁻⁷), whose
/// e^{−z²/2} also gives φ; the same arithmetic in the scalar and vector forms.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct GELU : IActivation
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Apply(float z) => z * Phi(z, out _);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Apply(Vector256<float> z) => Apply<Vector256<float>, Width256>(z);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Derivative(float z) { float p = Phi(z, out float g); return p + z * g * InverseSqrt2Pi; }
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Derivative(Vector256<float> z) => Derivative<Vector256<float>, Width256>(z);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Apply<TV, TW>(TV z) where TV : struct where TW : struct, IVectorWidth<TV> => TW.Multiply(z, Phi<TV, TW>(z, out _));
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Derivative<TV, TW>(TV z) where TV : struct where TW : struct, IVectorWidth<TV>
    {
        var p = Phi<TV, TW>(z, out var gauss);
        return TW.MultiplyAdd(TW.Multiply(z, gauss), TW.Create(InverseSqrt2Pi), p);
    }

    private const float InverseSqrt2 = 0.70710678118654752f, InverseSqrt2Pi = 0.39894228040143268f;
    private const float P = 0.3275911f, A1 = 0.254829592f, A2 = -0.284496736f, A3 = 1.421413741f, A4 = -1.453152027f, A5 = 1.061405429f;

    /// <summary>Φ(z), and e^{−z²/2} in <paramref name="gauss"/>.</summary>
    private static float Phi(float z, out float gauss)
    {
        float x = MathF.Abs(z) * InverseSqrt2;
        float t = 1f / MathF.FusedMultiplyAdd(P, x, 1f);
        float poly = t * MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(A5, t, A4), t, A3), t, A2), t, A1);
        gauss = MathF.Exp(-(x * x));
        float half = 0.5f * poly * gauss; // ½ erfc(|z|/√2) = Φ(−|z|)
        return z >= 0f ? 1f - half : half;
    }

    private static TV Phi<TV, TW>(TV z, out TV gauss) where TV : struct where TW : struct, IVectorWidth<TV>
    {
        var one = TW.Create(1f);
        var x = TW.Multiply(TW.Abs(z), TW.Create(InverseSqrt2));
        var t = TW.Divide(one, TW.MultiplyAdd(TW.Create(P), x, one));
        var poly = TW.MultiplyAdd(TW.Create(A5), t, TW.Create(A4));
        poly = TW.MultiplyAdd(poly, t, TW.Create(A3));
        poly = TW.MultiplyAdd(poly, t, TW.Create(A2));
        poly = TW.MultiplyAdd(poly, t, TW.Create(A1));
        poly = TW.Multiply(t, poly);
        gauss = VectorMath.Exp<TV, TW>(TW.Subtract(TW.Create(0f), TW.Multiply(x, x)));
        var half = TW.Multiply(TW.Multiply(TW.Create(0.5f), poly), gauss);
        return TW.ConditionalSelect(TW.GreaterThanOrEqual(z, TW.Create(0f)), TW.Subtract(one, half), half);
    }
}

/// <summary>
/// SiLU (swish): g(z) = z·σ(z); g′(z) = σ(z)·(1 + z·(1 − σ(z))). σ(z) and 1 − σ(z) both come from t = e^−|z| (as
/// 1/(1 + t) and t/(1 + t)), so neither is a difference of nearly equal numbers and nothing overflows at either end.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct SiLU : IActivation
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Apply(float z) => z * Halves(z, out _);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Apply(Vector256<float> z) => Apply<Vector256<float>, Width256>(z);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Derivative(float z) { float s = Halves(z, out float rest); return s * MathF.FusedMultiplyAdd(z, rest, 1f); }
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Derivative(Vector256<float> z) => Derivative<Vector256<float>, Width256>(z);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Apply<TV, TW>(TV z) where TV : struct where TW : struct, IVectorWidth<TV> => TW.Multiply(z, Halves<TV, TW>(z, out _));
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Derivative<TV, TW>(TV z) where TV : struct where TW : struct, IVectorWidth<TV>
    {
        var s = Halves<TV, TW>(z, out var rest);
        return TW.Multiply(s, TW.MultiplyAdd(z, rest, TW.Create(1f)));
    }

    /// <summary>σ(z), and 1 − σ(z) in <paramref name="rest"/>.</summary>
    private static float Halves(float z, out float rest)
    {
        float t = MathF.Exp(-MathF.Abs(z)), inverse = 1f / (1f + t), small = t * inverse;
        rest = z >= 0f ? small : inverse;
        return z >= 0f ? inverse : small;
    }

    private static TV Halves<TV, TW>(TV z, out TV rest) where TV : struct where TW : struct, IVectorWidth<TV>
    {
        var t = VectorMath.Exp<TV, TW>(TW.Subtract(TW.Create(0f), TW.Abs(z)));
        var inverse = TW.Divide(TW.Create(1f), TW.Add(TW.Create(1f), t));
        var small = TW.Multiply(t, inverse);
        var positive = TW.GreaterThanOrEqual(z, TW.Create(0f));
        rest = TW.ConditionalSelect(positive, small, inverse);
        return TW.ConditionalSelect(positive, inverse, small);
    }
}

/// <summary>ELU with α = 1: g(z) = z for z &gt; 0, e^z − 1 otherwise; g′(z) = 1 for z &gt; 0, e^z otherwise.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ELU : IActivation
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Apply(float z) => z > 0f ? z : MathF.Exp(z) - 1f;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Apply(Vector256<float> z) => Apply<Vector256<float>, Width256>(z);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Derivative(float z) => z > 0f ? 1f : MathF.Exp(z);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Derivative(Vector256<float> z) => Derivative<Vector256<float>, Width256>(z);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Apply<TV, TW>(TV z) where TV : struct where TW : struct, IVectorWidth<TV>
    {
        // e^min(z, 0): positive lanes take z, and never overflow the exponential.
        var e = VectorMath.Exp<TV, TW>(TW.Min(z, TW.Create(0f)));
        return TW.ConditionalSelect(TW.GreaterThan(z, TW.Create(0f)), z, TW.Subtract(e, TW.Create(1f)));
    }
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Derivative<TV, TW>(TV z) where TV : struct where TW : struct, IVectorWidth<TV>
    {
        var e = VectorMath.Exp<TV, TW>(TW.Min(z, TW.Create(0f)));
        return TW.ConditionalSelect(TW.GreaterThan(z, TW.Create(0f)), TW.Create(1f), e);
    }
}

/// <summary>Softplus: g(z) = log(1 + e^z) = max(z, 0) + log(1 + e^−|z|), finite for any z; g′(z) = σ(z).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Softplus : IActivation
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Apply(float z) => MathF.Max(z, 0f) + Log1P(MathF.Exp(-MathF.Abs(z)));

    /// <summary>log(1 + u) for 0 ≤ u ≤ 1 without losing a small u (in double, with the series below 10⁻⁴).</summary>
    private static float Log1P(float u)
    {
        double d = u;
        return (float)(d < 1e-4 ? d * (1 - d * (0.5 - d / 3)) : Math.Log(1 + d));
    }
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Apply(Vector256<float> z) => Apply<Vector256<float>, Width256>(z);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Derivative(float z) => Sigmoid.Apply(z);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Derivative(Vector256<float> z) => Sigmoid.Apply(z);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Apply<TV, TW>(TV z) where TV : struct where TW : struct, IVectorWidth<TV> =>
        TW.Add(TW.Max(z, TW.Create(0f)), VectorMath.Log1P<TV, TW>(VectorMath.Exp<TV, TW>(TW.Subtract(TW.Create(0f), TW.Abs(z)))));
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Derivative<TV, TW>(TV z) where TV : struct where TW : struct, IVectorWidth<TV> => Sigmoid.Apply<TV, TW>(z);
}
