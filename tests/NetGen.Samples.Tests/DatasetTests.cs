using System;
using System.Linq;
using NetGen.Samples.Data;

namespace NetGen.Samples.Tests;

public sealed class DatasetTests
{
    private static Dataset Numbers(int count, int features = 2)
    {
        var x = new float[count * features];
        for (int k = 0; k < x.Length; k++) x[k] = k;
        var y = new int[count];
        for (int i = 0; i < count; i++) y[i] = i % 2;
        return new Dataset(x, y, features, ["even", "odd"], "numbers");
    }

    [Fact]
    public void Split_IsSeededDisjointAndComplete()
    {
        Dataset data = Numbers(101);
        (Dataset train, Dataset test) = data.Split(0.2, seed: 5);
        (Dataset train2, Dataset test2) = data.Split(0.2, seed: 5);
        (_, Dataset test3) = data.Split(0.2, seed: 6);

        Assert.Equal(20, test.Count);
        Assert.Equal(81, train.Count);
        Assert.Equal(test.Features.ToArray(), test2.Features.ToArray());
        Assert.Equal(train.Labels.ToArray(), train2.Labels.ToArray());
        Assert.NotEqual(test.Features.ToArray(), test3.Features.ToArray());

        // Every example lands in exactly one split (the first feature identifies it).
        var ids = Enumerable.Range(0, train.Count).Select(i => train.Example(i)[0])
            .Concat(Enumerable.Range(0, test.Count).Select(i => test.Example(i)[0]))
            .OrderBy(v => v).ToArray();
        Assert.Equal(Enumerable.Range(0, 101).Select(i => (float)(2 * i)).ToArray(), ids);
        // Labels travel with their features.
        for (int i = 0; i < test.Count; i++) Assert.Equal((int)test.Example(i)[0] / 2 % 2, test.Labels[i]);
    }

    [Fact]
    public void Standardizer_UsesTrainingStatisticsOnly()
    {
        var train = new Dataset([1, 10, 3, 10, 5, 10], [0, 1, 0], 2, ["a", "b"], "train");
        var test = new Dataset([7, 4], [1], 2, ["a", "b"], "test");
        Standardizer s = Standardizer.Fit(train);

        Assert.Equal([3f, 10f], s.Mean.ToArray());
        Assert.Equal(MathF.Sqrt(8f / 3f), s.StandardDeviation[0], 6);
        Assert.Equal(0f, s.StandardDeviation[1]); // constant feature: only centred

        Dataset t = s.Transform(test);
        Assert.Equal(4f / MathF.Sqrt(8f / 3f), t.Features[0], 5);
        Assert.Equal(-6f, t.Features[1]);
        Assert.Equal([7f, 4f], test.Features.ToArray()); // the input is not modified

        Dataset standardTrain = s.Transform(train);
        Assert.Equal(0f, standardTrain.Features[0] + standardTrain.Features[2] + standardTrain.Features[4], 5);
    }

    [Fact]
    public void Targets_OneHotForSoftmax_LabelsForOneSigmoid()
    {
        Dataset data = Numbers(3);
        Assert.Equal([0f, 1f, 0f], data.Targets(1));
        Assert.Equal([1f, 0f, 0f, 1f, 1f, 0f], data.Targets(2));
        var e = Assert.Throws<ArgumentException>(() => data.Targets(3));
        Assert.Contains("2 outputs", e.Message, StringComparison.Ordinal);

        Assert.Equal([0f, 0f, 1f, 0f, 1f, 0f], LabelEncoding.OneHot([2, 1], 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => LabelEncoding.OneHot([3], 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => LabelEncoding.Binary([2]));
    }

    [Fact]
    public void Constructor_RejectsInconsistentShapes()
    {
        Assert.Throws<ArgumentException>(() => new Dataset(new float[5], new int[2], 2, ["a"], "x"));
        var e = Assert.Throws<ArgumentException>(() => new Dataset(new float[4], [0, 2], 2, ["a", "b"], "x"));
        Assert.Contains("Example 1 has label 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scale_MultipliesEveryFeature()
    {
        Dataset scaled = Numbers(2).Scale(0.5f);
        Assert.Equal([0f, 0.5f, 1f, 1.5f], scaled.Features.ToArray());
    }
}
