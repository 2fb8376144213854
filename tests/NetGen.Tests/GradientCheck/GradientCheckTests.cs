using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Tests.GradientCheck;

/// <summary>
/// ComputeGradients (float, generated, SIMD kernels) against central differences of an independent
/// double-precision reference (<see cref="ReferenceNetwork"/>), for every network in <see cref="GradientCheckNetworks"/>.
/// </summary>
public class GradientCheckTests
{
    public static IEnumerable<object[]> Cases()
    {
        var networks = GradientCheckNetworks.Create(1);
        for (int i = 0; i < networks.Length; i++)
            foreach (int m in new[] { 1, 5, 8, 13 })
                yield return [networks[i].Network.GetType().Name, i, m];
    }

    /// <summary>Batch sizes around the 8-example blocks of the lane pass: one partial block, one full, full + partial, three full.</summary>
    public static IEnumerable<object[]> LaneCases()
    {
        var networks = GradientCheckNetworks.Create(1);
        for (int i = 0; i < networks.Length; i++)
            foreach (int m in new[] { 1, 7, 8, 9, 24 })
                yield return [networks[i].Network.GetType().Name, i, m];
    }

    /// <summary>
    /// These networks are small enough that ComputeGradients without a cache runs with the examples in vector lanes
    /// (where supported); the cache overload runs the layer-by-layer path. The two are independent implementations of
    /// the same sums (only the order of the sums over examples differs), so they must agree closely.
    /// </summary>
    [Theory]
    [MemberData(nameof(LaneCases))]
    public void CacheFreeAndCachedPassesAgree(string name, int index, int m)
    {
        // Redraw (deterministically) while a ReLU output is dead for the whole batch, which would make the check vacuous.
        INetwork net = null!;
        Loss loss = default;
        float[] x = [], y = [], lanes = [], cached = [];
        float laneCost = 0, cachedCost = 0;
        for (int attempt = 0; attempt < 100; attempt++)
        {
            (net, loss) = GradientCheckNetworks.Create(seed: 3 + index + 1000 * attempt)[index];
            (x, y) = Batch(net, loss, m, seed: index * 17 + m + 7919 * attempt);
            lanes = new float[net.ParameterCount];
            cached = new float[net.ParameterCount];
            laneCost = net.ComputeGradients(x, y, lanes);
            cachedCost = net.ComputeGradients(x, y, cached, net.CreateCache(m));
            if (cached.Any(v => v != 0)) break;
        }
        Assert.Equal(name, net.GetType().Name);
        Assert.True(Math.Abs(laneCost - cachedCost) <= 1e-6 * (1 + Math.Abs(cachedCost)), $"cost {laneCost} vs {cachedCost}");
        double scale = cached.Max(v => Math.Abs(v));
        Assert.True(scale > 0, "the gradient is zero; the case checks nothing");
        for (int k = 0; k < cached.Length; k++)
            Assert.True(Math.Abs(lanes[k] - cached[k]) <= 1e-6 * (1 + scale), $"parameter {k}: {lanes[k]} vs {cached[k]}");
        // Nothing of a batch leaks into the next: a second, different batch gives the same as its cached pass.
        var (x2, y2) = Batch(net, loss, m, seed: index * 17 + m + 1);
        net.ComputeGradients(x2, y2, lanes);
        net.ComputeGradients(x2, y2, cached, net.CreateCache(m));
        for (int k = 0; k < cached.Length; k++)
            Assert.True(Math.Abs(lanes[k] - cached[k]) <= 1e-6 * (1 + cached.Max(v => Math.Abs(v))), $"second batch, parameter {k}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientsMatchCentralDifferences(string name, int index, int m)
    {
        // Draw parameters and data (deterministically) until every ReLU/LeakyReLU pre-activation is clear of the
        // kink at 0 and the gradient is not identically zero (a dead output layer would make the check vacuous).
        INetwork net = null!;
        Loss loss = default;
        float[] x = [], y = [];
        double[] p = [], xd = [], yd = [];
        for (int attempt = 0; attempt < 100; attempt++)
        {
            (net, loss) = GradientCheckNetworks.Create(seed: 11 + index + 1000 * attempt)[index];
            (x, y) = Batch(net, loss, m, seed: index * 31 + m + 7919 * attempt);
            p = net.Parameters.ToArray().Select(v => (double)v).ToArray();
            xd = x.Select(v => (double)v).ToArray();
            yd = y.Select(v => (double)v).ToArray();
            if (ReferenceNetwork.KinkMargin(net, p, xd) > 1e-3 && ReferenceNetwork.NumericGradient(net, loss, p, xd, yd).Any(v => Math.Abs(v) > 1e-3))
                break;
        }
        Assert.Equal(name, net.GetType().Name);

        var analytic = new float[net.ParameterCount];
        float cost = net.ComputeGradients(x, y, analytic);
        double expectedCost = ReferenceNetwork.Cost(net, loss, p, xd, yd);
        Assert.True(Math.Abs(cost - expectedCost) <= 1e-4 * (1 + Math.Abs(expectedCost)), $"cost {cost} vs reference {expectedCost}");

        double[] numeric = ReferenceNetwork.NumericGradient(net, loss, p, xd, yd);
        double diff = 0, normA = 0, normN = 0;
        for (int k = 0; k < numeric.Length; k++)
        {
            diff += (analytic[k] - numeric[k]) * (analytic[k] - numeric[k]);
            normA += (double)analytic[k] * analytic[k];
            normN += numeric[k] * numeric[k];
        }
        double relative = Math.Sqrt(diff) / Math.Max(Math.Sqrt(normA) + Math.Sqrt(normN), 1e-12);
        Assert.True(relative < 1e-3, $"relative error {relative:E2} (|analytic| {Math.Sqrt(normA):E2}, |numeric| {Math.Sqrt(normN):E2})");
        // The check must not pass vacuously.
        Assert.True(Math.Sqrt(normN) > 1e-4, "the numeric gradient is ~0; the case checks nothing");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardMatchesReference(string name, int index, int m)
    {
        var (net, loss) = GradientCheckNetworks.Create(seed: 5 + index)[index];
        Assert.Equal(name, net.GetType().Name);
        var (x, _) = Batch(net, loss, m, seed: index + 1000 * m);
        var outputs = new float[m * net.OutputSize];
        net.Forward(x, outputs);
        double[] p = net.Parameters.ToArray().Select(v => (double)v).ToArray();
        for (int i = 0; i < m; i++)
        {
            double[] expected = ReferenceNetwork.Forward(net, p, x.Skip(i * net.InputSize).Take(net.InputSize).Select(v => (double)v).ToArray(), out _);
            for (int k = 0; k < net.OutputSize; k++)
                Assert.True(Math.Abs(outputs[i * net.OutputSize + k] - expected[k]) <= 1e-5 * (1 + Math.Abs(expected[k])),
                    $"example {i} output {k}: {outputs[i * net.OutputSize + k]} vs {expected[k]}");
        }
    }

    /// <summary>Random inputs in [−1, 1] and targets valid for the loss.</summary>
    internal static (float[] X, float[] Y) Batch(INetwork net, Loss loss, int m, int seed)
    {
        var rng = new Rng(seed);
        var x = new float[m * net.InputSize];
        for (int k = 0; k < x.Length; k++) x[k] = (float)(2 * rng.NextDouble() - 1);
        var y = new float[m * net.OutputSize];
        bool softmax = net.GetLayerShape(net.LayerCount - 1).Activation == Activation.Softmax;
        for (int i = 0; i < m; i++)
        {
            if (softmax)
                y[i * net.OutputSize + rng.NextInt(net.OutputSize)] = 1f;
            else
                for (int k = 0; k < net.OutputSize; k++)
                    y[i * net.OutputSize + k] = loss == Loss.BinaryCrossEntropy ? rng.NextInt(2) : (float)rng.NextDouble();
        }
        return (x, y);
    }
}
