using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using NetGen;

namespace NetGen.SafetensorsTests;

/// <summary>
/// LoadWeights with an ONNX model (told from safetensors by its content): PyTorch's exports give torch's outputs, and a
/// graph that does not match the network is refused with the node named, the parameters left as they were.
/// </summary>
public sealed class OnnxLoadTests
{
    private static JsonElement Fixture(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(TestFiles.DataFile("onnx_fixture.json")));
        return document.RootElement.GetProperty("files").GetProperty(file).Clone();
    }

    private static float[] Floats(JsonElement e, string property) => e.GetProperty(property).EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();

    public static TheoryData<string> Files => new() { "mlp.onnx", "cnn.onnx", "deep.onnx", "gelu.onnx" };

    private static INetwork Create(string file) => file switch
    {
        "mlp.onnx" => new OnnxMlp(5),
        "cnn.onnx" => new OnnxCnn(5),
        "deep.onnx" => new DeepNet(5),
        "gelu.onnx" => new GeluNet(5),
        _ => throw new ArgumentException(file),
    };

    private static void Load(INetwork net, string path)
    {
        switch (net)
        {
            case OnnxMlp n: n.LoadWeights(path); break;
            case OnnxCnn n: n.LoadWeights(path); break;
            case DeepNet n: n.LoadWeights(path); break;
            case GeluNet n: n.LoadWeights(path); break;
            default: Safetensors.Load(net, path); break;
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void PyTorchsOnnxExportGivesTorchsOutputs(string file)
    {
        JsonElement fixture = Fixture(file);
        INetwork net = Create(file);
        Load(net, TestFiles.DataFile(file));
        float[] x = Floats(fixture, "inputs"), expected = Floats(fixture, "outputs");
        var actual = new float[expected.Length];
        net.Forward(x, actual);
        for (int k = 0; k < expected.Length; k++)
            Assert.True(Math.Abs(actual[k] - expected[k]) <= 1e-5f * (1 + Math.Abs(expected[k])), $"{file} output {k}: {actual[k]:R} vs torch {expected[k]:R}");
    }

    [Fact]
    public void AStreamWorksAsAPathDoesAndSafetensorsStillLoads()
    {
        var fromPath = new OnnxMlp(1);
        fromPath.LoadWeights(TestFiles.DataFile("mlp.onnx"));
        var fromStream = new OnnxMlp(2);
        using (var stream = File.OpenRead(TestFiles.DataFile("mlp.onnx"))) fromStream.LoadWeights(stream);
        Assert.Equal(TestFiles.Bits(fromPath), TestFiles.Bits(fromStream));

        var again = new OnnxMlp(3);
        again.LoadWeights(new MemoryStream(TestFiles.SaveToBytes(fromPath)));
        Assert.Equal(TestFiles.Bits(fromPath), TestFiles.Bits(again));
    }

    public static TheoryData<string, string> Mismatches => new()
    {
        // the network, the ONNX file, and what the error must say
        { "TinyNet mlp", "mlp.onnx' into TinyNet: layer 0 is Dense 4 → 3, Tanh but the graph applies ReLU (node '/1/Relu') before node '/2/Gemm'." },
        { "TorchNet mlp", "node '/0/Gemm' (Gemm) has '0.weight' of shape [3, 4] but layer 0 (Dense 4 → 8, ReLU) expects [8, 4]" },
        { "OnnxMlp deep", "node '/0/Gemm' (Gemm) has '0.weight' of shape [7, 5]" },
        { "Tanh mlp", "layer 0 is Dense 4 → 3, Tanh but the graph applies ReLU (node '/1/Relu') before node '/2/Gemm'." },
        { "OnnxMlp cnn", "node '/0/Conv' (Conv) is a convolution but layer 0 (Dense 4 → 3, ReLU) is dense" },
        { "GeluNet deep", "has '0.weight' of shape [7, 5] but layer 0 (Dense 3 → 5, GELU) expects [5, 3]" },
        { "Unpadded cnn", "node '/0/Conv' (Conv) has pads [1, 1, 1, 1] but layer 0 (Conv2D 2 filters, kernel 3, stride 1, padding 0, ReLU) has padding 0 on each side" },
        { "Strided cnn", "node '/0/Conv' (Conv) has strides [1, 1] but layer 0 (Conv2D 2 filters, kernel 3, stride 2, padding 1, ReLU) has stride 2" },
    };

    [Theory]
    [MemberData(nameof(Mismatches))]
    public void AGraphThatDoesNotMatchIsRefusedAndChangesNothing(string which, string message)
    {
        string[] parts = which.Split(' ');
        INetwork net = parts[0] switch
        {
            "TinyNet" => new TinyNet(9),
            "TorchNet" => new TorchNet(9),
            "OnnxMlp" => new OnnxMlp(9),
            "Tanh" => new TanhMlp(9),
            "GeluNet" => new GeluNet(9),
            "Unpadded" => new OnnxCnnUnpadded(9),
            "Strided" => new OnnxCnnStrided(9),
            _ => throw new ArgumentException(which),
        };
        int[] before = TestFiles.Bits(net);
        var e = Assert.Throws<InvalidDataException>(() => Safetensors.Load(net, TestFiles.DataFile(parts[1] + ".onnx")));
        Assert.Contains(message, e.Message);
        Assert.Equal(before, TestFiles.Bits(net));
    }

    [Fact]
    public void AnUnsupportedOpIsNamed()
    {
        // mlp.onnx with its Relu renamed to Selu (same length, so every length field stays right).
        byte[] bytes = File.ReadAllBytes(TestFiles.DataFile("mlp.onnx"));
        byte[] relu = Encoding.ASCII.GetBytes("\x04Relu"), selu = Encoding.ASCII.GetBytes("\x04Selu");
        int at = bytes.AsSpan().IndexOf(relu);
        Assert.True(at > 0);
        selu.CopyTo(bytes, at);
        var net = new OnnxMlp(1);
        int[] before = TestFiles.Bits(net);
        var e = Assert.Throws<InvalidDataException>(() => net.LoadWeights(new MemoryStream(bytes)));
        Assert.Contains("node '/1/Relu' (Selu) has op Selu, which NetGen does not load", e.Message);
        Assert.Equal(before, TestFiles.Bits(net));
    }

    [Fact]
    public void MatMulPlusAddAndAnUntransposedGemmAreDenseLayersToo()
    {
        // x·W1 + b1 (MatMul by W1 = [4, 3], then Add), ReLU, then Gemm with transB = 0 (W2 = [3, 1]), Sigmoid.
        static byte[] Node(string op, string[] inputs, string output, params byte[][] attributes) => OnnxReaderTests.Concat(
            [.. inputs.Select(i => OnnxReaderTests.StringField(1, i)), OnnxReaderTests.StringField(2, output), OnnxReaderTests.StringField(3, "n_" + output),
             OnnxReaderTests.StringField(4, op), .. attributes.Select(a => OnnxReaderTests.BytesField(5, a))]);
        static byte[] Tensor(string name, long[] dims, float[] values) => OnnxReaderTests.Concat(
            [.. dims.Select(d => OnnxReaderTests.VarintField(1, d)), OnnxReaderTests.VarintField(2, 1), OnnxReaderTests.StringField(8, name),
             OnnxReaderTests.BytesField(9, OnnxReaderTests.Floats(values))]);
        float[] w1 = Enumerable.Range(0, 12).Select(i => (i - 5) / 10f).ToArray(), b1 = [0.1f, -0.2f, 0.3f], w2 = [0.5f, -1f, 2f], b2 = [0.25f];
        byte[] graph = OnnxReaderTests.Concat(
            OnnxReaderTests.BytesField(1, Node("MatMul", ["x", "W1"], "h")),
            OnnxReaderTests.BytesField(1, Node("Add", ["h", "b1"], "z")),
            OnnxReaderTests.BytesField(1, Node("Relu", ["z"], "a")),
            OnnxReaderTests.BytesField(1, Node("Gemm", ["a", "W2", "b2"], "y2", OnnxReaderTests.Concat(OnnxReaderTests.StringField(1, "transB"), OnnxReaderTests.VarintField(3, 0), OnnxReaderTests.VarintField(20, 2)))),
            OnnxReaderTests.BytesField(1, Node("Sigmoid", ["y2"], "y")),
            OnnxReaderTests.BytesField(5, Tensor("W1", [4, 3], w1)), OnnxReaderTests.BytesField(5, Tensor("b1", [3], b1)),
            OnnxReaderTests.BytesField(5, Tensor("W2", [3, 1], w2)), OnnxReaderTests.BytesField(5, Tensor("b2", [1], b2)));
        byte[] model = OnnxReaderTests.Concat(OnnxReaderTests.VarintField(1, 8),
            OnnxReaderTests.BytesField(8, OnnxReaderTests.Concat(OnnxReaderTests.StringField(1, ""), OnnxReaderTests.VarintField(2, 13))),
            OnnxReaderTests.BytesField(7, graph));
        var net = new OnnxMlp(1);
        net.LoadWeights(new MemoryStream(model));
        float[] x = [0.3f, -0.7f, 1.1f, 0.2f];
        double y = b2[0];
        for (int j = 0; j < 3; j++)
        {
            double z = b1[j];
            for (int i = 0; i < 4; i++) z += x[i] * w1[i * 3 + j];
            y += Math.Max(z, 0) * w2[j];
        }
        var output = new float[1];
        net.Forward(x, output);
        Assert.Equal(1 / (1 + Math.Exp(-y)), output[0], 6);
        Assert.Equal(w1[1 * 3 + 0], net.W1[1]); // W1 row 0 (unit 0), input 1 = MatMul's W1[1, 0]
    }

    [Fact]
    public void TooFewAndTooManyLayersAreNamed()
    {
        var three = Assert.Throws<InvalidDataException>(() => new DeepNet(1).LoadWeights(TestFiles.DataFile("mlp.onnx")));
        Assert.Contains("DeepNet", three.Message);
        var one = Assert.Throws<InvalidDataException>(() => new OnnxMlp(1).LoadWeights(TestFiles.DataFile("deep.onnx")));
        Assert.Contains("node '/0/Gemm' (Gemm) has '0.weight' of shape [7, 5]", one.Message);
    }
}
