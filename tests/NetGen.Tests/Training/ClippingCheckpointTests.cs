using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using NetGen.Tests.GradientCheck;
using G2_Tanh_BceSigmoid = NetGen.Tests.GradientCheck.G2_Tanh_BceSigmoid;

namespace NetGen.Tests.Training;

/// <summary>Clipping by global norm against a double-precision reference; checkpoints; cancellation.</summary>
public sealed class ClippingCheckpointTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("netgen-fit-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static double Norm(float[] g) => Math.Sqrt(g.Sum(v => (double)v * v));

    [Theory]
    [InlineData("CancerNet", 0.5)]   // clipped, cache path
    [InlineData("CancerNet", 2.0)]   // below the limit: untouched
    [InlineData("Xor", 0.25)]        // clipped, lanes pass
    public void ClippingScalesTheGradientAsClipGradNorm(string name, double fraction)
    {
        INetwork Create() => name == "Xor" ? new G2_Tanh_BceSigmoid(3) : new CancerNet(3);
        var reference = Create();
        Loss loss = reference.Loss;
        var (x, y) = GradientCheckTests.Batch(reference, loss, 16, seed: 2);
        var g = new float[reference.ParameterCount];
        reference.ComputeGradients(x, y, g);
        double norm = Norm(g);
        float max = (float)(fraction * norm);
        double coefficient = Math.Min(1, max / (norm + 1e-6));

        var net = Create();
        float[] before = net.Parameters.ToArray();
        var trainer = new Trainer(net, new GradientDescent(0.1f)) { MaxGradientNorm = max };
        trainer.Step(x, y);
        Assert.True(Math.Abs(trainer.LastGradientNorm - norm) <= 1e-6 * norm, $"norm {trainer.LastGradientNorm} vs {norm}");
        for (int k = 0; k < g.Length; k++)
        {
            double expected = g[k] * coefficient;
            Assert.True(Math.Abs(trainer.Gradients[k] - expected) <= 1e-6 * (Math.Abs(expected) + 1e-9), $"gradient {k}: {trainer.Gradients[k]} vs {expected}");
            Assert.Equal(before[k] - 0.1f * trainer.Gradients[k], net.Parameters[k], 1e-7f); // the update may be fused
        }
        if (fraction >= 1) Assert.Equal(g, trainer.Gradients.ToArray()); // nothing scaled, bit for bit
        else Assert.True(Math.Abs(Norm(trainer.Gradients.ToArray()) - max) <= 1e-5 * max, "the clipped gradient has the largest norm allowed");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    [InlineData(1020)]
    public void AHugeGradientIsClippedWhereverItIs(int at)
    {
        // 3e19² overflows a float lane: the sum of squares must not become ∞ (which would zero every gradient).
        var g = Enumerable.Repeat(1f, 1021).ToArray();
        g[at] = 3e19f;
        var net = new FakeGradientNetwork(g);
        var trainer = new Trainer(net, new GradientDescent(1f)) { MaxGradientNorm = 1f };
        trainer.Step(new float[1], new float[1]);
        Assert.Equal(3e19, trainer.LastGradientNorm, 3e19 * 1e-6);
        Assert.Equal(1f, trainer.Gradients[at], 1e-5f);
        Assert.Equal(1f / 3e19f, trainer.Gradients[at == 0 ? 1 : 0], 1e-25f);
    }

    /// <summary>A one-input network whose gradient is a given vector (to feed the clipping any values).</summary>
    private sealed class FakeGradientNetwork(float[] gradient) : INetwork
    {
        private readonly float[] _parameters = new float[gradient.Length];
        public int InputSize => 1;
        public int OutputSize => 1;
        public int ParameterCount => gradient.Length;
        public int LayerCount => 1;
        public Span<float> Parameters => _parameters;
        public Loss Loss => Loss.MeanSquaredError;
        public LayerShape GetLayerShape(int layer) => new(1, gradient.Length - 1, Activation.Identity, 0, gradient.Length - 1);
        public void Forward(ReadOnlySpan<float> inputs, Span<float> outputs) => outputs.Clear();
        public float Cost(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets) => 0f;
        public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradients)
        {
            gradient.CopyTo(gradients);
            return 0f;
        }
        public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradients, out int correct)
        {
            correct = 0;
            return ComputeGradients(inputs, targets, gradients);
        }
    }

    [Fact]
    public void ASplitClippedStepMatchesTheOneThreadStep()
    {
        var one = new MnistNet(4);
        var two = new MnistNet(4);
        var (x, y) = GradientCheckTests.Batch(one, Loss.CrossEntropy, 256, seed: 9);
        var t1 = new Trainer(one, new Adam(0.001f), threads: 1) { MaxGradientNorm = 0.05f };
        var t2 = new Trainer(two, new Adam(0.001f), threads: 2) { MaxGradientNorm = 0.05f };
        for (int s = 0; s < 3; s++)
        {
            t1.Step(x, y);
            t2.Step(x, y);
            Assert.Equal(2, t2.LastStepThreads);
            Assert.True(t1.LastGradientNorm > 0.05f, "the step must actually be clipped");
            Assert.True(Math.Abs(t1.LastGradientNorm - t2.LastGradientNorm) <= 1e-4 * t1.LastGradientNorm);
        }
        for (int k = 0; k < MnistNet.ParameterCount; k++)
            Assert.True(Math.Abs(one.Parameters[k] - two.Parameters[k]) <= 1e-5f * (1 + Math.Abs(one.Parameters[k])), $"parameter {k}");
    }

    [Fact]
    public void BadClippingLimitsAreRefusedBeforeAnythingChanges()
    {
        var net = new CancerNet(1);
        var (x, y) = GradientCheckTests.Batch(net, Loss.BinaryCrossEntropy, 8, seed: 1);
        float[] before = net.Parameters.ToArray();
        foreach (float bad in new[] { 0f, -1f, float.NaN, float.NegativeInfinity })
            Assert.Equal("maxGradientNorm", Assert.Throws<ArgumentOutOfRangeException>(() => net.Fit(x, y, new Adam(), epochs: 1, maxGradientNorm: bad)).ParamName);
        Assert.True(before.AsSpan().SequenceEqual(net.Parameters));
        Assert.True(float.IsNaN(new Trainer(net, new Adam()).LastGradientNorm));
    }

    [Fact]
    public void CheckpointsHoldTheBestParametersSoFar()
    {
        var net = new DigitsNet(2);
        var (x, y) = GradientCheckTests.Batch(net, Loss.CrossEntropy, 120, seed: 3);
        var (xv, yv) = GradientCheckTests.Batch(net, Loss.CrossEntropy, 40, seed: 4);
        string path = Path.Combine(_directory, "best.safetensors");
        float[]? best = null;
        int checkedEpochs = 0;
        var reports = net.Fit(x, y, new Adam(0.02f), epochs: 15, batchSize: 16, seed: 1, validationInputs: xv, validationTargets: yv,
            checkpointPath: path,
            progress: new SynchronousProgress<EpochReport>(r =>
            {
                if (r.IsBest) best = net.Parameters.ToArray();
                var saved = new DigitsNet(99);
                saved.LoadWeights(path);
                Assert.True(best!.AsSpan().SequenceEqual(saved.Parameters), $"epoch {r.Epoch}: the file holds the best parameters so far");
                checkedEpochs++;
            }));
        Assert.Equal(15, checkedEpochs);
        Assert.Contains(reports, r => !r.IsBest); // random validation labels: some epochs do not improve, and the file stays
        Assert.Equal(["best.safetensors"], Directory.GetFiles(_directory).Select(Path.GetFileName)); // no temporary file left
    }

    [Fact]
    public void ACheckpointPathThatCannotBeWrittenIsRefusedBeforeTraining()
    {
        var net = new CancerNet(1);
        var (x, y) = GradientCheckTests.Batch(net, Loss.BinaryCrossEntropy, 8, seed: 1);
        float[] before = net.Parameters.ToArray();
        var missing = Assert.Throws<ArgumentException>(() => net.Fit(x, y, new Adam(), epochs: 1, checkpointPath: Path.Combine(_directory, "no", "such.safetensors")));
        Assert.Equal("checkpointPath", missing.ParamName);
        Assert.Contains("does not exist", missing.Message);
        var directory = Assert.Throws<ArgumentException>(() => net.Fit(x, y, new Adam(), epochs: 1, checkpointPath: _directory));
        Assert.Contains("names a directory", directory.Message);
        Assert.Equal("checkpointPath", Assert.Throws<ArgumentException>(() => net.Fit(x, y, new Adam(), epochs: 1, checkpointPath: "")).ParamName);
        Assert.True(before.AsSpan().SequenceEqual(net.Parameters));
    }

    /// <summary>Plain gradient descent that cancels a token after its n-th update and keeps the parameters it left.</summary>
    private sealed class CancellingDescent(CancellationTokenSource source, int cancelAfter) : Optimizer(0.05f, 0f)
    {
        public float[] AtCancel { get; private set; } = [];

        protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients)
        {
            for (int k = 0; k < parameters.Length; k++) parameters[k] -= LearningRate * gradients[k];
            if (Steps == cancelAfter)
            {
                AtCancel = parameters.ToArray();
                source.Cancel();
            }
        }
    }

    [Fact]
    public void ACancelledFitReturnsTheHistorySoFarAndStopsAfterTheCurrentStep()
    {
        var net = new CancerNet(2);
        var (x, y) = GradientCheckTests.Batch(net, Loss.BinaryCrossEntropy, 40, seed: 5);
        using var source = new CancellationTokenSource();
        var optimizer = new CancellingDescent(source, cancelAfter: 11); // epochs of 4 steps: cancelled in the third
        var reports = net.Fit(x, y, optimizer, epochs: 10, batchSize: 10, cancellationToken: source.Token);
        Assert.Equal([1, 2], reports.Select(r => r.Epoch));
        Assert.Equal(11, optimizer.Steps);
        Assert.True(optimizer.AtCancel.AsSpan().SequenceEqual(net.Parameters), "the parameters are those of the last completed step");
    }

    [Fact]
    public void ACancelledFitWithRestoreBestEndsWithTheBestEpoch()
    {
        var net = new CancerNet(2);
        var (x, y) = GradientCheckTests.Batch(net, Loss.BinaryCrossEntropy, 40, seed: 5);
        using var source = new CancellationTokenSource();
        var snapshots = new List<float[]>();
        var reports = net.Fit(x, y, new CancellingDescent(source, cancelAfter: 11), epochs: 10, batchSize: 10, cancellationToken: source.Token,
            earlyStopping: new EarlyStopping(patience: 5), progress: new SynchronousProgress<EpochReport>(_ => snapshots.Add(net.Parameters.ToArray())));
        Assert.Equal(2, reports.Length);
        int best = Array.FindLastIndex(reports, r => r.IsBest);
        Assert.True(snapshots[best].AsSpan().SequenceEqual(net.Parameters));
    }
}
