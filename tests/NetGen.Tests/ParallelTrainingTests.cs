using System;
using System.Linq;
using NetGen.Tests.GradientCheck;

namespace NetGen.Tests;

/// <summary>Steps split across threads: same gradients as one thread (to rounding), repeatable bits, the thresholds, bad input.</summary>
public class ParallelTrainingTests
{
    [Theory]
    [InlineData(128)]
    [InlineData(129)] // parts of 65 and 64 examples
    [InlineData(200)] // three threads: 67, 67, 66
    public void SplitStepMatchesTheOneThreadStepToRounding(int m)
    {
        var (x, y) = GradientCheckTests.Batch(new MnistNet(1), Loss.CrossEntropy, m, seed: m);
        var single = new Trainer(new MnistNet(1), new GradientDescent(0.1f));
        var split = new Trainer(new MnistNet(1), new GradientDescent(0.1f), threads: 3);

        float expectedCost = single.Step(x, y);
        float cost = split.Step(x, y);

        Assert.Equal(1, single.LastStepThreads);
        Assert.Equal(Math.Min(3, m / Trainer.MinExamplesPerThread), split.LastStepThreads);
        Assert.Equal(expectedCost, cost, 1e-5 * expectedCost);
        float largest = single.Gradients.ToArray().Max(MathF.Abs);
        for (int k = 0; k < MnistNet.ParameterCount; k++)
            Assert.True(MathF.Abs(split.Gradients[k] - single.Gradients[k]) <= 1e-5f * largest,
                $"gradient {k}: {split.Gradients[k]:R} on threads vs {single.Gradients[k]:R} on one thread");
    }

    public static TheoryData<string> Optimizers() => ["GradientDescent", "Momentum", "Adam", "Custom"];

    private static Optimizer Create(string name) => name switch
    {
        "GradientDescent" => new GradientDescent(0.05f, weightDecay: 1e-3f),
        "Momentum" => new Momentum(0.05f, 0.9f, weightDecay: 1e-3f),
        "Adam" => new Adam(1e-3f, weightDecay: 1e-3f),
        _ => new HalvingSteps(),
    };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void SplitStepsUpdateTheParametersAsOneThreadDoes(string optimizer)
    {
        // Three steps, so Momentum's velocity and Adam's moments (updated slice by slice on two threads) carry over.
        var one = new MnistNet(5);
        var two = new MnistNet(5);
        var single = one.CreateTrainer(Create(optimizer));
        var split = two.CreateTrainer(Create(optimizer), threads: 2);
        for (int step = 0; step < 3; step++)
        {
            var (x, y) = GradientCheckTests.Batch(one, Loss.CrossEntropy, 160, seed: 20 + step);
            single.Step(x, y);
            split.Step(x, y);
            Assert.Equal(2, split.LastStepThreads);
        }
        var expected = one.Parameters.ToArray();
        var actual = two.Parameters.ToArray();
        for (int k = 0; k < expected.Length; k++)
            Assert.True(MathF.Abs(actual[k] - expected[k]) <= 1e-5f * (1 + MathF.Abs(expected[k])),
                $"{optimizer}: parameter {k} is {actual[k]:R} after split steps, {expected[k]:R} after one-thread steps");
        Assert.False(expected.AsSpan().SequenceEqual(new MnistNet(5).Parameters), "the steps should change the parameters");
    }

    /// <summary>An optimiser written outside NetGen, without slice updates: a split step updates on one thread.</summary>
    private sealed class HalvingSteps() : Optimizer(0.05f, 0f)
    {
        protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients)
        {
            float rate = LearningRate / Steps;
            for (int k = 0; k < parameters.Length; k++) parameters[k] -= rate * gradients[k];
        }
    }

    [Fact]
    public void SplitTrainingRepeatsBitForBit()
    {
        static (float[] Parameters, float[] Losses) Train()
        {
            var net = new MnistNet(7);
            var (x, y) = GradientCheckTests.Batch(net, Loss.CrossEntropy, 512, seed: 3);
            var reports = net.Fit(x, y, new Adam(0.001f), epochs: 3, batchSize: 128, seed: 11, threads: 2);
            return (net.Parameters.ToArray(), reports.Select(r => r.Loss).ToArray());
        }
        var first = Train();
        var second = Train();
        Assert.True(first.Parameters.AsSpan().SequenceEqual(second.Parameters));
        Assert.Equal(first.Losses, second.Losses);
        Assert.True(first.Losses[^1] < first.Losses[0], "training should reduce the loss");
    }

    [Fact]
    public void StepsTooSmallToPayForTheHandOffStayOnOneThread()
    {
        // CancerNet (30-16-8-1) does ~3.7 kFLOP per example: 256 examples are far below the work threshold.
        var cancer = new CancerNet(1);
        var (cx, cy) = GradientCheckTests.Batch(cancer, Loss.BinaryCrossEntropy, 256, seed: 1);
        var trainer = cancer.CreateTrainer(new GradientDescent(0.1f), threads: 2);
        trainer.Step(cx, cy);
        Assert.Equal(1, trainer.LastStepThreads);

        // MnistNet has the work, but 127 examples cannot give two threads 64 each.
        var mnist = new MnistNet(1);
        var (mx, my) = GradientCheckTests.Batch(mnist, Loss.CrossEntropy, 127, seed: 1);
        var mnistTrainer = mnist.CreateTrainer(new GradientDescent(0.1f), threads: 2);
        mnistTrainer.Step(mx, my);
        Assert.Equal(1, mnistTrainer.LastStepThreads);
        var (bx, by) = GradientCheckTests.Batch(mnist, Loss.CrossEntropy, 128, seed: 1);
        mnistTrainer.Step(bx, by);
        Assert.Equal(2, mnistTrainer.LastStepThreads);
    }

    [Fact]
    public void SplitStepRejectsBadTargetsAndLeavesTheParametersAlone()
    {
        var net = new MnistNet(1);
        var (x, y) = GradientCheckTests.Batch(net, Loss.CrossEntropy, 128, seed: 2);
        var before = net.Parameters.ToArray();
        var trainer = net.CreateTrainer(new GradientDescent(0.1f), threads: 2);

        var error = Assert.Throws<ArgumentException>(() => trainer.Step(x, y.AsSpan(0, y.Length - 10)));
        Assert.Equal("targets", error.ParamName);
        Assert.Contains("128 examples × 10", error.Message);
        Assert.True(before.AsSpan().SequenceEqual(net.Parameters));
        Assert.Throws<ArgumentOutOfRangeException>(() => net.CreateTrainer(new GradientDescent(0.1f), threads: 0));
    }

    [Fact]
    public void ACacheFromAnotherNetworkTypeIsRejected()
    {
        INetwork mnist = new MnistNet(1), cancer = new CancerNet(1);
        var (x, y) = GradientCheckTests.Batch(mnist, Loss.CrossEntropy, 2, seed: 2);
        var error = Assert.Throws<ArgumentException>(() => mnist.ComputeGradients(x, y, new float[MnistNet.ParameterCount], cancer.CreateCache(2)));
        Assert.Equal("cache", error.ParamName);
        Assert.Contains("CancerNet+Cache", error.Message);

        // Its own cache works and gives the network's own gradients.
        var own = new float[MnistNet.ParameterCount];
        var expected = new float[MnistNet.ParameterCount];
        Assert.Equal(mnist.ComputeGradients(x, y, expected), mnist.ComputeGradients(x, y, own, mnist.CreateCache(2)));
        Assert.True(expected.AsSpan().SequenceEqual(own));
    }

    [Fact]
    public void SplitStepsAllocateNothingOnceWarm()
    {
        var net = new MnistNet(1);
        var (x, y) = GradientCheckTests.Batch(net, Loss.CrossEntropy, 128, seed: 4);
        var trainer = net.CreateTrainer(new GradientDescent(0.01f), threads: 2);
        for (int i = 0; i < 20; i++) trainer.Step(x, y);
        SteadyAllocations.AssertNone(() => trainer.Step(x, y), perWindow: 25);
        Assert.Equal(2, trainer.LastStepThreads);
    }

    /// <summary>Plain gradient descent that records which thread updated each slice.</summary>
    private sealed class RecordingThreads() : Optimizer(0.01f, 0f)
    {
        public System.Collections.Concurrent.ConcurrentQueue<(string? Name, bool PoolThread)> Threads { get; } = new();

        protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients) => UpdateSlice(parameters, gradients, 0, parameters.Length);

        protected override bool CanUpdateSlices => true;

        protected override void UpdateSlice(Span<float> parameters, ReadOnlySpan<float> gradients, int offset, int total)
        {
            Threads.Enqueue((System.Threading.Thread.CurrentThread.Name, System.Threading.Thread.CurrentThread.IsThreadPoolThread));
            for (int k = 0; k < parameters.Length; k++) parameters[k] -= LearningRate * gradients[k];
        }
    }

    [Fact]
    public void SplitStepsRunOnNetGenWorkersNotOnTheThreadPool()
    {
        // A piece queued on the .NET pool waits behind the application's own work items; NetGen's workers do not.
        var net = new MnistNet(1);
        var (x, y) = GradientCheckTests.Batch(net, Loss.CrossEntropy, 128, seed: 6);
        var optimizer = new RecordingThreads();
        var trainer = net.CreateTrainer(optimizer, threads: 2);
        trainer.Step(x, y);
        Assert.Equal(2, trainer.LastStepThreads);
        var slices = optimizer.Threads.ToArray();
        Assert.Equal(2, slices.Length);
        Assert.Contains(slices, t => t.Name == "NetGen worker 1" && !t.PoolThread);
    }

    [Fact]
    public void TrainersSteppingAtOnceShareTheWorkersAndGetTheirOwnResults()
    {
        // Two split trainers on two threads at once queue their pieces on the same worker; each must still get exactly
        // what it gets alone.
        static float[] Train(int seed)
        {
            var net = new MnistNet(seed);
            var trainer = net.CreateTrainer(new Momentum(0.05f, 0.9f), threads: 2);
            for (int step = 0; step < 6; step++)
            {
                var (x, y) = GradientCheckTests.Batch(net, Loss.CrossEntropy, 128, seed: seed * 10 + step);
                trainer.Step(x, y);
                Assert.Equal(2, trainer.LastStepThreads);
            }
            return net.Parameters.ToArray();
        }
        float[] aloneA = Train(21), aloneB = Train(22);
        float[]? togetherA = null, togetherB = null;
        var threadA = new System.Threading.Thread(() => togetherA = Train(21));
        var threadB = new System.Threading.Thread(() => togetherB = Train(22));
        threadA.Start(); threadB.Start();
        threadA.Join(); threadB.Join();
        Assert.True(aloneA.AsSpan().SequenceEqual(togetherA), "trainer A differs when B runs at the same time");
        Assert.True(aloneB.AsSpan().SequenceEqual(togetherB), "trainer B differs when A runs at the same time");
    }

    /// <summary>Gradient descent whose sliced update first runs a split step of another trainer (from a worker thread).</summary>
    private sealed class NestedSplitStep(Trainer inner, float[] x, float[] y) : Optimizer(0.01f, 0f)
    {
        public int InnerSteps;

        protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients) => UpdateSlice(parameters, gradients, 0, parameters.Length);

        protected override bool CanUpdateSlices => true;

        protected override void UpdateSlice(Span<float> parameters, ReadOnlySpan<float> gradients, int offset, int total)
        {
            if (System.Threading.Thread.CurrentThread.Name == "NetGen worker 1")
            {
                inner.Step(x, y);
                System.Threading.Interlocked.Increment(ref InnerSteps);
            }
            for (int k = 0; k < parameters.Length; k++) parameters[k] -= LearningRate * gradients[k];
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task ASplitStepStartedOnAWorkerRunsInsteadOfWaitingForItself()
    {
        // Queued on the worker that runs it, the nested step's piece would wait behind the piece waiting for it.
        var (x, y) = GradientCheckTests.Batch(new MnistNet(1), Loss.CrossEntropy, 128, seed: 8);
        var inner = new MnistNet(2).CreateTrainer(new GradientDescent(0.01f), threads: 2);
        var optimizer = new NestedSplitStep(inner, x, y);
        var outer = new MnistNet(3).CreateTrainer(optimizer, threads: 2);
        var run = System.Threading.Tasks.Task.Run(() => outer.Step(x, y));
        var finished = await System.Threading.Tasks.Task.WhenAny(run, System.Threading.Tasks.Task.Delay(TimeSpan.FromSeconds(60)));
        Assert.True(finished == run, "a split step started on a worker thread deadlocked");
        await run;
        Assert.Equal(1, optimizer.InnerSteps);
        Assert.Equal(2, inner.LastStepThreads);
    }
}
