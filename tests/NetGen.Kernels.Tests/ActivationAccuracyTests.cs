using System;
using System.Runtime.Intrinsics;
using NetGen.Kernels;

namespace NetGen.Kernels.Tests;

/// <summary>The vector activations against double precision over dense grids: the error bounds the docs state.</summary>
public class ActivationAccuracyTests
{
    /// <summary>
    /// Whether Vector256's multiply-add fuses here. Unfused (x64 without FMA, where the polynomial's multiplies and adds
    /// round separately) the rational tanh's rounding error grows by about one ulp.
    /// </summary>
    private static bool MultiplyAddFuses => System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported;

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
        double bound = MultiplyAddFuses ? 6 : 8;
        Assert.True(worst <= bound, $"tanh is {worst:F2} ulp off at {worstAt:R} (bound {bound} ulp)");
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

    /// <summary>
    /// Every activation computes the same arithmetic lane for lane at every vector width: 4, 8 and 16 lanes give the
    /// bits of the 8-lane form (which the accuracy tests above bound), over a grid that crosses every branch.
    /// </summary>
    [Fact]
    public void Every_width_gives_the_eight_lane_results_bit_for_bit()
    {
        var values = new System.Collections.Generic.List<float>();
        for (int k = -4000; k <= 4000; k++) values.Add(k / 100f);
        values.AddRange([0f, -0f, 9.02f, -9.02f, 88.8f, -88.8f, 1e30f, -1e30f, float.PositiveInfinity, float.NegativeInfinity, 1e-40f, -1e-40f]);
        while (values.Count % 16 != 0) values.Add(0.5f);
        Check<Identity>(values); Check<ReLU>(values); Check<LeakyReLU>(values); Check<Sigmoid>(values); Check<Tanh>(values);
        Check<GELU>(values); Check<SiLU>(values); Check<ELU>(values); Check<Softplus>(values);

        static void Check<TAct>(System.Collections.Generic.List<float> values) where TAct : struct, IActivation
        {
            var z = values.ToArray();
            for (int k = 0; k < z.Length; k += 16)
            {
                var v512 = Vector512.Create(z.AsSpan(k, 16));
                var a512 = TAct.Apply<Vector512<float>, Width512>(v512);
                var d512 = TAct.Derivative<Vector512<float>, Width512>(v512);
                for (int h = 0; h < 16; h += 8)
                {
                    var v256 = Vector256.Create(z.AsSpan(k + h, 8));
                    var a256 = TAct.Apply(v256);
                    var d256 = TAct.Derivative(v256);
                    for (int q = 0; q < 8; q += 4)
                    {
                        var v128 = Vector128.Create(z.AsSpan(k + h + q, 4));
                        var a128 = TAct.Apply<Vector128<float>, Width128>(v128);
                        var d128 = TAct.Derivative<Vector128<float>, Width128>(v128);
                        for (int r = 0; r < 4; r++)
                        {
                            float x = v128.GetElement(r);
                            Assert.True(a256.GetElement(q + r).Equals(a128.GetElement(r)), $"{typeof(TAct).Name}({x:R}): 8 lanes {a256.GetElement(q + r):R}, 4 lanes {a128.GetElement(r):R}");
                            Assert.True(a256.GetElement(q + r).Equals(a512.GetElement(h + q + r)), $"{typeof(TAct).Name}({x:R}): 8 lanes {a256.GetElement(q + r):R}, 16 lanes {a512.GetElement(h + q + r):R}");
                            Assert.True(d256.GetElement(q + r).Equals(d128.GetElement(r)), $"{typeof(TAct).Name}′({x:R}): 8 lanes {d256.GetElement(q + r):R}, 4 lanes {d128.GetElement(r):R}");
                            Assert.True(d256.GetElement(q + r).Equals(d512.GetElement(h + q + r)), $"{typeof(TAct).Name}′({x:R}): 8 lanes {d256.GetElement(q + r):R}, 16 lanes {d512.GetElement(h + q + r):R}");
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// log x, log(1 + u) and the sigmoid's cross-entropy (which the losses use) compute the same arithmetic at every width:
    /// 4 and 16 lanes give the bits of the 8-lane form.
    /// </summary>
    [Fact]
    public void Logs_and_the_cross_entropy_give_the_eight_lane_results_at_every_width()
    {
        var logInputs = new System.Collections.Generic.List<float>();
        for (int k = 0; k < 4000; k++) logInputs.Add(MathF.Pow(2f, -120f + k * 0.06f) * (1f + (k % 7) / 7f));
        logInputs.AddRange([1f, 1.41421356f, 1.4142135f, 0.70710678f, float.MaxValue, float.Epsilon * (1 << 23)]);
        var unitInputs = new System.Collections.Generic.List<float>();
        for (int k = 0; k <= 4000; k++) unitInputs.Add(k / 4000f);
        unitInputs.AddRange([1e-8f, 0.41421356f, 0.41421357f]);
        var logits = new System.Collections.Generic.List<float>();
        for (int k = -4000; k <= 4000; k++) logits.Add(k / 40f);
        logits.AddRange([float.PositiveInfinity, float.NegativeInfinity, 0f, -0f]);

        Compare("log", logInputs, VectorMath.Log<Vector128<float>, Width128>, VectorMath.Log, VectorMath.Log<Vector512<float>, Width512>);
        Compare("log1p", unitInputs, VectorMath.Log1P<Vector128<float>, Width128>, VectorMath.Log1P, VectorMath.Log1P<Vector512<float>, Width512>);
        var half = Vector128.Create(0.25f); // a label in (0, 1): both terms of the cross-entropy count
        Compare("BCE", logits, v => Losses.BinaryCrossEntropy<Vector128<float>, Width128>(v, half),
            v => Losses.BinaryCrossEntropy(v, Vector256.Create(0.25f)), v => Losses.BinaryCrossEntropy<Vector512<float>, Width512>(v, Vector512.Create(0.25f)));

        static void Compare(string name, System.Collections.Generic.List<float> values,
            Func<Vector128<float>, Vector128<float>> f128, Func<Vector256<float>, Vector256<float>> f256, Func<Vector512<float>, Vector512<float>> f512)
        {
            while (values.Count % 16 != 0) values.Add(values[0]);
            var x = values.ToArray();
            for (int k = 0; k < x.Length; k += 16)
            {
                var r512 = f512(Vector512.Create(x.AsSpan(k, 16)));
                for (int h = 0; h < 16; h += 8)
                {
                    var r256 = f256(Vector256.Create(x.AsSpan(k + h, 8)));
                    for (int q = 0; q < 8; q += 4)
                    {
                        var r128 = f128(Vector128.Create(x.AsSpan(k + h + q, 4)));
                        for (int r = 0; r < 4; r++)
                        {
                            float v = x[k + h + q + r], e = r256.GetElement(q + r);
                            Assert.True(e.Equals(r128.GetElement(r)), $"{name}({v:R}): 8 lanes {e:R}, 4 lanes {r128.GetElement(r):R}");
                            Assert.True(e.Equals(r512.GetElement(h + q + r)), $"{name}({v:R}): 8 lanes {e:R}, 16 lanes {r512.GetElement(h + q + r):R}");
                        }
                    }
                }
            }
        }
    }
}
