using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetGen.Tests.GradientCheck;

namespace NetGen.Tests.Activations;

/// <summary>
/// GELU (PyTorch's erf form), SiLU, ELU and Softplus as hidden and output activations, and LeakyReLU with a slope of its
/// own (nn.LeakyReLU(0.3)), against torch in float64
/// (make_activation_fixture.py): outputs, cost and gradients, on the kernel path (12 hidden units) and the written-out
/// one (5), with cross-entropy and mean squared error.
/// </summary>
public sealed class TorchActivationTests
{
    private static JsonElement[] Cases()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Activations", "activation_fixture.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.Clone()).ToArray();
    }

    public static TheoryData<string> Networks => new(Cases().Select(c => c.GetProperty("network").GetString()!));

    private static float[] Floats(JsonElement c, string property) => c.GetProperty(property).EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();

    [Fact]
    public void TheFixtureCoversEveryActivationOnBothPathsAndBothLosses()
    {
        string[] names = Networks.Select(r => (string)r.Data).ToArray();
        Assert.Equal(13, names.Length);
        Assert.Contains("GSlopeWide_LeakyReLU03_CeSoftmax", names);
        foreach (string activation in new[] { "GELU", "SiLU", "ELU", "Softplus" })
            Assert.Equal(3, names.Count(n => n.Contains("_" + activation + "_", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void OutputsCostAndGradientsMatchPyTorch(string name)
    {
        JsonElement c = Cases().Single(x => x.GetProperty("network").GetString() == name);
        INetwork net = GradientCheckNetworks.Create(1).Single(n => n.Network.GetType().Name == name).Network;
        if (name.Contains("LeakyReLU03", StringComparison.Ordinal)) Assert.Equal(0.3f, net.GetLayerShape(0).Slope);
        Floats(c, "parameters").CopyTo(net.Parameters);
        float[] x = Floats(c, "inputs"), y = Floats(c, "targets"), expected = Floats(c, "outputs"), gradients = Floats(c, "gradients");

        var outputs = new float[expected.Length];
        net.Forward(x, outputs);
        for (int k = 0; k < expected.Length; k++)
            Assert.True(Math.Abs(outputs[k] - expected[k]) <= 1e-5f * (1 + Math.Abs(expected[k])), $"output {k}: {outputs[k]:R} vs torch {expected[k]:R}");

        var g = new float[net.ParameterCount];
        float cost = net.ComputeGradients(x, y, g);
        double torchCost = c.GetProperty("cost").GetDouble();
        Assert.True(Math.Abs(cost - torchCost) <= 1e-5 * (1 + Math.Abs(torchCost)), $"cost {cost} vs torch {torchCost}");
        float scale = gradients.Max(Math.Abs);
        Assert.True(scale > 1e-3f, "the fixture's gradient must not vanish");
        for (int k = 0; k < g.Length; k++)
            Assert.True(Math.Abs(g[k] - gradients[k]) <= 1e-5f * (1 + scale), $"gradient {k}: {g[k]:R} vs torch {gradients[k]:R}");
    }
}
