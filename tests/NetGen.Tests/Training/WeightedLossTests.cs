using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetGen.Tests.GradientCheck;

namespace NetGen.Tests.Training;

/// <summary>
/// Class weights (cross-entropy) and positive weights (BCE) against PyTorch's F.cross_entropy(weight=) and
/// F.binary_cross_entropy_with_logits(pos_weight=), and clipping against torch.nn.utils.clip_grad_norm_, from
/// TestData/make_training_fixture.py (float64 torch; NetGen in float32).
/// </summary>
public sealed class WeightedLossTests
{
    private static JsonElement[] Cases()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Training", "TestData", "training_fixture.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.Clone()).ToArray();
    }

    public static TheoryData<string> Networks => new(Cases().Select(c => c.GetProperty("network").GetString()!));

    private static float[] Floats(JsonElement c, string property) => c.GetProperty(property).EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();

    private static double[] Doubles(JsonElement c, string property) => c.GetProperty(property).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private static INetwork Create(string name) => name switch
    {
        "TinyWeightedClassifier" => new TinyWeightedClassifier(1),
        "DigitsNet" => new DigitsNet(1),
        "G2_Tanh_BceSigmoid" => new G2_Tanh_BceSigmoid(1),
        "CancerNet" => new CancerNet(1),
        _ => throw new ArgumentException(name),
    };

    private static void SetWeights(INetwork net, ReadOnlySpan<float> weights)
    {
        switch (net)
        {
            case TinyWeightedClassifier t: t.SetClassWeights(weights); break;
            case DigitsNet d: d.SetClassWeights(weights); break;
            case G2_Tanh_BceSigmoid g: g.SetClassWeights(weights); break;
            case CancerNet c: c.SetClassWeights(weights); break;
            default: throw new ArgumentException(net.GetType().Name);
        }
    }

    private static void AssertClose(double[] expected, ReadOnlySpan<float> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = expected.Max(Math.Abs);
        for (int k = 0; k < expected.Length; k++)
            Assert.True(Math.Abs(actual[k] - expected[k]) <= 1e-5 * (1 + scale), $"{what} {k}: {actual[k]:R} vs torch {expected[k]:R}");
    }

    [Fact]
    public void TheFixtureCoversBothLossesOnBothPaths()
    {
        Assert.Equal(["TinyWeightedClassifier", "DigitsNet", "G2_Tanh_BceSigmoid", "CancerNet"], Networks.Select(r => (string)r.Data));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void WeightedCostAndGradientsMatchPyTorch(string name)
    {
        JsonElement c = Cases().Single(x => x.GetProperty("network").GetString() == name);
        INetwork net = Create(name);
        Floats(c, "parameters").CopyTo(net.Parameters);
        SetWeights(net, Floats(c, "weights"));
        float[] x = Floats(c, "inputs"), y = Floats(c, "targets");

        foreach (bool counting in new[] { false, true })
        {
            var g = new float[net.ParameterCount];
            float cost = counting ? net.ComputeGradients(x, y, g, out _) : net.ComputeGradients(x, y, g);
            double expected = c.GetProperty("cost").GetDouble();
            Assert.True(Math.Abs(cost - expected) <= 1e-5 * (1 + Math.Abs(expected)), $"cost {cost} vs torch {expected}");
            AssertClose(Doubles(c, "gradients"), g, "gradient");
            var cached = new float[net.ParameterCount];
            net.ComputeGradients(x, y, cached, net.CreateCache(x.Length / net.InputSize));
            AssertClose(Doubles(c, "gradients"), cached, "cached gradient");
        }
        Assert.True(Math.Abs(net.Cost(x, y) - c.GetProperty("cost").GetDouble()) <= 1e-5 * (1 + c.GetProperty("cost").GetDouble()));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void ClippingMatchesClipGradNorm(string name)
    {
        JsonElement c = Cases().Single(x => x.GetProperty("network").GetString() == name);
        INetwork net = Create(name);
        Floats(c, "parameters").CopyTo(net.Parameters);
        SetWeights(net, Floats(c, "weights"));
        var trainer = new Trainer(net, new GradientDescent(1e-3f)) { MaxGradientNorm = (float)c.GetProperty("max_norm").GetDouble() };
        trainer.Step(Floats(c, "inputs"), Floats(c, "targets"));
        double total = c.GetProperty("total_norm").GetDouble();
        Assert.True(total > c.GetProperty("max_norm").GetDouble(), "the fixture must clip");
        Assert.True(Math.Abs(trainer.LastGradientNorm - total) <= 1e-5 * total, $"norm {trainer.LastGradientNorm} vs torch {total}");
        AssertClose(Doubles(c, "clipped"), trainer.Gradients, "clipped gradient");
    }

    [Fact]
    public void UnitWeightsGiveTheUnweightedLossAndEmptyWeightsRestoreIt()
    {
        var net = new DigitsNet(3);
        var (x, y) = GradientCheckTests.Batch(net, Loss.CrossEntropy, 20, seed: 1);
        var plain = new float[DigitsNet.ParameterCount];
        float cost = net.ComputeGradients(x, y, plain);
        net.SetClassWeights(Enumerable.Repeat(1f, 10).ToArray());
        var ones = new float[DigitsNet.ParameterCount];
        Assert.Equal(cost, net.ComputeGradients(x, y, ones), 6);
        for (int k = 0; k < ones.Length; k++) Assert.Equal(plain[k], ones[k], 6);
        net.SetClassWeights([]);
        Assert.True(net.ClassWeights.IsEmpty);
        var again = new float[DigitsNet.ParameterCount];
        Assert.Equal(BitConverter.SingleToInt32Bits(cost), BitConverter.SingleToInt32Bits(net.ComputeGradients(x, y, again)));
        Assert.Equal(plain, again);
    }

    [Fact]
    public void WeightingAClassUpMakesTrainingFavourIt()
    {
        // Overlapping data: weighting class 2 up makes the trained network predict it more often (recall of class 2 rises).
        static int Predicted2(float[] weights)
        {
            var net = new TinyWeightedClassifier(4);
            var (x, y) = GradientCheckTests.Batch(net, Loss.CrossEntropy, 300, seed: 8);
            if (weights.Length > 0) net.SetClassWeights(weights);
            net.Fit(x, y, new Adam(0.02f), epochs: 30, batchSize: 30, seed: 2);
            int count = 0;
            for (int i = 0; i < 300; i++) if (net.PredictClass(x.AsSpan(i * 5, 5)) == 2) count++;
            return count;
        }
        Assert.True(Predicted2([1f, 1f, 8f]) > Predicted2([]) + 30);
    }

    [Fact]
    public void BadWeightsAreRefusedAndLeaveTheOldOnes()
    {
        var net = new DigitsNet(1);
        net.SetClassWeights(Enumerable.Repeat(2f, 10).ToArray());
        var length = Assert.Throws<ArgumentException>(() => net.SetClassWeights(new float[3] { 1, 1, 1 }));
        Assert.Equal("weights", length.ParamName);
        Assert.Contains("Expected 10 weights", length.Message);
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => net.SetClassWeights([1, 1, 1, -1, 1, 1, 1, 1, 1, 1]));
        Assert.Contains("Weight 3 is -1", negative.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => net.SetClassWeights([1, 1, 1, 1, float.NaN, 1, 1, 1, 1, 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => net.SetClassWeights([1, 1, 1, 1, float.PositiveInfinity, 1, 1, 1, 1, 1]));
        Assert.Contains("Every class weight is zero", Assert.Throws<ArgumentException>(() => net.SetClassWeights(new float[10])).Message);
        Assert.Equal(Enumerable.Repeat(2f, 10), net.ClassWeights.ToArray());

        // Positive weights (BCE) of zero are allowed: the negative terms remain, as with PyTorch's pos_weight = 0.
        var binary = new CancerNet(1);
        binary.SetClassWeights([0f]);
        var (x, y) = GradientCheckTests.Batch(binary, Loss.BinaryCrossEntropy, 10, seed: 1);
        Assert.True(binary.Cost(x, y) > 0f);
    }
}
