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
