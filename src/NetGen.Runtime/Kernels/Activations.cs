using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetGen.Kernels;

/// <summary>
/// An element-wise activation g and its derivative g′, in scalar and 8-lane form.
/// Implemented by empty structs so generic kernels are specialised and the calls inline.
/// (Softmax is not element-wise; see <see cref="Softmax"/>.)
/// </summary>
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
}

/// <summary>g(z) = z.</summary>
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
}

/// <summary>g(z) = max(0, z); g′(z) = 1 for z &gt; 0, else 0.</summary>
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
}

/// <summary>g(z) = z for z &gt; 0, else 0.01·z.</summary>
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
}

/// <summary>g(z) = 1 / (1 + e^−z); g′(z) = g(z)(1 − g(z)).</summary>
public readonly struct Sigmoid : IActivation
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Apply(float z) => 1f / (1f + MathF.Exp(-z));
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Apply(Vector256<float> z)
    {
        // Clamp so e^−z stays finite; σ(±88) is already 0 or 1 in float.
        z = Vector256.Max(z, Vector256.Create(-88f));
        return Vector256<float>.One / (Vector256<float>.One + Vector256.Exp(-z));
    }
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Derivative(float z) { float s = Apply(z); return s * (1f - s); }
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Derivative(Vector256<float> z) { var s = Apply(z); return s * (Vector256<float>.One - s); }
}

/// <summary>g(z) = tanh(z); g′(z) = 1 − tanh²(z).</summary>
public readonly struct Tanh : IActivation
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Apply(float z) => MathF.Tanh(z);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Apply(Vector256<float> z)
    {
        // tanh z = sign(z)·(1 − e^{−2|z|}) / (1 + e^{−2|z|}): no overflow, no cancellation near 0 beyond float's.
        var abs = Vector256.Abs(z);
        var e = Vector256.Exp(Vector256.Min(abs, Vector256.Create(44f)) * -2f);
        var t = (Vector256<float>.One - e) / (Vector256<float>.One + e);
        // Near 0 the quotient cancels; there the odd Taylor series to z⁹ is exact to float precision.
        var z2 = z * z;
        var series = z * (Vector256<float>.One + z2 * (Vector256.Create(-1f / 3f) + z2 * (Vector256.Create(2f / 15f)
                   + z2 * (Vector256.Create(-17f / 315f) + z2 * Vector256.Create(62f / 2835f)))));
        return Vector256.ConditionalSelect(Vector256.LessThan(abs, Vector256.Create(0.25f)), series, Vector256.CopySign(t, z));
    }
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Derivative(float z) { float t = MathF.Tanh(z); return 1f - t * t; }
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Derivative(Vector256<float> z) { var t = Apply(z); return Vector256<float>.One - t * t; }
}
