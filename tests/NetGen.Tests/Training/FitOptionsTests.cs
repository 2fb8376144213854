using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Tests.GradientCheck;

namespace NetGen.Tests.Training;

/// <summary>
/// Fit's validation figures, training accuracy, early stopping and learning-rate schedules, each against what it
/// promises: the network's own Cost/Accuracy at the end of the epoch, the best epoch's parameters bit for bit, the closed
/// form of each schedule at every step.
/// </summary>
public sealed class FitOptionsTests
{
    /// <summary>An optimiser that changes nothing and records the rate of every step (the loss then stays put).</summary>
    private sealed class RecordingOptimizer(float learningRate) : Optimizer(learningRate, 0f)
    {
        public List<float> Rates { get; } = [];

        protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients) => Rates.Add(LearningRate);
    }

    private static (float[] X, float[] Y) Data(INetwork net, Loss loss, int m, int seed) => GradientCheckTests.Batch(net, loss, m, seed);

    /// <summary>The same examples with every one-hot label moved to the next class: the better the fit, the worse this loss.</summary>
    private static float[] Flipped(float[] y, int classes)
    {
        var flipped = new float[y.Length];
        for (int i = 0; i < y.Length / classes; i++)
        {
            int label = Metrics.ArgMax(y.AsSpan(i * classes, classes));
            flipped[i * classes + (label + 1) % classes] = 1f;
        }
        return flipped;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ValidationFiguresAreCostAndAccuracyAtTheEndOfEachEpoch(int threads)
    {
        var net = new MnistNet(3);
        var (x, y) = Data(net, Loss.CrossEntropy, 512, seed: 1);
        // A part of the training set, so that training visibly lowers its loss (random labels elsewhere would not).
        float[] xv = x[..(100 * MnistNet.InputSize)], yv = y[..(100 * MnistNet.OutputSize)];
        var expected = new List<(float Loss, float Accuracy)>();
        var reports = net.Fit(x, y, new Adam(0.002f), epochs: 4, batchSize: 128, seed: 5, threads: threads,
            progress: new SynchronousProgress<EpochReport>(_ => expected.Add((net.Cost(xv, yv), net.Accuracy(xv, yv)))),
            validationInputs: xv, validationTargets: yv);
        Assert.Equal(4, reports.Length);
        for (int e = 0; e < reports.Length; e++)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(expected[e].Loss), BitConverter.SingleToInt32Bits(reports[e].ValidationLoss));
            Assert.Equal(expected[e].Accuracy, reports[e].ValidationAccuracy);
            Assert.Equal(0.002f, reports[e].LearningRate);
        }
        Assert.True(reports[^1].ValidationLoss < reports[0].ValidationLoss, "training on these examples should lower their loss");
    }

    [Fact]
    public void WithoutValidationDataTheValidationFiguresAreNaN()
    {
        var net = new CancerNet(1);
        var (x, y) = Data(net, Loss.BinaryCrossEntropy, 40, seed: 1);
        var report = net.Fit(x, y, new GradientDescent(0.1f), epochs: 1, batchSize: 8).Single();
        Assert.True(float.IsNaN(report.ValidationLoss));
        Assert.True(float.IsNaN(report.ValidationAccuracy));
        Assert.InRange(report.Accuracy, 0f, 1f);
    }

    [Fact]
    public void ARegressionNetworkHasNoAccuracy()
    {
        var net = new RegressionNet(1);
        var (x, y) = Data(net, Loss.MeanSquaredError, 30, seed: 1);
        var report = net.Fit(x, y, new GradientDescent(0.05f), epochs: 1, batchSize: 10, validationInputs: x, validationTargets: y).Single();
        Assert.True(float.IsNaN(report.Accuracy));
        Assert.True(float.IsNaN(report.ValidationAccuracy));
        Assert.Equal(BitConverter.SingleToInt32Bits(net.Cost(x, y)), BitConverter.SingleToInt32Bits(report.ValidationLoss));
    }

    [Theory]
    [InlineData(1, 200)]  // one step per epoch: each epoch's accuracy is Accuracy(x, y) with the parameters before it
    [InlineData(2, 256)]  // the same on two threads (256 examples: two parts of 128)
    public void TrainingAccuracyCountsEachExampleWithTheParametersOfItsStep(int threads, int n)
    {
        var net = new MnistNet(9);
        var (x, y) = Data(net, Loss.CrossEntropy, n, seed: 4);
        var trainer = net.CreateTrainer(new Adam(0.003f), threads);
        for (int epoch = 0; epoch < 3; epoch++)
        {
            float before = net.Accuracy(x, y);
            var report = trainer.Fit(x, y, epochs: 1, batchSize: n, seed: epoch).Single();
            Assert.Equal(threads, trainer.LastStepThreads);
            Assert.Equal(before, report.Accuracy);
        }
    }

    [Fact]
    public void EarlyStoppingEndsAtTheStopAndRestoresTheBestEpochBitForBit()
    {
        var net = new DigitsNet(2);
        var (x, y) = Data(net, Loss.CrossEntropy, 200, seed: 3);
        float[] yv = Flipped(y, 10);
        var snapshots = new List<float[]>();
        const int patience = 3;
        var reports = net.Fit(x, y, new Adam(0.01f), epochs: 50, batchSize: 20, seed: 1,
            progress: new SynchronousProgress<EpochReport>(_ => snapshots.Add(net.Parameters.ToArray())),
            validationInputs: x, validationTargets: yv, earlyStopping: new EarlyStopping(patience));

        Assert.True(reports.Length < 50, "the flipped labels' loss rises as the fit improves, so training stops early");
        int best = Array.FindLastIndex(reports, r => r.IsBest);
        Assert.Equal(best + 1 + patience, reports.Length);
        float bestLoss = reports.Take(best).Select(r => r.ValidationLoss).DefaultIfEmpty(float.PositiveInfinity).Min();
        Assert.True(reports[best].ValidationLoss < bestLoss);
        Assert.All(reports.Skip(best + 1), r => Assert.True(r.ValidationLoss >= reports[best].ValidationLoss));
        Assert.True(snapshots[best].AsSpan().SequenceEqual(net.Parameters), "the parameters are the best epoch's");
        Assert.False(snapshots[^1].AsSpan().SequenceEqual(net.Parameters), "the last epoch's parameters differ from the best's");
    }

    [Fact]
    public void WithoutRestoreBestTheLastEpochsParametersStay()
    {
        var net = new DigitsNet(2);
        var (x, y) = Data(net, Loss.CrossEntropy, 200, seed: 3);
        float[] last = [];
        var reports = net.Fit(x, y, new Adam(0.01f), epochs: 50, batchSize: 20, seed: 1,
            progress: new SynchronousProgress<EpochReport>(_ => last = net.Parameters.ToArray()),
            validationInputs: x, validationTargets: Flipped(y, 10), earlyStopping: new EarlyStopping(3, restoreBest: false));
        Assert.True(reports.Length < 50);
        Assert.True(last.AsSpan().SequenceEqual(net.Parameters));
    }

    [Fact]
    public void WithoutValidationEarlyStoppingWatchesTheTrainingLossAndMinDelta()
    {
        // No epoch can improve by 1e30: the first is the best, and training stops patience epochs later.
        var net = new CancerNet(4);
        var (x, y) = Data(net, Loss.BinaryCrossEntropy, 64, seed: 2);
        var reports = net.Fit(x, y, new Adam(0.01f), epochs: 20, batchSize: 16, earlyStopping: new EarlyStopping(patience: 2, minDelta: 1e30f));
        Assert.Equal(3, reports.Length);
        Assert.Equal([true, false, false], reports.Select(r => r.IsBest));

        // With minDelta 0 and a falling training loss, every epoch is the best and nothing stops.
        var steady = new CancerNet(4).Fit(x, y, new Adam(0.01f), epochs: 5, batchSize: 64, earlyStopping: new EarlyStopping(patience: 1));
        Assert.Equal(5, steady.Length);
        Assert.All(steady, r => Assert.True(r.IsBest));
    }

    [Fact]
    public void TheSameSeedGivesTheSameRunHistoryIncluded()
    {
        (float[] Parameters, EpochReport[] Reports) Run()
        {
            var net = new DigitsNet(5);
            var (x, y) = Data(net, Loss.CrossEntropy, 150, seed: 6);
            var (xv, yv) = Data(net, Loss.CrossEntropy, 40, seed: 7);
            var reports = net.Fit(x, y, new Momentum(0.05f), epochs: 12, batchSize: 16, seed: 3, validationInputs: xv, validationTargets: yv,
                earlyStopping: new EarlyStopping(2), schedule: LearningRateSchedule.CosineWithWarmup(5, 80));
            return (net.Parameters.ToArray(), reports.Select(r => r with { Elapsed = default }).ToArray());
        }
        var a = Run();
        var b = Run();
        Assert.True(a.Parameters.AsSpan().SequenceEqual(b.Parameters));
        Assert.Equal(a.Reports, b.Reports);
    }

    [Fact]
    public void BatchProgressReportsEveryStepAndEndsAtTheEpochsLoss()
    {
        var net = new CancerNet(6);
        var (x, y) = Data(net, Loss.BinaryCrossEntropy, 50, seed: 3);
        var batches = new List<BatchReport>();
        var reports = net.Fit(x, y, new Adam(0.01f), epochs: 2, batchSize: 20, batchProgress: new SynchronousProgress<BatchReport>(batches.Add));
        Assert.Equal(6, batches.Count); // 20 + 20 + 10, twice
        Assert.Equal([1, 2, 3, 1, 2, 3], batches.Select(b => b.Batch));
        Assert.Equal([20, 40, 50, 20, 40, 50], batches.Select(b => b.Examples));
        Assert.All(batches, b => Assert.Equal((3, 50, 2), (b.Batches, b.EpochExamples, b.Epochs)));
        Assert.Equal([1, 1, 1, 2, 2, 2], batches.Select(b => b.Epoch));
        Assert.Equal(reports[0].Loss, batches[2].Loss);
        Assert.Equal(reports[1].Loss, batches[5].Loss);
        Assert.Equal(TimeSpan.Zero, batches[2].Remaining);
        Assert.All(batches, b => Assert.True(b.ExamplesPerSecond >= 0 && b.Elapsed >= TimeSpan.Zero));
    }

    // ---- schedules: the rate of every step against the closed form ----

    private static List<float> RatesOf(LearningRateSchedule schedule, int epochs, int n = 40, int batchSize = 10, float baseRate = 0.1f)
    {
        var net = new CancerNet(1);
        var (x, y) = Data(net, Loss.BinaryCrossEntropy, n, seed: 1);
        var optimizer = new RecordingOptimizer(baseRate);
        var reports = net.CreateTrainer(optimizer).Fit(x, y, epochs, batchSize, shuffle: false, schedule: schedule);
        Assert.Equal(baseRate, optimizer.LearningRate); // Fit puts the optimiser's own rate back
        int perEpoch = (n + batchSize - 1) / batchSize;
        for (int e = 0; e < reports.Length; e++) Assert.Equal(optimizer.Rates[(e + 1) * perEpoch - 1], reports[e].LearningRate);
        return optimizer.Rates;
    }

    [Fact]
    public void WithoutAScheduleFitLeavesTheRateAsTheProgressHandlerSetIt()
    {
        var net = new CancerNet(1);
        var (x, y) = Data(net, Loss.BinaryCrossEntropy, 20, seed: 1);
        var optimizer = new Adam(0.01f);
        var reports = net.Fit(x, y, optimizer, epochs: 3, batchSize: 10,
            progress: new SynchronousProgress<EpochReport>(r => optimizer.LearningRate = 0.01f / (r.Epoch + 1)));
        Assert.Equal([0.01f, 0.005f, 0.01f / 3], reports.Select(r => r.LearningRate));
        Assert.Equal(0.01f / 4, optimizer.LearningRate);
    }

    [Fact]
    public void StepDecayAndExponentialAreClosedFormsPerEpoch()
    {
        var step = RatesOf(LearningRateSchedule.StepDecay(epochs: 3, gamma: 0.5f), epochs: 7);
        var exp = RatesOf(LearningRateSchedule.Exponential(0.9f), epochs: 7);
        var constant = RatesOf(LearningRateSchedule.Constant(), epochs: 3);
        for (int s = 0; s < step.Count; s++)
        {
            int epoch = s / 4;
            Assert.Equal((float)(0.1f * Math.Pow(0.5f, epoch / 3)), step[s]);
            Assert.Equal((float)(0.1f * Math.Pow(0.9f, epoch)), exp[s]);
        }
        Assert.All(constant, r => Assert.Equal(0.1f, r));
    }

    [Fact]
    public void CosineWithWarmupIsItsClosedFormAtEveryStep()
    {
        const int warmup = 5, total = 23;
        var rates = RatesOf(LearningRateSchedule.CosineWithWarmup(warmup, total, minRate: 0.01f), epochs: 7); // 28 steps
        Assert.Equal(28, rates.Count);
        for (int s = 0; s < rates.Count; s++)
        {
            double expected = s < warmup ? 0.1 * (s + 1) / warmup
                : s >= total ? 0.01
                : 0.01 + (0.1f - 0.01f) * 0.5 * (1 + Math.Cos(Math.PI * (s - warmup) / (total - warmup)));
            Assert.Equal((float)expected, rates[s], 6);
        }
        Assert.Equal(0.1f, rates[warmup], 6);      // the peak right after the warm-up
        Assert.Equal(0.01f, rates[^1]);            // the floor after the total
    }

    [Fact]
    public void ReduceOnPlateauCutsTheRateAfterPatienceEpochsWithoutImprovement()
    {
        // The recording optimiser changes nothing and the order is fixed, so the training loss is the same every epoch:
        // epoch 0 is the best, epochs 1 … 3 are bad (3 > patience 2 at epoch 3), so epoch 4 runs at 0.05, and so on.
        var rates = RatesOf(LearningRateSchedule.ReduceOnPlateau(factor: 0.5f, patience: 2, minRate: 0.02f), epochs: 12, n: 10);
        float[] expected = [0.1f, 0.1f, 0.1f, 0.1f, 0.05f, 0.05f, 0.05f, 0.025f, 0.025f, 0.025f, 0.02f, 0.02f];
        Assert.Equal(expected, rates);
    }

    [Fact]
    public void SchedulesWorkWithEveryOptimiserAndThreads()
    {
        foreach (Optimizer optimizer in new Optimizer[] { new GradientDescent(0.05f), new Momentum(0.05f), new Adam(0.005f) })
        {
            var net = new MnistNet(2);
            var (x, y) = Data(net, Loss.CrossEntropy, 256, seed: 8);
            var reports = net.Fit(x, y, optimizer, epochs: 3, batchSize: 256, threads: 2, schedule: LearningRateSchedule.Exponential(0.5f));
            Assert.Equal(optimizer.LearningRate * 0.25f, reports[2].LearningRate);
            Assert.True(reports[2].Loss < reports[0].Loss, $"{optimizer.GetType().Name} should still train");
        }
    }

    // ---- bad arguments: a clear ArgumentException naming the argument, before any parameter changes ----

    [Fact]
    public void BadValidationSetsAreRefusedBeforeAnythingChanges()
    {
        var net = new CancerNet(1);
        var (x, y) = Data(net, Loss.BinaryCrossEntropy, 20, seed: 1);
        float[] before = net.Parameters.ToArray();
        var optimizer = new Adam(0.01f);
        // Lengths the compiler cannot see (constant ones are NG0020/NG0021 errors at build time).
        static float[] Zeros(int n) => new float[n];

        var e1 = Assert.Throws<ArgumentException>(() => net.Fit(x, y, optimizer, epochs: 2, validationInputs: Zeros(31), validationTargets: Zeros(1)));
        Assert.Equal("validationInputs", e1.ParamName);
        var e2 = Assert.Throws<ArgumentException>(() => net.Fit(x, y, optimizer, epochs: 2, validationInputs: Zeros(60), validationTargets: Zeros(3)));
        Assert.Equal("validationTargets", e2.ParamName);
        Assert.Contains("2", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(() => net.Fit(x, y, optimizer, epochs: 2, validationTargets: Zeros(2)));
        Assert.Equal("validationInputs", e3.ParamName);
        Assert.Contains("give both or neither", e3.Message);
        var e4 = Assert.Throws<ArgumentException>(() => net.Fit(x, y, optimizer, epochs: 2, validationInputs: Zeros(60)));
        Assert.Equal("validationTargets", e4.ParamName);

        Assert.True(before.AsSpan().SequenceEqual(net.Parameters));
        Assert.Equal(0, optimizer.Steps);
    }

    [Fact]
    public void BadSettingsNameTheirArgument()
    {
        Assert.Equal("patience", Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping(0)).ParamName);
        Assert.Equal("minDelta", Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping(1, minDelta: -1f)).ParamName);
        Assert.Equal("minDelta", Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping(1, minDelta: float.NaN)).ParamName);
        Assert.Equal("epochs", Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.StepDecay(0, 0.5f)).ParamName);
        Assert.Equal("gamma", Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.StepDecay(2, -0.5f)).ParamName);
        Assert.Equal("gamma", Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Exponential(1.5f)).ParamName);
        Assert.Equal("warmupSteps", Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.CosineWithWarmup(-1, 10)).ParamName);
        Assert.Equal("totalSteps", Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.CosineWithWarmup(10, 10)).ParamName);
        Assert.Equal("minRate", Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.CosineWithWarmup(0, 10, -0.1f)).ParamName);
        Assert.Equal("factor", Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.ReduceOnPlateau(factor: 1f)).ParamName);
        Assert.Equal("patience", Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.ReduceOnPlateau(patience: -1)).ParamName);
        Assert.Equal("minRate", Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.ReduceOnPlateau(minRate: float.PositiveInfinity)).ParamName);
    }
}

/// <summary>The counting ComputeGradients (lanes pass or cache pass) against Forward and Metrics.CountCorrect.</summary>
public sealed class CountingGradientsTests
{
    public static IEnumerable<object[]> Cases()
    {
        var networks = GradientCheckNetworks.Create(1);
        for (int i = 0; i < networks.Length; i++)
            foreach (int m in new[] { 1, 7, 8, 9, 24 })
                yield return [networks[i].Network.GetType().Name, i, m];
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void CountsWhatForwardPredictsAndLeavesTheGradientsAsTheyAre(string name, int index, int m)
    {
        var (net, loss) = GradientCheckNetworks.Create(seed: 21 + index)[index];
        Assert.Equal(name, net.GetType().Name);
        var (x, y) = GradientCheckTests.Batch(net, loss, m, seed: 5 * index + m);
        var outputs = new float[m * net.OutputSize];
        net.Forward(x, outputs);
        int expected = Metrics.CountCorrect(outputs, y, net.OutputSize);

        var plain = new float[net.ParameterCount];
        var counted = new float[net.ParameterCount];
        float cost = net.ComputeGradients(x, y, plain);
        float countedCost = net.ComputeGradients(x, y, counted, out int correct);
        Assert.Equal(expected, correct);
        Assert.Equal(BitConverter.SingleToInt32Bits(cost), BitConverter.SingleToInt32Bits(countedCost));
        Assert.True(plain.AsSpan().SequenceEqual(counted), "counting changes nothing of the gradients");
    }

    [Fact]
    public void CountCorrectChecksItsArguments()
    {
        Assert.Equal(2, Metrics.CountCorrect([0.9f, 0.1f, 0.2f, 0.8f, 0.5f, 0.5f], [1f, 0f, 0f, 1f, 0f, 1f], 2)); // a tie picks class 0
        Assert.Equal("outputSize", Assert.Throws<ArgumentOutOfRangeException>(() => Metrics.CountCorrect([1f], [1f], 0)).ParamName);
        Assert.Equal("outputs", Assert.Throws<ArgumentException>(() => Metrics.CountCorrect([1f, 2f, 3f], [1f, 2f, 3f], 2)).ParamName);
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => Metrics.CountCorrect([1f, 2f], [1f], 2)).ParamName);
    }
}
