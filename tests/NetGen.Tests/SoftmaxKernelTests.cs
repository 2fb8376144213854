using System;
using NetGen.Kernels;

namespace NetGen.Tests;

public class SoftmaxKernelTests
{
    private readonly struct N3 : IDim { public static int Value => 3; }
    private readonly struct N8 : IDim { public static int Value => 8; }
    private readonly struct N10 : IDim { public static int Value => 10; }
    private readonly struct N19 : IDim { public static int Value => 19; }

    [Fact]
    public void MatchesADoublePrecisionReferenceAcrossWidths()
    {
        Check<N3>();
        Check<N8>();
        Check<N10>();
        Check<N19>();
    }

    private static void Check<TN>() where TN : struct, IDim
    {
        int n = TN.Value, m = 5;
        var rng = new Rng(n);
        var z = new float[m * n];
        for (int k = 0; k < z.Length; k++) z[k] = (float)(rng.NextGaussian() * 30); // wide range: tests the max shift
        var a = new float[m * n];
        Softmax.Forward<TN>(z, a, m);
        for (int i = 0; i < m; i++)
        {
            double max = double.NegativeInfinity, sum = 0;
            for (int k = 0; k < n; k++) max = Math.Max(max, z[i * n + k]);
            for (int k = 0; k < n; k++) sum += Math.Exp(z[i * n + k] - max);
            for (int k = 0; k < n; k++)
            {
                double expected = Math.Exp(z[i * n + k] - max) / sum;
                // float rounding of z − max is relative to |z − max|, and exp turns it into a relative error of that size
                double tolerance = 1e-6 * (1 + Math.Abs(z[i * n + k] - max)) * expected + 1e-37;
                Assert.True(Math.Abs(a[i * n + k] - expected) <= tolerance,
                    $"n={n} row {i} unit {k}: {a[i * n + k]} vs {expected}");
            }
        }
        // In place (a aliases z) gives the same result.
        Softmax.Forward<TN>(z, z, m);
        Assert.Equal(a, z);
    }
}
