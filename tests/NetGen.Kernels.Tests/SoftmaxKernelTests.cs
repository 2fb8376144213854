using System;
using NetGen.Kernels;

namespace NetGen.Kernels.Tests;

/// <summary>
/// Row-wise softmax (8 lanes at a time, the last n mod 8 values as one masked, zero-padded vector) against softmax
/// evaluated in double: widths 1–17 and a few wider ones so every tail length meets 0, 1 and 2 full vectors, in place
/// and into a separate buffer, with sentinels after the output that must stay untouched.
/// </summary>
public class SoftmaxKernelTests
{
    private const float Sentinel = -12345f;

    [Fact]
    public void Matches_double_reference_for_every_tail()
    {
        Check<D1>(); Check<D2>(); Check<D3>(); Check<D4>(); Check<D5>(); Check<D6>(); Check<D7>(); Check<D8>();
        Check<D9>(); Check<D10>(); Check<D11>(); Check<D12>(); Check<D13>(); Check<D14>(); Check<D15>(); Check<D16>();
        Check<D17>(); Check<D23>(); Check<D24>(); Check<D33>(); Check<D40>(); Check<D64>(); Check<D70>();
    }

    private static void Check<TN>() where TN : struct, IDim
    {
        int n = TN.Value;
        foreach (int m in new[] { 1, 3, 7 })
            foreach (bool inPlace in new[] { false, true })
            foreach (float range in new[] { 40f, 300f })
            {
                var rng = new Random(n * 100 + m);
                var z = new float[m * n + 8];
                z.AsSpan().Fill(Sentinel);
                // Spread wide enough that some probabilities underflow towards 0 and one row is dominated by its max.
                // (range 300: many values more than 87 below their row's max, whose e^(z − max) underflow to 0.)
                for (int k = 0; k < m * n; k++) z[k] = (float)((rng.NextDouble() - 0.5) * range);
                var (expected, spread) = Reference(z, m, n);
                var a = inPlace ? z : new float[m * n + 8];
                if (!inPlace) a.AsSpan().Fill(Sentinel);

                Softmax.Forward<TN>(z.AsSpan(0, m * n), a.AsSpan(0, m * n), m);

                for (int k = 0; k < m * n; k++)
                    // A few ulp, plus the rounding of z − max in float, which e^(z − max) multiplies by |z − max|.
                    Assert.True(Math.Abs(a[k] - expected[k]) <= 1.2e-7 * (4 + spread[k]) * expected[k] + 1e-37,
                        $"n = {n}, m = {m}, in place = {inPlace}, k = {k}: {a[k]} vs {expected[k]}");
                for (int k = m * n; k < a.Length; k++) Assert.Equal(Sentinel, a[k]);
            }
    }

    private static (double[] P, double[] Spread) Reference(float[] z, int m, int n)
    {
        var p = new double[m * n];
        var spread = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            double max = double.NegativeInfinity, sum = 0;
            for (int k = 0; k < n; k++) max = Math.Max(max, z[i * n + k]);
            for (int k = 0; k < n; k++) sum += p[i * n + k] = Math.Exp(z[i * n + k] - max);
            for (int k = 0; k < n; k++) spread[i * n + k] = max - z[i * n + k];
            for (int k = 0; k < n; k++) p[i * n + k] /= sum;
        }
        return (p, spread);
    }
}
