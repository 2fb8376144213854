using System;
using System.Linq;
using NetGen.Tests.GradientCheck;

namespace NetGen.Tests.Training;

/// <summary>Confusion matrix, precision/recall/F1 and regression errors against straightforward references.</summary>
public sealed class MetricsTests
{
    /// <summary>Predicted and actual classes of every example, from Forward one example at a time.</summary>
    private static (int[] Actual, int[] Predicted) Classes(INetwork net, float[] x, float[] y)
    {
        int n = x.Length / net.InputSize;
        var actual = new int[n];
        var predicted = new int[n];
        var output = new float[net.OutputSize];
        for (int i = 0; i < n; i++)
        {
            net.Forward(x.AsSpan(i * net.InputSize, net.InputSize), output);
            predicted[i] = Metrics.Class(output);
            actual[i] = Metrics.Class(y.AsSpan(i * net.OutputSize, net.OutputSize));
        }
        return (actual, predicted);
    }

    [Theory]
    [InlineData(10, 150)]  // DigitsNet: ten classes, 150 examples (two chunks and a part)
    [InlineData(2, 90)]    // CancerNet: one sigmoid output, two classes
    public void TheConfusionMatrixAndItsScoresMatchAReference(int classes, int n)
    {
        INetwork net = classes == 10 ? new DigitsNet(3) : new CancerNet(3);
        var (x, y) = GradientCheckTests.Batch(net, net.Loss, n, seed: 4);
        net.ComputeGradients(x, y, new float[net.ParameterCount]); // any parameters will do
        var matrix = ConfusionMatrix.Of(net, x, y);
        var (actual, predicted) = Classes(net, x, y);

        Assert.Equal(classes, matrix.Classes);
        Assert.Equal(n, matrix.Total);
        for (int a = 0; a < classes; a++)
            for (int p = 0; p < classes; p++)
                Assert.Equal(Enumerable.Range(0, n).Count(i => actual[i] == a && predicted[i] == p), matrix[a, p]);
        Assert.Equal(Metrics.Accuracy(net, x, y), matrix.Accuracy, 6);

        double macroF1 = 0;
        for (int c = 0; c < classes; c++)
        {
            int tp = Enumerable.Range(0, n).Count(i => actual[i] == c && predicted[i] == c);
            int predictedC = predicted.Count(v => v == c), actualC = actual.Count(v => v == c);
            double precision = predictedC == 0 ? 0 : (double)tp / predictedC, recall = actualC == 0 ? 0 : (double)tp / actualC;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            Assert.Equal(precision, matrix.Precision(c), 6);
            Assert.Equal(recall, matrix.Recall(c), 6);
            Assert.Equal(f1, matrix.F1(c), 6);
            macroF1 += f1 / classes;
        }
        Assert.Equal(macroF1, matrix.MacroF1, 5);
        Assert.Contains("actual \\ predicted", matrix.ToString());
    }

    [Fact]
    public void HandCountedScores()
    {
        // All weights zero and the output bias 1: σ(1) > 0.5, so every example is predicted as class 1.
        var net = new CancerNet(1);
        net.Parameters.Clear();
        net.Parameters[^1] = 1f;
        float[] y = [1, 1, 0, 1];
        var matrix = ConfusionMatrix.Of(net, new float[4 * CancerNet.InputSize], y);
        Assert.Equal([0L, 1L, 0L, 3L], new[] { matrix[0, 0], matrix[0, 1], matrix[1, 0], matrix[1, 1] });
        Assert.Equal(0.75f, matrix.Precision(1));
        Assert.Equal(1f, matrix.Recall(1));
        Assert.Equal(6f / 7f, matrix.F1(1), 6);
        Assert.Equal(0f, matrix.Precision(0)); // never predicted: 0, as scikit-learn's zero_division=0
        Assert.Equal(0f, matrix.Recall(0));
        Assert.Equal(0f, matrix.F1(0));
        Assert.Equal(0.75f, matrix.Accuracy);
        Assert.Equal(3, matrix.Correct);
        Assert.Equal(3f / 7f, matrix.MacroF1, 6);
    }

    [Fact]
    public void FillingAgainAllocatesNothingAndWrongArgumentsLeaveTheCounts()
    {
        var net = new DigitsNet(1);
        var (x, y) = GradientCheckTests.Batch(net, Loss.CrossEntropy, 200, seed: 2);
        var matrix = ConfusionMatrix.Of(net, x, y);
        long before = matrix[3, 3];
        SteadyAllocations.AssertNone(() => matrix.Fill(net, x, y), perWindow: 5);
        Assert.Equal(before, matrix[3, 3]);
        Assert.Equal(200, matrix.Total);

        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => matrix.Fill(net, x, y.AsSpan(0, 10))).ParamName);
        Assert.Equal("network", Assert.Throws<ArgumentException>(() => matrix.Fill(new CancerNet(1), new float[30], new float[1])).ParamName);
        Assert.Equal(200, matrix.Total);
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix[10, 0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Precision(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConfusionMatrix(1));
    }

    [Fact]
    public void RegressionErrorsMatchAReferenceAndAllocateNothing()
    {
        var net = new RegressionNet(2);
        var (x, y) = GradientCheckTests.Batch(net, Loss.MeanSquaredError, 130, seed: 6);
        var outputs = new float[y.Length];
        net.Forward(x, outputs);
        double mae = outputs.Zip(y, (o, t) => Math.Abs((double)o - t)).Average();
        double rmse = Math.Sqrt(outputs.Zip(y, (o, t) => ((double)o - t) * ((double)o - t)).Average());
        var errors = RegressionErrors.Of(net, x, y);
        Assert.Equal(mae, errors.MeanAbsoluteError, 6);
        Assert.Equal(rmse, errors.RootMeanSquaredError, 6);
        // RMSE² is twice the MSE cost ½ Σ_k (a − y)² per example divided by the outputs.
        Assert.Equal(net.Cost(x, y) * 2 / RegressionNet.OutputSize, errors.RootMeanSquaredError * errors.RootMeanSquaredError, 4);
        SteadyAllocations.AssertNone(() => RegressionErrors.Of(net, x, y), perWindow: 5);
    }
}
