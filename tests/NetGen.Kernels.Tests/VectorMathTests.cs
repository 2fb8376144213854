using System;
using System.Collections.Generic;
using System.Runtime.Intrinsics;
using NetGen.Kernels;

namespace NetGen.Kernels.Tests;

/// <summary><see cref="VectorMath"/> against double precision over dense grids, at the edges of its range, and lane by lane.</summary>
public class VectorMathTests
{
    [Fact]
    public void Exp_is_within_two_ulp_from_the_smallest_to_the_largest_result()
    {
        var values = new List<float>();
        for (float x = -86.9f; x <= 88.72f; x += 1f / 256) values.Add(x);
        for (int e = -40; e < 0; e++) { values.Add(MathF.Pow(2, e)); values.Add(-MathF.Pow(2, e)); }
        values.Add(0f); values.Add(88.72283f); values.Add(-86.9f);
        double worst = 0;
        float worstAt = 0;
        foreach (var (x, got) in EachLane(values, VectorMath.Exp))
        {
            double exact = Math.Exp(x);
            double ulps = Math.Abs(got - exact) / UlpOf((float)exact);
            if (ulps > worst) (worst, worstAt) = (ulps, x);
        }
        Assert.True(worst <= 2, $"exp is {worst:F2} ulp off at {worstAt:R}");
    }

    [Fact]
    public void Exp_gives_zero_below_its_range_infinity_above_and_nan_for_nan()
    {
        var got = VectorMath.Exp(Vector256.Create(-87.5f, -1000f, float.NegativeInfinity, 88.8f, 1e30f, float.PositiveInfinity, float.NaN, 0f));
        Assert.Equal([0f, 0f, 0f, float.PositiveInfinity, float.PositiveInfinity, float.PositiveInfinity], ToArray(got)[..6]);
        Assert.True(float.IsNaN(got.GetElement(6)));
        Assert.Equal(1f, got.GetElement(7));
    }

    [Fact]
    public void Log1P_is_within_two_ulp_on_zero_to_one_including_tiny_arguments()
    {
        var values = new List<float>();
        for (int k = 0; k <= 1 << 16; k++) values.Add(k / 65536f);
        for (int e = -126; e < -16; e++) values.Add(MathF.Pow(2, e) * 1.37f);
        double worst = 0;
        float worstAt = 0;
        foreach (var (u, got) in EachLane(values, VectorMath.Log1P))
        {
            double exact = Log1PExact(u);
            if (exact == 0) { Assert.Equal(0f, got); continue; }
            double ulps = Math.Abs(got - exact) / UlpOf((float)exact);
            if (ulps > worst) (worst, worstAt) = (ulps, u);
        }
        Assert.True(worst <= 2, $"log1p is {worst:F2} ulp off at {worstAt:R}");
    }

    [Fact]
    public void Log_is_within_two_ulp_for_positive_normal_floats()
    {
        var values = new List<float>();
        for (float x = 0.5f; x <= 16f; x += 1f / 4096) values.Add(x);
        for (int e = -125; e <= 127; e++) { values.Add(MathF.Pow(2, e)); values.Add(MathF.Pow(2, e) * 1.41421354f); values.Add(MathF.Pow(2, e) * 1.7f); }
        values.Add(float.MaxValue); values.Add(MathF.BitDecrement(1f)); values.Add(MathF.BitIncrement(1f));
        double worst = 0;
        float worstAt = 0;
        foreach (var (x, got) in EachLane(values, VectorMath.Log))
        {
            double exact = Math.Log(x);
            if (exact == 0) { Assert.Equal(0f, got); continue; }
            double ulps = Math.Abs(got - exact) / UlpOf((float)exact);
            if (ulps > worst) (worst, worstAt) = (ulps, x);
        }
        Assert.True(worst <= 2, $"log is {worst:F2} ulp off at {worstAt:R}");
    }

    [Fact]
    public void Lanes_are_independent()
    {
        var x = Vector256.Create(-3f, -1f, -0.25f, 0f, 0.5f, 1f, 2f, 10f);
        var e = VectorMath.Exp(x);
        var l = VectorMath.Log1P(Vector256.Abs(x) / 10f);
        for (int r = 0; r < 8; r++)
        {
            Assert.Equal(VectorMath.Exp(Vector256.Create(x.GetElement(r))).ToScalar(), e.GetElement(r));
            Assert.Equal(VectorMath.Log1P(Vector256.Create(MathF.Abs(x.GetElement(r)) / 10f)).ToScalar(), l.GetElement(r));
        }
    }

    /// <summary>log(1 + u) in double without losing u's low bits: the series below 2⁻¹⁰, where its fourth term is 2⁻⁴² of u.</summary>
    private static double Log1PExact(float u)
    {
        double d = u;
        return d < 1.0 / 1024 ? d - d * d / 2 + d * d * d / 3 - d * d * d * d / 4 : Math.Log(1 + d);
    }

    private static IEnumerable<(float Input, float Output)> EachLane(List<float> values, Func<Vector256<float>, Vector256<float>> f)
    {
        for (int k = 0; k < values.Count; k += 8)
        {
            var chunk = new float[8];
            for (int r = 0; r < 8; r++) chunk[r] = values[Math.Min(k + r, values.Count - 1)];
            var result = f(Vector256.Create(chunk));
            for (int r = 0; r < 8; r++) yield return (chunk[r], result.GetElement(r));
        }
    }

    private static float[] ToArray(Vector256<float> v)
    {
        var a = new float[8];
        v.CopyTo(a);
        return a;
    }

    private static double UlpOf(float v) => MathF.BitIncrement(MathF.Abs(v)) - MathF.Abs(v);
}
