using System;
using System.Runtime.Intrinsics;
using NetGen.Kernels;

namespace NetGen.Kernels.Tests;

/// <summary>The vector activations against double precision over dense grids: the error bounds the docs state.</summary>
public class ActivationAccuracyTests
{
    [Fact]
    public void Vector_tanh_is_within_six_ulp_odd_and_saturates_exactly()
    {
        double worst = 0;
        float worstAt = 0;
        // Every 2⁻¹⁴ up to 12, then powers of two down to 2⁻⁴⁰ (where tanh z = z in float).
        var values = new System.Collections.Generic.List<float>();
        for (int k = 0; k <= 12 * 16384; k++) values.Add(k / 16384f);
        for (int e = -40; e < 0; e++) values.Add(MathF.Pow(2, e));
        for (int k = 0; k + 8 <= values.Count; k += 8)
        {
            var z = Vector256.Create(values[k], values[k + 1], values[k + 2], values[k + 3], values[k + 4], values[k + 5], values[k + 6], values[k + 7]);
            var t = Tanh.Apply(z);
            var negative = Tanh.Apply(-z);
            for (int r = 0; r < 8; r++)
            {
                double exact = Math.Tanh(z.GetElement(r));
                float got = t.GetElement(r);
                Assert.Equal(-got, negative.GetElement(r)); // odd
                Assert.True(got <= 1f);
                if (exact == 0) { Assert.Equal(0f, got); continue; }
                double ulps = Math.Abs(got - exact) / UlpOf((float)exact);
                if (ulps > worst) (worst, worstAt) = (ulps, z.GetElement(r));
            }
        }
        Assert.True(worst <= 6, $"tanh is {worst:F2} ulp off at {worstAt:R}");
        Assert.Equal(Vector256<float>.One, Tanh.Apply(Vector256.Create(9.02f, 20f, 100f, 1e30f, float.PositiveInfinity, 9.5f, 10f, 50f)));
    }

    [Fact]
    public void Vector_sigmoid_is_within_four_ulp_across_its_range()
    {
        double worst = 0;
        for (float z = -87f; z <= 30f; z += 1f / 512)
        {
            var s = Sigmoid.Apply(Vector256.Create(z)).ToScalar();
            double exact = 1 / (1 + Math.Exp(-(double)z));
            worst = Math.Max(worst, Math.Abs(s - exact) / UlpOf((float)exact));
        }
        Assert.True(worst <= 4, $"sigmoid is {worst:F2} ulp off");
    }

    private static double UlpOf(float v) => MathF.BitIncrement(MathF.Abs(v)) - MathF.Abs(v);
}
