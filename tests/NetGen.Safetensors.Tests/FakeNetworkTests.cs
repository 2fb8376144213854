using System;
using System.IO;
using NetGen;

namespace NetGen.SafetensorsTests;

/// <summary>An <see cref="INetwork"/> written by hand, to feed Save and Load inconsistent shapes.</summary>
internal sealed class FakeNetwork(int inputs, int outputs, LayerShape[] layers, int parameterCount) : INetwork
{
    private readonly float[] _parameters = new float[parameterCount];

    public int InputSize => inputs;
    public int OutputSize => outputs;
    public int ParameterCount { get; init; } = parameterCount;
    public int LayerCount => layers.Length;
    public Span<float> Parameters => _parameters;
    public LayerShape GetLayerShape(int layer) => layers[layer];
    public void Forward(ReadOnlySpan<float> inputs, Span<float> outputs) => throw new NotSupportedException();
    public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradients) => throw new NotSupportedException();
    public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradients, out int correct) => throw new NotSupportedException();
    public Loss Loss => Loss.MeanSquaredError;
    public float Cost(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets) => throw new NotSupportedException();

    /// <summary>TinyNet's layout: 4 → 3 → 1, 19 parameters.</summary>
    public static FakeNetwork Tiny() => new(4, 1, [new(3, 4, Activation.Tanh, 0, 12), new(1, 3, Activation.Sigmoid, 15, 18)], 19);
}

public sealed class FakeNetworkTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("netgen-safetensors-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void AnyINetworkWithTheSameLayoutReadsAGeneratedNetworksFile()
    {
        var source = new TinyNet(4);
        var fake = FakeNetwork.Tiny();
        Safetensors.Load(fake, new MemoryStream(TestFiles.SaveToBytes(source)));
        Assert.Equal(TestFiles.Bits(source), TestFiles.Bits(fake));
        Assert.Equal(TestFiles.Split(TestFiles.SaveToBytes(source)).Data, TestFiles.Split(TestFiles.SaveToBytes(fake)).Data);
    }

    public static TheoryData<string, string> BrokenLayouts => new()
    {
        { "inputs", "FakeNetwork layer 1 reports 2 inputs but layer 0 has 3 units." },
        { "first inputs", "FakeNetwork layer 0 reports 5 inputs but InputSize is 4." },
        { "outputs", "FakeNetwork reports OutputSize 2 but its last layer has 1 units." },
        { "weight offset", "FakeNetwork layer 1 weight [1, 3] at offset 17 does not fit in the 19 parameters." },
        { "bias offset", "FakeNetwork layer 1 bias [1] at offset 19 does not fit in the 19 parameters." },
        { "count", "FakeNetwork reports ParameterCount 20 but its Parameters span has 19 values." },
        { "no layers", "FakeNetwork reports 0 layers; a network needs at least one." },
        { "conv kernel", "FakeNetwork layer 0 is a Conv2D with kernel 3 and 10 weights per filter, which is not channels × kernel²." },
        { "conv offset", "FakeNetwork layer 0 weight [2, 1, 3, 3] at offset 5 does not fit in the 19 parameters." },
        { "unknown kind", "FakeNetwork layer 0 reports the unknown kind 7." },
    };

    private static FakeNetwork Broken(string what) => what switch
    {
        "inputs" => new(4, 1, [new(3, 4, Activation.Tanh, 0, 12), new(1, 2, Activation.Sigmoid, 15, 18)], 19),
        "first inputs" => new(4, 1, [new(3, 5, Activation.Tanh, 0, 12), new(1, 3, Activation.Sigmoid, 15, 18)], 19),
        "outputs" => new(4, 2, [new(3, 4, Activation.Tanh, 0, 12), new(1, 3, Activation.Sigmoid, 15, 18)], 19),
        "weight offset" => new(4, 1, [new(3, 4, Activation.Tanh, 0, 12), new(1, 3, Activation.Sigmoid, 17, 18)], 19),
        "bias offset" => new(4, 1, [new(3, 4, Activation.Tanh, 0, 12), new(1, 3, Activation.Sigmoid, 15, 19)], 19),
        "count" => new(4, 1, [new(3, 4, Activation.Tanh, 0, 12), new(1, 3, Activation.Sigmoid, 15, 18)], 19) { ParameterCount = 20 },
        "no layers" => new(4, 1, [], 19),
        "conv kernel" => new(4, 1, [new(1, 10, Activation.ReLU, 0, 10) { Kind = LayerKind.Conv2D, Kernel = 3 }], 19),
        "conv offset" => new(4, 1, [new(2, 9, Activation.ReLU, 5, 0) { Kind = LayerKind.Conv2D, Kernel = 3 }], 19),
        "unknown kind" => new(4, 1, [new(3, 4, Activation.Tanh, 0, 12) { Kind = (LayerKind)7 }], 19),
        _ => throw new ArgumentOutOfRangeException(nameof(what)),
    };

    [Theory]
    [MemberData(nameof(BrokenLayouts))]
    public void InconsistentNetworksAreArgumentErrors(string what, string message)
    {
        var save = Assert.Throws<ArgumentException>(() => Safetensors.Save(Broken(what), new MemoryStream()));
        Assert.Equal("network", save.ParamName);
        Assert.StartsWith(message, save.Message);

        var load = Assert.Throws<ArgumentException>(() => Safetensors.Load(Broken(what), new MemoryStream(TestFiles.SaveToBytes(new TinyNet(1)))));
        Assert.Equal("network", load.ParamName);
        Assert.StartsWith(message, load.Message);
    }

    [Fact]
    public void AFailedSaveLeavesTheExistingFileIntactAndNoTemporaryFile()
    {
        string path = Path.Combine(_directory, "weights.safetensors");
        Safetensors.Save(new TinyNet(1), path);
        byte[] before = File.ReadAllBytes(path);

        // The layout check fails after the temporary file has been created.
        Assert.Throws<ArgumentException>(() => Safetensors.Save(Broken("outputs"), path));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(new[] { "weights.safetensors" }, TestFiles.FileNames(_directory));
    }
}
