using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetGen.Kernels;
using Xunit;

namespace NetGen.Kernels.Tests;

/// <summary>
/// The convolution and pooling kernels against PyTorch itself (TestData/conv_fixture.json, written by
/// TestData/make_conv_fixture.py with <c>F.conv2d</c>, <c>F.conv1d</c>, <c>F.max_pool2d/1d</c>, <c>F.avg_pool2d/1d</c>
/// in float64 from float32 inputs): outputs, and the gradients of L = Σ g ⊙ output with respect to x, W and b. The
/// max-pooling inputs have ties in most windows, so PyTorch's choice of the first maximum is checked too.
/// </summary>
public class TorchConvolutionFixtureTests
{
    private static readonly JsonElement Fixture = Load();

    private static JsonElement Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "TestData", "conv_fixture.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.Clone();
    }

    private static float[] Floats(JsonElement c, string key) => c.GetProperty(key).EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();

    private static JsonElement Case(string kind, string name, string? pool = null)
    {
        foreach (var c in Fixture.GetProperty(kind).EnumerateArray())
            if (c.GetProperty("name").GetString() == name && (pool is null || c.GetProperty("kind").GetString() == pool)) return c;
        throw new InvalidOperationException($"no {kind} case {name} {pool} in conv_fixture.json");
    }

    /// <summary>|expected − actual| ≤ 1e-5·(1 + |expected|) + 1e-5·(max |expected|): float32 sums against float64 ones.</summary>
    private static void AssertClose(float[] expected, ReadOnlySpan<float> actual, string what)
    {
        float scale = expected.Max(Math.Abs);
        for (int k = 0; k < expected.Length; k++)
        {
            float tol = 1e-5f * (1 + Math.Abs(expected[k])) + 1e-5f * scale;
            Assert.True(Math.Abs(expected[k] - actual[k]) <= tol, $"{what}[{k}]: PyTorch {expected[k]}, NetGen {actual[k]}");
        }
    }

    private static void Conv<T>() where T : struct, IConvolution
    {
        var c = Case("conv", typeof(T).Name);
        int m = c.GetProperty("m").GetInt32();
        float[] x = Floats(c, "x"), w = Floats(c, "w"), b = Floats(c, "b"), z = Floats(c, "z"), g = Floats(c, "g");
        Assert.Equal(m * T.Channels * T.Height * T.Width, x.Length);
        Assert.Equal(m * T.Filters * Convolution.OutputHeight<T>() * Convolution.OutputWidth<T>(), z.Length);
        var zOut = new float[z.Length];
        Convolution.Forward<T, Identity>(x, w, b, zOut, zOut, m);
        AssertClose(z, zOut, "z");
        float[] dw = new float[w.Length], db = new float[b.Length], dx = new float[x.Length];
        Convolution.BackwardWeights<T>(g, x, dw, db, m);
        Convolution.BackwardInput<T, Identity>(g, w, x, dx, m);
        AssertClose(Floats(c, "dw"), dw, "dW");
        AssertClose(Floats(c, "db"), db, "db");
        AssertClose(Floats(c, "dx"), dx, "dX");
    }

    private static void Pool<T>(string kind) where T : struct, IPooling
    {
        var c = Case("pool", typeof(T).Name, kind);
        int m = c.GetProperty("m").GetInt32();
        float[] x = Floats(c, "x"), a = Floats(c, "a"), g = Floats(c, "g");
        Assert.Equal(m * T.Channels * T.Height * T.Width, x.Length);
        Assert.Equal(m * T.Channels * Pooling.OutputHeight<T>() * Pooling.OutputWidth<T>(), a.Length);
        float[] aOut = new float[a.Length], dx = new float[x.Length];
        if (kind == "max")
        {
            Pooling.MaxForward<T>(x, aOut, m);
            Pooling.MaxBackward<T, Identity>(g, x, x, dx, m);
        }
        else
        {
            Pooling.AvgForward<T>(x, aOut, m);
            Pooling.AvgBackward<T, Identity>(g, x, dx, m);
        }
        AssertClose(a, aOut, "a");
        AssertClose(Floats(c, "dx"), dx, "dX");
    }

    [Fact] public void Conv2DStrideAndPadding() => Conv<ConvStridePad>();
    [Fact] public void Conv2DStrideThree() => Conv<ConvStride3>();
    [Fact] public void Conv2DLeNetSecondLayer() => Conv<ConvLeNet2>();
    [Fact] public void Conv1D() => Conv<Conv1DSeq>();
    [Fact] public void Conv2DFewFilters() => Conv<ConvFew>();
    [Fact] public void Conv2DStrideAndPaddingPerAxis() => Conv<ConvTallStride>();
    [Fact] public void MaxPool2DOverlappingWithTies() => Pool<PoolOverlap>("max");
    [Fact] public void MaxPool2DWithTies() => Pool<PoolOdd>("max");
    [Fact] public void AvgPool2D() => Pool<PoolOdd>("avg");
    [Fact] public void MaxPool2DFourWindowsAtATimeWithTies() => Pool<PoolPairs>("max");
    [Fact] public void AvgPool2DFourWindowsAtATime() => Pool<PoolPairs>("avg");
    [Fact] public void MaxPool1DWithTies() => Pool<Pool1D>("max");
    [Fact] public void AvgPool1D() => Pool<Pool1D>("avg");
}
