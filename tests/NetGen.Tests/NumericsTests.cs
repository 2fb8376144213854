using System;
using System.Linq;

namespace NetGen.Tests;

/// <summary>Fused, numerically stable output gradients; deterministic training runs.</summary>
public class NumericsTests
{
    [Theory]
    [InlineData(100f, 0f)]
    [InlineData(-100f, 1f)]
    [InlineData(100f, 1f)]
    [InlineData(-100f, 0f)]
    public void SigmoidBinaryCrossEntropyStaysFiniteWhenTheOutputSaturates(float z, float target)
    {
        // |Z3| = 100: σ(Z3) is exactly 0 or 1 in float, so log(A) or log(1 − A) would be −∞.
        var net = new CancerNet(1);
        net.W3.Clear();
        net.b3[0] = z;
        var x = Enumerable.Range(0, 2 * 30).Select(i => (float)Math.Sin(i)).ToArray();
        float[] y = [target, target];
        var gradients = new float[CancerNet.ParameterCount];
        float cost = net.ComputeGradients(x, y, gradients);
        Assert.True(float.IsFinite(cost));
        // L = max(z, 0) − z·y + log(1 + e^−|z|): 100 when wrong, ~e^−100 when right.
        Assert.Equal(z > 0 == target > 0 ? 0f : 100f, cost, 3);
        Assert.All(gradients, g => Assert.True(float.IsFinite(g)));
        // Fused dZ3 = A3 − Y (over m = 2), so db3 = mean(A3 − Y) = σ(z) − y exactly.
        float a = z > 0 ? 1f : 0f;
        Assert.Equal(a - target, gradients[CancerNet.ParameterCount - 1], 6);
    }

    [Fact]
    public void SoftmaxCrossEntropyStaysFiniteWhenTheOutputSaturates()
    {
        var net = new MnistNet(1);
        net.W3.Clear();
        net.b3.Clear();
        net.b3[0] = 100f;
        net.b3[1] = -100f;
        var x = new float[784];
        var y = new float[10];
        y[1] = 1f; // the target class has softmax probability e^−200 ≈ 0 in float
        var gradients = new float[MnistNet.ParameterCount];
        float cost = net.ComputeGradients(x, y, gradients);
        Assert.Equal(200f, cost, 2);
        Assert.All(gradients, g => Assert.True(float.IsFinite(g)));
        // Fused dZ3 = A3 − Y: db3 = [1, −1, 0, …].
        var db3 = gradients.AsSpan(MnistNet.ParameterCount - 10).ToArray();
        Assert.Equal(1f, db3[0], 6);
        Assert.Equal(-1f, db3[1], 6);
        Assert.All(db3.Skip(2), g => Assert.Equal(0f, g, 6));
    }

    [Fact]
    public void SameSeedGivesABitIdenticalTrainingRun()
    {
        static (float[] Parameters, float[] Losses) Train()
        {
            var net = new CancerNet(42);
            var (x, y) = GradientCheck.GradientCheckTests.Batch(net, Loss.BinaryCrossEntropy, 200, seed: 5);
            var reports = net.Fit(x, y, new Adam(0.01f, weightDecay: 1e-4f), epochs: 5, batchSize: 16, seed: 7);
            return (net.Parameters.ToArray(), reports.Select(r => r.Loss).ToArray());
        }
        var first = Train();
        var second = Train();
        Assert.True(first.Parameters.AsSpan().SequenceEqual(second.Parameters));
        Assert.Equal(first.Losses, second.Losses);
        Assert.True(first.Losses[^1] < first.Losses[0], "training should reduce the loss");
    }

    [Fact]
    public void DifferentShuffleSeedsGiveDifferentRuns()
    {
        float[] Train(int seed)
        {
            var net = new CancerNet(42);
            var (x, y) = GradientCheck.GradientCheckTests.Batch(net, Loss.BinaryCrossEntropy, 64, seed: 5);
            net.Fit(x, y, new GradientDescent(0.1f), epochs: 2, batchSize: 8, seed: seed);
            return net.Parameters.ToArray();
        }
        Assert.False(Train(1).AsSpan().SequenceEqual(Train(2)));
    }

    [Fact]
    public void PlainGradientDescentStepIsTheSeedsUpdate()
    {
        // θ ← θ − α·dθ, checked against ComputeGradients by hand.
        var net = new CancerNet(3);
        var (x, y) = GradientCheck.GradientCheckTests.Batch(net, Loss.BinaryCrossEntropy, 10, seed: 2);
        var before = net.Parameters.ToArray();
        var gradients = new float[CancerNet.ParameterCount];
        net.ComputeGradients(x, y, gradients);
        var trainer = net.CreateTrainer(new GradientDescent(0.5f));
        trainer.Step(x, y);
        for (int k = 0; k < before.Length; k++)
            Assert.Equal(before[k] - 0.5f * gradients[k], net.Parameters[k], 6);
    }

    [Fact]
    public void FitReportsEveryEpochThroughProgress()
    {
        var net = new CancerNet(3);
        var (x, y) = GradientCheck.GradientCheckTests.Batch(net, Loss.BinaryCrossEntropy, 50, seed: 2);
        var seen = new System.Collections.Generic.List<EpochReport>();
        var reports = net.Fit(x, y, new Momentum(0.05f), epochs: 3, batchSize: 20, progress: new SynchronousProgress<EpochReport>(seen.Add));
        Assert.Equal(reports, seen);
        Assert.Equal([1, 2, 3], seen.Select(r => r.Epoch));
        Assert.All(seen, r => Assert.Equal(3, r.Steps)); // 20 + 20 + 10
        // A token cancelled before the start: no step, no report, the parameters untouched.
        float[] before = net.Parameters.ToArray();
        Assert.Empty(net.Fit(x, y, new Adam(), epochs: 3, cancellationToken: new System.Threading.CancellationToken(true)));
        Assert.True(before.AsSpan().SequenceEqual(net.Parameters));
    }

    [Fact]
    public void OptimisersRejectInvalidSettings()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GradientDescent(0f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GradientDescent(float.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Momentum(0.1f, beta: 1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(weightDecay: -1f));
        var ex = Assert.Throws<ArgumentException>(() => new Adam().Step(new float[3], new float[2]));
        Assert.Equal("gradients", ex.ParamName);
    }

    [Fact]
    public void AdamMatchesItsDefinitionOnOneParameter()
    {
        // Two steps of Adam on θ = 1 with g = 0.5 then −0.25, against the textbook formulas in double.
        var adam = new Adam(0.1f, 0.9f, 0.999f, 1e-8f);
        float[] p = [1f];
        double theta = 1, m = 0, v = 0;
        double[] grads = [0.5, -0.25];
        for (int t = 1; t <= 2; t++)
        {
            adam.Step(p, [(float)grads[t - 1]]);
            m = 0.9 * m + 0.1 * grads[t - 1];
            v = 0.999 * v + 0.001 * grads[t - 1] * grads[t - 1];
            double mHat = m / (1 - Math.Pow(0.9, t)), vHat = v / (1 - Math.Pow(0.999, t));
            theta -= 0.1 * mHat / (Math.Sqrt(vHat) + 1e-8);
            Assert.Equal(theta, p[0], 5);
        }
    }

    [Fact]
    public void CostOfALargeSetIsTheMeanOverChunks()
    {
        // 700 examples cross the 256-example chunks of Cost; the result equals the reference mean.
        var net = new CancerNet(6);
        var (x, y) = GradientCheck.GradientCheckTests.Batch(net, Loss.BinaryCrossEntropy, 700, seed: 9);
        double[] p = net.Parameters.ToArray().Select(v => (double)v).ToArray();
        double expected = ReferenceNetwork.Cost(net, Loss.BinaryCrossEntropy, p, x.Select(v => (double)v).ToArray(), y.Select(v => (double)v).ToArray());
        Assert.Equal(expected, net.Cost(x, y), 4);
    }
}
