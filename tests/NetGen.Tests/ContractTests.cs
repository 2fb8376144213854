using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace NetGen.Tests;

/// <summary>The DESIGN §2 contract: shapes, layout, seeding, argument checks, thread safety, no allocation.</summary>
public class ContractTests
{
    [Fact]
    public void ConstantsDescribeTheDeclaredShapes()
    {
        Assert.Equal(30, CancerNet.InputSize);
        Assert.Equal(1, CancerNet.OutputSize);
        Assert.Equal(3, CancerNet.LayerCount);
        Assert.Equal(16 * 30 + 16 + 8 * 16 + 8 + 8 + 1, CancerNet.ParameterCount);
        Assert.Equal(784 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10, MnistNet.ParameterCount);
        INetwork net = new CancerNet();
        Assert.Equal((30, 1, 641, 3), (net.InputSize, net.OutputSize, net.ParameterCount, net.LayerCount));
    }

    [Fact]
    public void LayerViewsAreSlicesOfParametersInPyTorchOrder()
    {
        var net = new CancerNet(3);
        Assert.Equal(16 * 30, net.W1.Length);
        Assert.Equal(16, net.b1.Length);
        Assert.Equal(8 * 16, net.W2.Length);
        Assert.Equal(1, net.b3.Length);
        net.W2[5] = 42f;
        Assert.Equal(42f, net.Parameters[16 * 30 + 16 + 5]);
        net.b3[0] = -7f;
        Assert.Equal(-7f, net.Parameters[CancerNet.ParameterCount - 1]);
        Assert.Equal(new LayerShape(8, 16, Activation.ReLU, 496, 624), net.GetLayerShape(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => net.GetLayerShape(3));
    }

    [Fact]
    public void ForwardUsesRowMajorWeightsPerExample()
    {
        // z_i = W·x_i + b with W row-major n[1] × n[0], checked by hand on a 4-3-2 network.
        var net = new RegressionNet();
        net.Parameters.Clear();
        net.W1[0 * 4 + 0] = 1f; net.W1[1 * 4 + 1] = 2f; net.W1[2 * 4 + 3] = -1f; // unit j reads input k at W1[j*4+k]
        net.b1[2] = 0.5f;
        net.W2[0 * 3 + 0] = 1f; net.W2[1 * 3 + 1] = 1f; net.W2[1 * 3 + 2] = 1f;
        float[] x = [1, 2, 3, 4, /* second example */ -1, 0, 0, 0];
        var y = new float[4];
        net.Forward(x, y);
        // example 1: z1 = [1, 4, 0.5 − 4 = −3.5] → LeakyReLU → [1, 4, −0.035]; y = [1, 4 − 0.035]
        // example 2: z1 = [−1, 0, 0.5] → [−0.01, 0, 0.5]; y = [−0.01, 0.5]
        Assert.Equal([1f, 3.965f, -0.01f, 0.5f], y.Select(v => MathF.Round(v, 5)).ToArray());
    }

    [Fact]
    public void SameSeedGivesBitIdenticalParametersAndDifferentSeedsDiffer()
    {
        var a = new MnistNet(123).Parameters.ToArray();
        var b = new MnistNet(123).Parameters.ToArray();
        var c = new MnistNet(124).Parameters.ToArray();
        Assert.True(a.AsSpan().SequenceEqual(b));
        Assert.False(a.AsSpan().SequenceEqual(c));
        Assert.True(new CancerNet().Parameters.SequenceEqual(new CancerNet(CancerNet.DefaultSeed).Parameters));
    }

    [Fact]
    public void InitialisationFollowsHeAndGlorotScales()
    {
        var net = new MnistNet(9);
        double Std(Span<float> w) { double mean = 0, sq = 0; foreach (var v in w) { mean += v; sq += (double)v * v; } mean /= w.Length; return Math.Sqrt(sq / w.Length - mean * mean); }
        Assert.InRange(Std(net.W1), 0.95 * Math.Sqrt(2.0 / 784), 1.05 * Math.Sqrt(2.0 / 784));   // He: ReLU layer
        Assert.InRange(Std(net.W3), 0.85 * Math.Sqrt(2.0 / 74), 1.15 * Math.Sqrt(2.0 / 74));     // Glorot uniform: r²/3 = 2/(64+10)
        Assert.All(net.b1.ToArray(), v => Assert.Equal(0f, v));
        float r = MathF.Sqrt(6f / 74);
        Assert.All(net.W3.ToArray(), v => Assert.InRange(v, -r, r));
    }

    // The call-site analyzer reports these constant-length mistakes at compile time (NG0020–NG0023);
    // the runtime checks they test exist for lengths only known at run time.
#pragma warning disable NG0020, NG0021, NG0022, NG0023
    [Fact]
    public void WrongLengthsThrowNamingParameterExpectedAndActual()
    {
        var net = new CancerNet();
        var ex = Assert.Throws<ArgumentException>(() => net.Forward(new float[31], new float[1]));
        Assert.Equal("inputs", ex.ParamName);
        Assert.Contains("multiple of 30", ex.Message);
        Assert.Contains("31", ex.Message);
        Assert.Throws<ArgumentException>(() => net.Forward(ReadOnlySpan<float>.Empty, Span<float>.Empty));

        ex = Assert.Throws<ArgumentException>(() => net.Forward(new float[60], new float[1]));
        Assert.Equal("outputs", ex.ParamName);
        Assert.Contains("Expected length 2 (2 examples × 1)", ex.Message);
        Assert.Contains("is 1", ex.Message);

        ex = Assert.Throws<ArgumentException>(() => net.ComputeGradients(new float[60], new float[3], new float[CancerNet.ParameterCount]));
        Assert.Equal("targets", ex.ParamName);
        Assert.Contains("Expected length 2", ex.Message);

        ex = Assert.Throws<ArgumentException>(() => net.ComputeGradients(new float[60], new float[2], new float[640]));
        Assert.Equal("gradients", ex.ParamName);
        Assert.Contains("Expected length 641 (ParameterCount) but the length is 640", ex.Message);

        ex = Assert.Throws<ArgumentException>(() => net.Predict(new float[29], new float[1]));
        Assert.Equal("input", ex.ParamName);
        ex = Assert.Throws<ArgumentException>(() => net.ComputeGradients(new float[60], new float[2], new float[641], new CancerNet.Cache(1)));
        Assert.Contains("at most 1", ex.Message);
        Assert.Throws<InvalidOperationException>(() => net.Backward(new CancerNet.Cache(4), new float[1], new float[641]));
    }
#pragma warning restore NG0020, NG0021, NG0022, NG0023

    [Fact]
    public void ForwardWithCacheThenBackwardEqualsComputeGradients()
    {
        var net = new MnistNet(5);
        var (x, y) = GradientCheck.GradientCheckTests.Batch(net, Loss.CrossEntropy, 7, seed: 3);
        var expected = new float[MnistNet.ParameterCount];
        float expectedCost = net.ComputeGradients(x, y, expected);

        var cache = new MnistNet.Cache(16);
        var outputs = new float[7 * 10];
        net.Forward(x, outputs, cache);
        Assert.Equal(7, cache.BatchSize);
        Assert.Equal(x, cache.A0.ToArray());
        Assert.Equal(outputs, cache.A3.ToArray());
        Assert.Equal(7 * 128, cache.Z1.Length);
        var gradients = new float[MnistNet.ParameterCount];
        Assert.Equal(expectedCost, net.Backward(cache, y, gradients));
        Assert.Equal(expected, gradients);
        Assert.Equal(expectedCost, net.Cost(x, y));

        var plain = new float[7 * 10];
        net.Forward(x, plain);
        Assert.Equal(outputs, plain);
    }

    [Fact]
    public void ForwardChunksLargeBatchesWithoutChangingResults()
    {
        // m = 150 crosses the 64-example chunks of the stack-allocated Forward.
        var net = new MnistNet(2);
        var (x, _) = GradientCheck.GradientCheckTests.Batch(net, Loss.CrossEntropy, 150, seed: 8);
        var all = new float[150 * 10];
        net.Forward(x, all);
        var one = new float[10];
        for (int i = 0; i < 150; i += 7)
        {
            net.Forward(x.AsSpan(i * 784, 784), one);
            for (int k = 0; k < 10; k++) Assert.Equal(all[i * 10 + k], one[k], 5);
        }
    }

    [Fact]
    public void ForwardWithPooledBuffersForAVeryWideLayerMatchesTheReference()
    {
        var net = new WideNet(3);
        var (x, _) = GradientCheck.GradientCheckTests.Batch(net, Loss.MeanSquaredError, 5, seed: 2);
        var outputs = new float[5 * 2];
        net.Forward(x, outputs);
        double[] p = net.Parameters.ToArray().Select(v => (double)v).ToArray();
        for (int i = 0; i < 5; i++)
        {
            double[] expected = ReferenceNetwork.Forward(net, p, x.Skip(i * 3).Take(3).Select(v => (double)v).ToArray(), out _);
            for (int k = 0; k < 2; k++)
                Assert.True(Math.Abs(outputs[i * 2 + k] - expected[k]) <= 1e-4 * (1 + Math.Abs(expected[k])), $"example {i} output {k}: {outputs[i * 2 + k]} vs {expected[k]}");
        }
    }

    [Fact]
    public void ForwardIsSafeFromManyThreadsOnOneNetwork()
    {
        var net = new MnistNet(4);
        const int m = 9;
        var inputs = Enumerable.Range(0, 8).Select(t => GradientCheck.GradientCheckTests.Batch(net, Loss.CrossEntropy, m, seed: 100 + t).X).ToArray();
        var expected = inputs.Select(x => { var o = new float[m * 10]; net.Forward(x, o); return o; }).ToArray();
        int mismatches = 0;
        using var start = new Barrier(4);
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, t =>
        {
            var o = new float[m * 10];
            start.SignalAndWait();
            for (int r = 0; r < 300; r++)
            {
                int which = (t + r) % inputs.Length;
                net.Forward(inputs[which], o);
                if (!o.AsSpan().SequenceEqual(expected[which])) Interlocked.Increment(ref mismatches);
            }
        });
        Assert.Equal(0, mismatches);
    }

    [Fact]
    public void SteadyStateForwardTrainingStepAndAccuracyAllocateNothing()
    {
        var net = new MnistNet(1);
        var (x, y) = GradientCheck.GradientCheckTests.Batch(net, Loss.CrossEntropy, 100, seed: 1);
        var outputs = new float[100 * 10];
        var trainer = net.CreateTrainer(new Adam(1e-3f, weightDecay: 1e-4f));
        var momentum = new Momentum(0.01f);
        var gradients = new float[MnistNet.ParameterCount];
        var typedInput = MnistNet.Input.From(x.AsSpan(0, 784));
        void Work()
        {
            net.Forward(x, outputs);
            net.Forward(x.AsSpan(0, 784), outputs.AsSpan(0, 10));
            trainer.Step(x.AsSpan(0, 32 * 784), y.AsSpan(0, 320));
            net.ComputeGradients(x, y, gradients);
            momentum.Step(net.Parameters, gradients);
            net.Accuracy(x, y);
            net.PredictClass(x.AsSpan(0, 784));
            net.PredictClass(typedInput);
            net.Cost(x, y);
        }
        Work();
        Work();
        SteadyAllocations.AssertNone(Work);
    }

    [Fact]
    public void ParametersStartOnACacheLineAndStayThere()
    {
        // The kernels' 16-lane loads of W1's rows never straddle two cache lines (ParameterStorage): the buffer is
        // pinned, so a collection that compacts the heap does not move it off the boundary.
        INetwork[] networks = [new MnistNet(1), new CancerNet(2), new MnistNet(3)];
        for (int round = 0; round < 2; round++)
        {
            foreach (var net in networks)
                Assert.Equal(0u, Address(net.Parameters) % 64);
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        }

        static unsafe nuint Address(Span<float> span) =>
            (nuint)System.Runtime.CompilerServices.Unsafe.AsPointer(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(span));
    }
}
