using System;
using NetGen.Kernels;

namespace NetGen.Kernels.Tests;

/// <summary>
/// The element-wise losses (8 lanes at a time, the last 1–7 values as one zero-padded vector) against a double-precision
/// evaluation of the same formulas: every count from 1 to 40 so every tail length meets every number of full vectors.
/// </summary>
public class LossKernelTests
{
    public static TheoryData<int> Counts()
    {
        var data = new TheoryData<int>();
        for (int m = 1; m <= 40; m++) data.Add(m);
        return data;
    }

    [Theory]
    [MemberData(nameof(Counts))]
    public void SigmoidBinaryCrossEntropy_matches_double_reference(int m)
    {
        var (z, y) = Batch(m, seed: m);
        var a = new float[m];
        for (int k = 0; k < m; k++) a[k] = (float)(1 / (1 + Math.Exp(-z[k])));
        var dz = Padded(m);

        float cost = Losses.SigmoidBinaryCrossEntropy<D1>(z, a, y, dz.AsSpan(0, m), m);

        double expected = 0;
        for (int k = 0; k < m; k++)
        {
            // −[y log σ(z) + (1 − y) log(1 − σ(z))], in double, written the textbook way (no saturation below |z| = 30).
            double s = 1 / (1 + Math.Exp(-(double)z[k]));
            expected -= y[k] * Math.Log(s) + (1 - y[k]) * Math.Log(1 - s);
            Assert.Equal((a[k] - y[k]) / (double)m, dz[k], 1e-7);
        }
        Assert.Equal(expected / m, cost, 1e-5 * Math.Max(1, expected / m));
        AssertPaddingUntouched(dz, m);
    }

    [Theory]
    [MemberData(nameof(Counts))]
    public void MeanSquaredError_matches_double_reference(int m)
    {
        var (z, y) = Batch(m, seed: 100 + m);
        var a = new float[m];
        for (int k = 0; k < m; k++) a[k] = MathF.Tanh(z[k]);
        var dz = Padded(m);

        float cost = Losses.MeanSquaredError<D1, Tanh>(z, a, y, dz.AsSpan(0, m), m);

        double expected = 0;
        for (int k = 0; k < m; k++)
        {
            double d = a[k] - y[k];
            expected += 0.5 * d * d;
            double t = Math.Tanh(z[k]);
            Assert.Equal(d / m * (1 - t * t), dz[k], 1e-6);
        }
        Assert.Equal(expected / m, cost, 1e-6 * Math.Max(1, expected / m));
        AssertPaddingUntouched(dz, m);
    }

    [Fact]
    public void SigmoidBinaryCrossEntropy_is_finite_and_exact_when_saturated_in_a_tail()
    {
        // 11 values = one full vector and a tail of 3; |z| = 100 makes σ exactly 0 or 1 in float.
        float[] z = [100, -100, 100, -100, 0, 1, -1, 2, -100, 100, 100];
        float[] y = [0, 1, 1, 0, 1, 0, 1, 0, 1, 0, 1];
        var a = new float[z.Length];
        for (int k = 0; k < z.Length; k++) a[k] = z[k] > 50 ? 1 : z[k] < -50 ? 0 : 1 / (1 + MathF.Exp(-z[k]));
        var dz = new float[z.Length];

        float cost = Losses.SigmoidBinaryCrossEntropy<D1>(z, a, y, dz, z.Length);

        // max(z, 0) − z·y + log(1 + e^−|z|) per value.
        double expected = 0;
        for (int k = 0; k < z.Length; k++) expected += Math.Max(z[k], 0) - z[k] * y[k] + Math.Log(1 + Math.Exp(-Math.Abs(z[k])));
        Assert.True(float.IsFinite(cost));
        Assert.Equal(expected / z.Length, cost, 1e-4);
        Assert.All(dz, d => Assert.True(float.IsFinite(d)));
    }

    [Fact]
    public void Losses_reject_short_operands()
    {
        var four = new float[4];
        var three = new float[3];
        Assert.Throws<ArgumentException>(() => Losses.SigmoidBinaryCrossEntropy<D1>(four, four, three, four, 4));
        Assert.Throws<ArgumentException>(() => Losses.SigmoidBinaryCrossEntropy<D2>(four, four, four, four, 3));
        Assert.Throws<ArgumentException>(() => Losses.MeanSquaredError<D1, Identity>(four, four, four, three, 4));
    }

    private static (float[] Z, float[] Y) Batch(int m, int seed)
    {
        var rng = new Random(seed);
        var z = new float[m];
        var y = new float[m];
        for (int k = 0; k < m; k++)
        {
            z[k] = (float)(rng.NextDouble() * 16 - 8);
            y[k] = rng.Next(2);
        }
        return (z, y);
    }

    private const float Sentinel = 12345f;

    private static float[] Padded(int m)
    {
        var dz = new float[m + 8];
        dz.AsSpan().Fill(Sentinel);
        return dz;
    }

    private static void AssertPaddingUntouched(float[] dz, int m)
    {
        for (int k = m; k < dz.Length; k++) Assert.Equal(Sentinel, dz[k]);
    }
}
