using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace NetGen.Tests.Convolutional;

/// <summary>
/// PyTorch state dicts of nn.Sequential CNNs (TestData/make_cnn_fixture.py) loaded with LoadWeights: NetGen's outputs,
/// cost and gradients match torch's; SaveWeights writes the PyTorch layout, which torch loaded back (the committed
/// check-netgen outputs) and which NetGen reads back unchanged.
/// </summary>
public class TorchCnnFixtureTests
{
    private static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "Convolutional", "TestData", name);

    private static JsonElement Case(string name) =>
        JsonDocument.Parse(File.ReadAllText(Data("cnn_fixture.json"))).RootElement.GetProperty(name);

    private static float[] Floats(JsonElement element, string property) =>
        element.GetProperty(property).EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();

    private static void Check(INetwork net, JsonElement fixture)
    {
        float[] x = Floats(fixture, "inputs"), y = Floats(fixture, "targets"), outputs = Floats(fixture, "outputs"), gradients = Floats(fixture, "gradients");
        int m = x.Length / net.InputSize;
        var actual = new float[m * net.OutputSize];
        net.Forward(x, actual);
        for (int k = 0; k < outputs.Length; k++)
            Assert.True(Math.Abs(actual[k] - outputs[k]) <= 1e-5f, $"output {k}: {actual[k]} vs torch {outputs[k]}");
        var g = new float[net.ParameterCount];
        float cost = net.ComputeGradients(x, y, g);
        double loss = fixture.GetProperty("loss").GetDouble();
        Assert.True(Math.Abs(cost - loss) <= 1e-5 * (1 + Math.Abs(loss)), $"cost {cost} vs torch {loss}");
        Assert.Equal(gradients.Length, g.Length);
        float scale = gradients.Max(Math.Abs);
        for (int k = 0; k < g.Length; k++)
            Assert.True(Math.Abs(g[k] - gradients[k]) <= 1e-5f * (1 + scale), $"gradient {k}: {g[k]} vs torch {gradients[k]}");
    }

    [Fact]
    public void Conv2DNetworkMatchesTorch()
    {
        var net = new C1_Conv2DMaxPoolSoftmax(1);
        net.LoadWeights(Data("cnn_c1.safetensors"));
        Check(net, Case("c1"));
    }

    [Fact]
    public void Conv1DNetworkMatchesTorch()
    {
        var net = new C7_Conv1DIntoConv1D(1);
        net.LoadWeights(Data("cnn_c7.safetensors"));
        Check(net, Case("c7"));
    }

    [Fact]
    public void SaveWeightsWritesPyTorchShapesThatTorchLoadsBack()
    {
        var net = new C1_Conv2DMaxPoolSoftmax(1);
        net.LoadWeights(Data("cnn_c1.safetensors"));
        using var saved = new MemoryStream();
        net.SaveWeights(saved);
        // To regenerate the committed file (then run make_cnn_fixture.py check-netgen on it): NETGEN_SAVE_CNN_FIXTURE=path.
        if (Environment.GetEnvironmentVariable("NETGEN_SAVE_CNN_FIXTURE") is { Length: > 0 } target) File.WriteAllBytes(target, saved.ToArray());
        // Byte for byte the file torch loaded with check-netgen (make_cnn_fixture.py), whose outputs are committed.
        Assert.Equal(File.ReadAllBytes(Data("netgen_cnn_c1.safetensors")), saved.ToArray());
        float[] torchOutputs = JsonDocument.Parse(File.ReadAllText(Data("netgen_cnn_c1.safetensors.torch.json"))).RootElement
            .GetProperty("outputs").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
        float[] x = Floats(Case("c1"), "inputs");
        var outputs = new float[torchOutputs.Length];
        net.Forward(x, outputs);
        for (int k = 0; k < outputs.Length; k++) Assert.True(Math.Abs(outputs[k] - torchOutputs[k]) <= 1e-5f, $"output {k}");

        // The header names PyTorch's shapes; reading the file back restores every parameter exactly.
        saved.Position = 8;
        string header = new StreamReader(saved).ReadToEnd();
        Assert.Contains("\"0.weight\":{\"dtype\":\"F32\",\"shape\":[3,1,3,3]", header);
        Assert.Contains("\"1.weight\":{\"dtype\":\"F32\",\"shape\":[4,3,3,3]", header);
        Assert.Contains("\"2.weight\":{\"dtype\":\"F32\",\"shape\":[5,16]", header);
        var copy = new C1_Conv2DMaxPoolSoftmax(2);
        saved.Position = 0;
        copy.LoadWeights(saved);
        Assert.Equal(net.Parameters.ToArray(), copy.Parameters.ToArray());
    }

    [Fact]
    public void AMismatchedConvolutionTensorIsRefusedAndChangesNothing()
    {
        // The 1-D network's file has four parameterised modules, and its first weight is a Conv1d [3, 2, 4].
        var net = new C1_Conv2DMaxPoolSoftmax(1);
        float[] before = net.Parameters.ToArray();
        var error = Assert.Throws<InvalidDataException>(() => net.LoadWeights(Data("cnn_c7.safetensors")));
        Assert.Contains("the file has 4 layers with parameters (indices 0, 2, 5, 7) but C1_Conv2DMaxPoolSoftmax has 3 layers", error.Message);
        var map = new System.Collections.Generic.Dictionary<string, string> { ["0.weight"] = "0.weight", ["0.bias"] = "0.bias",
            ["1.weight"] = "2.weight", ["1.bias"] = "2.bias", ["2.weight"] = "5.weight", ["2.bias"] = "5.bias" };
        error = Assert.Throws<InvalidDataException>(() => net.LoadWeights(Data("cnn_c7.safetensors"), map));
        Assert.Contains("layer 0 weight: expected [3, 1, 3, 3] but the file has [3, 2, 4]", error.Message);
        Assert.Equal(before, net.Parameters.ToArray());
    }
}
