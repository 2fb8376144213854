using System;
using Xunit;

namespace NetGen.Kernels.Tests;

/// <summary>
/// The optimisers' vector updates (at the widest accelerated width, then a scalar tail) against their definitions in
/// double precision, over lengths that leave every tail size at 4, 8 and 16 lanes.
/// </summary>
public class OptimizerKernelTests
{
    public static TheoryData<int> Lengths => [1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 37, 100];

    [Theory, MemberData(nameof(Lengths))]
    public void Gradient_descent_matches_its_definition(int n)
    {
        var (p, grads) = Data(n, seed: n);
        double[] expected = Array.ConvertAll(p, v => (double)v);
        var sgd = new GradientDescent(0.1f, weightDecay: 0.01f);
        for (int step = 0; step < 3; step++)
        {
            sgd.Step(p, grads[step]);
            for (int k = 0; k < n; k++) expected[k] -= 0.1 * (grads[step][k] + 0.01 * expected[k]);
        }
        AssertClose(expected, p, "SGD");
    }

    [Theory, MemberData(nameof(Lengths))]
    public void Momentum_matches_its_definition(int n)
    {
        var (p, grads) = Data(n, seed: 100 + n);
        double[] expected = Array.ConvertAll(p, v => (double)v), velocity = new double[n];
        var momentum = new Momentum(0.05f, beta: 0.8f, weightDecay: 0.02f);
        for (int step = 0; step < 3; step++)
        {
            momentum.Step(p, grads[step]);
            for (int k = 0; k < n; k++)
            {
                velocity[k] = 0.8 * velocity[k] + grads[step][k] + 0.02 * expected[k];
                expected[k] -= 0.05 * velocity[k];
            }
        }
        AssertClose(expected, p, "momentum");
    }

    [Theory, MemberData(nameof(Lengths))]
    public void Adam_matches_its_definition(int n)
    {
        var (p, grads) = Data(n, seed: 200 + n);
        double[] expected = Array.ConvertAll(p, v => (double)v), m = new double[n], v = new double[n];
        var adam = new Adam(0.01f, 0.9f, 0.99f, 1e-6f, weightDecay: 0.001f);
        for (int step = 1; step <= 3; step++)
        {
            adam.Step(p, grads[step - 1]);
            for (int k = 0; k < n; k++)
            {
                double g = grads[step - 1][k] + 0.001 * expected[k];
                m[k] = 0.9 * m[k] + 0.1 * g;
                v[k] = 0.99 * v[k] + 0.01 * g * g;
                double mHat = m[k] / (1 - Math.Pow(0.9, step)), vHat = v[k] / (1 - Math.Pow(0.99, step));
                expected[k] -= 0.01 * mHat / (Math.Sqrt(vHat) + 1e-6);
            }
        }
        AssertClose(expected, p, "Adam");
    }

    private static (float[] Parameters, float[][] Gradients) Data(int n, int seed)
    {
        var rng = new Random(seed);
        float Next() => (float)(rng.NextDouble() * 2 - 1);
        var p = new float[n];
        for (int k = 0; k < n; k++) p[k] = Next();
        var grads = new float[3][];
        for (int s = 0; s < 3; s++) { grads[s] = new float[n]; for (int k = 0; k < n; k++) grads[s][k] = Next(); }
        return (p, grads);
    }

    private static void AssertClose(double[] expected, float[] actual, string what)
    {
        for (int k = 0; k < expected.Length; k++)
            Assert.True(Math.Abs(expected[k] - actual[k]) <= 1e-5 * (1 + Math.Abs(expected[k])),
                $"{what}: parameter {k} of {expected.Length} is {actual[k]:R}, expected {expected[k]:R}");
    }
}
