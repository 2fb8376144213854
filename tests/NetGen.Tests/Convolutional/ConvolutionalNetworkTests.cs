using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Tests.Convolutional;

/// <summary>
/// Generated convolutional networks against <see cref="CnnReference"/>: outputs, the cost, and every gradient against
/// central differences of the double-precision reference, at batch sizes 1 and 3.
/// </summary>
public class ConvolutionalNetworkTests
{
    private static (INetwork Network, CnnReference Reference) Create(string name, int seed) => name switch
    {
        nameof(C1_Conv2DMaxPoolSoftmax) => (new C1_Conv2DMaxPoolSoftmax(seed), new CnnReference(1, 8, 8, false, Loss.CrossEntropy,
            [new ConvSpec(3, 3, Activation.ReLU, Padding: 1), new PoolSpec(true, 2, 2), new ConvSpec(4, 3, Activation.Tanh), new FlattenSpec(),
             new DenseSpec(5, Activation.Softmax)])),
        nameof(C2_StridedAvgPoolSigmoid) => (new C2_StridedAvgPoolSigmoid(seed), new CnnReference(2, 7, 7, false, Loss.BinaryCrossEntropy,
            [new ConvSpec(3, 3, Activation.LeakyReLU, Stride: 2, Padding: 1), new PoolSpec(false, 2, 1), new FlattenSpec(), new DenseSpec(2, Activation.Sigmoid)])),
        nameof(C3_Conv1DPoolOutput) => (new C3_Conv1DPoolOutput(seed), new CnnReference(3, 1, 11, true, Loss.MeanSquaredError,
            [new ConvSpec(4, 3, Activation.Sigmoid, Padding: 1), new PoolSpec(true, 2, 2), new ConvSpec(2, 2, Activation.Identity, Stride: 2),
             new PoolSpec(false, 2, 2), new FlattenSpec()])),
        nameof(C4_PoolFirstUnrolledDense) => (new C4_PoolFirstUnrolledDense(seed), new CnnReference(1, 6, 6, false, Loss.MeanSquaredError,
            [new PoolSpec(true, 2, 2), new ConvSpec(2, 2, Activation.Tanh), new FlattenSpec(), new DenseSpec(1, Activation.Identity)])),
        nameof(C5_WideFiltersOverlappingPool) => (new C5_WideFiltersOverlappingPool(seed), new CnnReference(2, 9, 5, false, Loss.CrossEntropy,
            [new ConvSpec(20, 3, Activation.ReLU, Padding: 2), new PoolSpec(true, 3, 2), new ConvSpec(17, 2, Activation.LeakyReLU), new FlattenSpec(),
             new DenseSpec(24, Activation.Tanh), new DenseSpec(3, Activation.Softmax)])),
        nameof(C6_ConvIntoConv) => (new C6_ConvIntoConv(seed), new CnnReference(2, 6, 6, false, Loss.CrossEntropy,
            [new ConvSpec(3, 3, Activation.Sigmoid, Padding: 1), new ConvSpec(2, 3, Activation.ReLU, Stride: 2), new FlattenSpec(),
             new DenseSpec(3, Activation.Softmax)])),
        nameof(C7_Conv1DIntoConv1D) => (new C7_Conv1DIntoConv1D(seed), new CnnReference(2, 1, 9, true, Loss.BinaryCrossEntropy,
            [new ConvSpec(3, 4, Activation.Tanh, Stride: 2, Padding: 2), new ConvSpec(2, 2, Activation.LeakyReLU), new FlattenSpec(),
             new DenseSpec(40, Activation.ReLU), new DenseSpec(1, Activation.Sigmoid)])),
        nameof(C8_NewActivations2D) => (new C8_NewActivations2D(seed), new CnnReference(2, 6, 6, false, Loss.CrossEntropy,
            [new ConvSpec(3, 3, Activation.LeakyReLU, Padding: 1, Slope: 0.2), new PoolSpec(true, 2, 2), new ConvSpec(4, 2, Activation.GELU),
             new FlattenSpec(), new DenseSpec(6, Activation.SiLU), new DenseSpec(3, Activation.Softmax)])),
        nameof(C9_NewActivations1D) => (new C9_NewActivations1D(seed), new CnnReference(2, 1, 10, true, Loss.BinaryCrossEntropy,
            [new ConvSpec(3, 3, Activation.ELU), new PoolSpec(false, 2, 2), new ConvSpec(2, 2, Activation.Softplus, Stride: 2), new FlattenSpec(),
             new DenseSpec(1, Activation.Sigmoid)])),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static readonly string[] Names =
    [
        nameof(C1_Conv2DMaxPoolSoftmax), nameof(C2_StridedAvgPoolSigmoid), nameof(C3_Conv1DPoolOutput),
        nameof(C4_PoolFirstUnrolledDense), nameof(C5_WideFiltersOverlappingPool), nameof(C6_ConvIntoConv), nameof(C7_Conv1DIntoConv1D),
        nameof(C8_NewActivations2D), nameof(C9_NewActivations1D),
    ];

    public static IEnumerable<object[]> Cases() =>
        from name in Names from m in new[] { 1, 3 } select new object[] { name, m };

    private static (float[] X, float[] Y) Batch(INetwork net, Loss loss, int m, int seed)
    {
        var random = new Random(seed);
        var x = new float[m * net.InputSize];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(random.NextDouble() * 2 - 1);
        var y = new float[m * net.OutputSize];
        for (int i = 0; i < m; i++)
        {
            if (loss == Loss.CrossEntropy) y[i * net.OutputSize + random.Next(net.OutputSize)] = 1;
            else
                for (int k = 0; k < net.OutputSize; k++)
                    y[i * net.OutputSize + k] = loss == Loss.BinaryCrossEntropy ? random.Next(2) : (float)(random.NextDouble() * 2 - 1);
        }
        return (x, y);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardAndCostMatchTheReference(string name, int m)
    {
        var (net, reference) = Create(name, seed: 5);
        Assert.Equal(reference.ParameterCount, net.ParameterCount);
        var (x, y) = Batch(net, reference.Loss, m, seed: 11 + m);
        var outputs = new float[m * net.OutputSize];
        net.Forward(x, outputs);
        double[] p = net.Parameters.ToArray().Select(v => (double)v).ToArray();
        double[] xd = x.Select(v => (double)v).ToArray();
        for (int i = 0; i < m; i++)
        {
            double[] expected = reference.Forward(p, xd.AsSpan(i * net.InputSize, net.InputSize));
            Assert.Equal(net.OutputSize, expected.Length);
            for (int k = 0; k < expected.Length; k++)
                Assert.True(Math.Abs(outputs[i * net.OutputSize + k] - expected[k]) <= 1e-5 * (1 + Math.Abs(expected[k])),
                    $"example {i} output {k}: {outputs[i * net.OutputSize + k]} vs {expected[k]}");
        }
        var gradients = new float[net.ParameterCount];
        float cost = net.ComputeGradients(x, y, gradients);
        double expectedCost = reference.Cost(p, xd, y.Select(v => (double)v).ToArray(), m);
        Assert.True(Math.Abs(cost - expectedCost) <= 1e-5 * (1 + Math.Abs(expectedCost)), $"cost {cost} vs {expectedCost}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientsMatchCentralDifferences(string name, int m)
    {
        // Redraw (deterministically) while most checked gradients are zero (ReLU units dead for the whole batch), which
        // would leave the check little to check.
        for (int attempt = 0; ; attempt++)
        {
            int nonZero = CheckGradients(name, m, seed: 7 + m + 1000 * attempt, out int checkedCount);
            if (nonZero > checkedCount / 4) return;
            Assert.True(attempt < 20, $"only {nonZero} of {checkedCount} checked gradients are non-zero after {attempt + 1} draws");
        }
    }

    /// <summary>Asserts every checked gradient; returns how many are clearly non-zero.</summary>
    private static int CheckGradients(string name, int m, int seed, out int checkedCount)
    {
        var (net, reference) = Create(name, seed);
        var (x, y) = Batch(net, reference.Loss, m, seed: 3 * seed + name.Length);
        var gradients = new float[net.ParameterCount];
        net.ComputeGradients(x, y, gradients);
        double[] p = net.Parameters.ToArray().Select(v => (double)v).ToArray();
        double[] xd = x.Select(v => (double)v).ToArray(), yd = y.Select(v => (double)v).ToArray();

        // Every parameter of the small networks; a fixed spread of 600 of the wide one (all its layers are covered).
        int step = Math.Max(1, p.Length / 600);
        var numeric = new Dictionary<int, double>();
        const double h = 1e-5;
        for (int k = 0; k < p.Length; k += step)
        {
            double saved = p[k];
            p[k] = saved + h;
            double plus = reference.Cost(p, xd, yd, m);
            p[k] = saved - h;
            double minus = reference.Cost(p, xd, yd, m);
            p[k] = saved;
            numeric[k] = (plus - minus) / (2 * h);
        }
        double scale = numeric.Values.Max(Math.Abs);
        Assert.True(scale > 1e-4, "the gradient is (nearly) zero; the case checks nothing");
        int nonZero = 0;
        foreach (var (k, expected) in numeric)
        {
            Assert.True(Math.Abs(gradients[k] - expected) <= 2e-4 * scale + 1e-5,
                $"parameter {k}: analytic {gradients[k]} vs numeric {expected} (scale {scale})");
            if (Math.Abs(expected) > 1e-3 * scale) nonZero++;
        }
        checkedCount = numeric.Count;
        return nonZero;
    }

    [Fact]
    public void CachedPassMatchesAndTheLayerShapesDescribeTheConvolutions()
    {
        var net = new C1_Conv2DMaxPoolSoftmax(3);
        Assert.Equal(3, net.GetLayerShape(0).Units);
        Assert.Equal(LayerKind.Conv2D, net.GetLayerShape(0).Kind);
        Assert.Equal(new long[] { 3, 1, 3, 3 }, net.GetLayerShape(0).WeightShape());
        Assert.Equal(new long[] { 4, 3, 3, 3 }, net.GetLayerShape(1).WeightShape());
        Assert.Equal(new long[] { 5, 16 }, net.GetLayerShape(2).WeightShape());
        Assert.Equal(3, C1_Conv2DMaxPoolSoftmax.LayerCount);
        Assert.Equal(64, C1_Conv2DMaxPoolSoftmax.InputSize);
        Assert.Equal(8, C1_Conv2DMaxPoolSoftmax.InputHeight);
        var (x, y) = Batch(net, Loss.CrossEntropy, 4, 1);
        var a = new float[C1_Conv2DMaxPoolSoftmax.ParameterCount];
        var b = new float[C1_Conv2DMaxPoolSoftmax.ParameterCount];
        float ca = net.ComputeGradients(x, y, a);
        float cb = net.ComputeGradients(x, y, b, new C1_Conv2DMaxPoolSoftmax.Cache(4));
        Assert.Equal(ca, cb);
        Assert.Equal(a, b);
    }

    [Fact]
    public void ForwardAndTrainingStepsAllocateNothingOnceWarm()
    {
        var net = new C5_WideFiltersOverlappingPool(2);
        var (x, y) = Batch(net, Loss.CrossEntropy, 16, 5);
        var outputs = new float[16 * C5_WideFiltersOverlappingPool.OutputSize];
        var trainer = net.CreateTrainer(new Adam(1e-3f));
        SteadyAllocations.AssertNone(() => net.Forward(x, outputs));
        SteadyAllocations.AssertNone(() => trainer.Step(x, y));
    }

    [Fact]
    public void ForwardIsThreadSafe()
    {
        // Four threads run Forward on one network at once (the convolution kernels keep per-thread scratch); each must
        // get exactly what a single thread gets.
        var net = new C5_WideFiltersOverlappingPool(4);
        var batches = Enumerable.Range(0, 4).Select(i => Batch(net, Loss.CrossEntropy, 5 + i, 40 + i).X).ToArray();
        var expected = batches.Select(b => { var o = new float[b.Length / C5_WideFiltersOverlappingPool.InputSize * C5_WideFiltersOverlappingPool.OutputSize]; net.Forward(b, o); return o; }).ToArray();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var threads = Enumerable.Range(0, 4).Select(t => new System.Threading.Thread(() =>
        {
            var o = new float[expected[t].Length];
            for (int r = 0; r < 200; r++)
            {
                net.Forward(batches[t], o);
                if (!o.AsSpan().SequenceEqual(expected[t])) { failures.Add($"thread {t} run {r}"); return; }
            }
        })).ToArray();
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();
        Assert.Empty(failures);
    }

    [Fact]
    public void TrainingLowersTheCost()
    {
        var net = new C5_WideFiltersOverlappingPool(1);
        var (x, y) = Batch(net, Loss.CrossEntropy, 64, 99);
        float before = net.Cost(x, y);
        net.Fit(x, y, new Adam(0.01f), epochs: 30, batchSize: 16);
        float after = net.Cost(x, y);
        Assert.True(after < before * 0.5f, $"cost {before} → {after}");
    }
}
