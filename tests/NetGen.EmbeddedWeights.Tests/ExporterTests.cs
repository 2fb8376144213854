using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetGen.WeightsExport;

namespace NetGen.EmbeddedWeightsTests;

/// <summary>tools/NetGen.WeightsExport: safetensors (NetGen's or PyTorch nn.Sequential) → netgen-weights/1 JSON.</summary>
public class ExporterTests
{
    private static string Export(string safetensorsPath)
    {
        var json = new StringWriter(CultureInfo.InvariantCulture);
        using var stream = File.OpenRead(safetensorsPath);
        WeightsExporter.Export(stream, json, Path.GetFileName(safetensorsPath));
        return json.ToString();
    }

    private static string Export(byte[] safetensors)
    {
        var json = new StringWriter(CultureInfo.InvariantCulture);
        WeightsExporter.Export(new MemoryStream(safetensors), json, "test.safetensors");
        return json.ToString();
    }

    [Fact]
    public void TheCommittedFixtureIsExactlyWhatTheExporterWrites() =>
        Assert.Equal(File.ReadAllText(Files.TestData("deep_f32.weights.json")).Replace("\r\n", "\n"), Export(Files.Torch("deep_f32.safetensors")));

    [Fact]
    public void RenumbersSequentialIndicesAndRecordsWhereEachTensorCameFrom()
    {
        using var document = JsonDocument.Parse(Export(Files.Torch("deep_f32.safetensors")));
        var root = document.RootElement;
        Assert.Equal("netgen-weights/1", root.GetProperty("format").GetString());
        Assert.Equal(["0.weight", "0.bias", "1.weight", "1.bias", "2.weight", "2.bias"], root.GetProperty("tensors").EnumerateObject().Select(p => p.Name));
        Assert.Equal([7, 5], root.GetProperty("tensors").GetProperty("0.weight").GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
        Assert.Equal([6, 7], root.GetProperty("tensors").GetProperty("1.weight").GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
        Assert.Equal([2], root.GetProperty("tensors").GetProperty("2.bias").GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
        var metadata = root.GetProperty("metadata");
        Assert.Equal("deep_f32.safetensors", metadata.GetProperty("source").GetString());
        Assert.Equal("5 → 7 → 6 → 2", metadata.GetProperty("architecture").GetString());
        Assert.Equal("3.weight", metadata.GetProperty("source_tensors").GetProperty("1.weight").GetString());
        Assert.Equal("12.bias", metadata.GetProperty("source_tensors").GetProperty("2.bias").GetString());
        Assert.Equal("pt", metadata.GetProperty("source_metadata").GetProperty("format").GetString());
    }

    /// <summary>
    /// A CNN's state dict (Conv2d, Conv2d, Linear): the weights keep their 4-D shapes, and every value is the one the
    /// generator compiled into <see cref="CompiledCnn"/> from the fixture script's JSON for the same file.
    /// </summary>
    [Fact]
    public void ConvolutionalStateDictsKeepTheirShapesAndValues()
    {
        string text = Export(Files.Torch("cnn_c1_embedded.safetensors"));
        using var document = JsonDocument.Parse(text);
        var tensors = document.RootElement.GetProperty("tensors");
        int[] Shape(string name) => tensors.GetProperty(name).GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
        Assert.Equal([3, 1, 3, 3], Shape("0.weight"));
        Assert.Equal([4, 3, 3, 3], Shape("1.weight"));
        Assert.Equal([5, 16], Shape("2.weight"));
        float[] values = tensors.EnumerateObject()
            .SelectMany(t => t.Value.GetProperty("data").EnumerateArray().Select(v => (float)v.GetDouble())).ToArray();
        Assert.Equal(CompiledCnn.EmbeddedParameters.ToArray(), values);
        var metadata = document.RootElement.GetProperty("metadata");
        Assert.Equal("Conv2D 1 → 3 (k 3) → Conv2D 3 → 4 (k 3) → Dense 16 → 5", metadata.GetProperty("architecture").GetString());
        Assert.Equal("3.weight", metadata.GetProperty("source_tensors").GetProperty("1.weight").GetString());
        // Each filter's C·K·K weights start a new line.
        Assert.Contains("\"0.weight\": {\n      \"shape\": [3, 1, 3, 3],", text);
    }

    [Fact]
    public void TheDeclarationOfACnnSaysWhatTheStateDictDoesNotRecord()
    {
        var summary = WeightsExporter.Export(File.OpenRead(Files.Torch("cnn_c1_embedded.safetensors")), new StringWriter(), "cnn.safetensors");
        Assert.Equal(3 * 9 + 3 + 4 * 27 + 4 + 5 * 16 + 5, summary.ParameterCount);
        Assert.Equal("""
            [Network(1, /* height */, /* width */, Weights = "cnn.weights.json")]
            [Conv2D(3, 3, Activation./* as in the model */ /* , Stride = …, Padding = … as in the model */)]
            // pooling layers as in the model
            [Conv2D(4, 3, Activation./* as in the model */ /* , Stride = …, Padding = … as in the model */)]
            // pooling layers as in the model, then:
            [Flatten]
            [Dense(5, Activation./* as in the model */)]

            """.Replace("\r\n", "\n"), summary.Declaration("cnn.weights.json"));
    }

    /// <summary>Each value, read the way the generator reads it, is the float LoadWeights reads from the same file.</summary>
    [Theory]
    [InlineData("torch_f32.safetensors", "2.weight")]
    [InlineData("torch_prefixed.safetensors", "model.2.weight")]
    [InlineData("torch_shuffled.safetensors", "2.weight")]
    [InlineData("torch_f16.safetensors", "2.weight")]
    [InlineData("torch_bf16.safetensors", "2.weight")]
    [InlineData("torch_f64.safetensors", "2.weight")]
    public void ValuesAreThoseLoadWeightsReads(string file, string secondWeightSource)
    {
        var loaded = new TorchNet(7);
        loaded.LoadWeights(Files.Torch(file));

        using var document = JsonDocument.Parse(Export(Files.Torch(file)));
        var tensors = document.RootElement.GetProperty("tensors");
        float[] exported = tensors.EnumerateObject()
            .SelectMany(t => t.Value.GetProperty("data").EnumerateArray())
            .Select(v => (float)double.Parse(v.GetRawText(), CultureInfo.InvariantCulture))
            .ToArray();
        Assert.Equal(Files.Bits(loaded.Parameters), Files.Bits(exported));
        Assert.Equal(secondWeightSource, document.RootElement.GetProperty("metadata").GetProperty("source_tensors").GetProperty("1.weight").GetString());
    }

    [Fact]
    public void NumbersAreShortestAndReadBackExactly()
    {
        Assert.Equal("0.1", WeightsExporter.Number(0.1f));
        Assert.Equal("-20", WeightsExporter.Number(-20f));
        Assert.Equal("-0", WeightsExporter.Number(-0f));
        Assert.Equal("0", WeightsExporter.Number(0f));
        Assert.Equal("1E-45", WeightsExporter.Number(float.Epsilon));
        Assert.Equal("3.4028235E+38", WeightsExporter.Number(float.MaxValue));

        var rng = new Random(12345);
        for (int i = 0; i < 200_000; i++)
        {
            float value = BitConverter.Int32BitsToSingle(rng.Next() ^ (rng.Next(2) << 31));
            if (!float.IsFinite(value)) continue;
            string text = WeightsExporter.Number(value);
            float back = (float)double.Parse(text, CultureInfo.InvariantCulture);
            Assert.True(BitConverter.SingleToInt32Bits(back) == BitConverter.SingleToInt32Bits(value), $"{value:R} was written as {text}");
            using var json = JsonDocument.Parse(text); // always valid JSON
        }
    }

    [Fact]
    public void NetGenFilesKnowTheirActivations()
    {
        var summary = WeightsExporter.Export(File.OpenRead(Files.Torch("netgen_deep.safetensors")), TextWriter.Null, "netgen_deep.safetensors");
        Assert.Equal("""
            [Network(5, Weights = "models/deep.weights.json")]
            [Dense(7, Activation.Tanh)]
            [Dense(6, Activation.LeakyReLU)]
            [Dense(2, Activation.Sigmoid)]

            """.Replace("\r\n", "\n"), summary.Declaration(@"models\deep.weights.json"));
        Assert.Equal(104, summary.ParameterCount);

        var torch = WeightsExporter.Export(File.OpenRead(Files.Torch("torch_f32.safetensors")), TextWriter.Null, "torch_f32.safetensors");
        Assert.Equal("[Dense(8, Activation./* as in the model */)]", torch.Declaration("w.json").Split('\n')[1]);
    }

    [Fact]
    public void NewerActivationsAndASlopeSurviveSaveAndExport()
    {
        var net = new NewActivationsNet(3);
        var file = new MemoryStream();
        net.SaveWeights(file);
        var summary = WeightsExporter.Export(new MemoryStream(file.ToArray()), TextWriter.Null, "new.safetensors");
        Assert.Equal("""
            [Network(3, Weights = "new.weights.json")]
            [Dense(4, Activation.GELU)]
            [Dense(3, Activation.LeakyReLU, Slope = 0.2f)]
            [Dense(2, Activation.Softplus)]
            [Dense(1, Activation.Sigmoid)]

            """.Replace("\r\n", "\n"), summary.Declaration("new.weights.json"));
    }

    [Fact]
    public void AnActivationNumberTheToolDoesNotKnowIsNotWrittenAsOne()
    {
        // The metadata of a newer NetGen with an activation 42 this tool cannot name: left for the user, not "Activation.42".
        byte[] file = Files.SafetensorsWithMetadata([("netgen.layers", "1:42")],
            ("0.weight", "F32", [1, 2], Files.F32(1f, 2f)), ("0.bias", "F32", [1], Files.F32(0f)));
        var summary = WeightsExporter.Export(new MemoryStream(file), TextWriter.Null, "x.safetensors");
        Assert.Equal("[Dense(1, Activation./* as in the model */)]", summary.Declaration("x.json").Split('\n')[1]);
    }

    [Fact]
    public void WrapsSixteenValuesPerLineAndStartsEachRowOnANewLine()
    {
        float[] weight = Enumerable.Range(1, 2 * 20).Select(i => (float)i).ToArray();
        string json = Export(Files.Safetensors(("0.weight", "F32", [2, 20], Files.F32(weight)), ("0.bias", "F32", [2], Files.F32(0.5f, -0.25f))));
        Assert.Contains("""
                "0.weight": {
                  "shape": [2, 20],
                  "data": [
                    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                    17, 18, 19, 20,
                    21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36,
                    37, 38, 39, 40
                  ]
                },
                "0.bias": {
                  "shape": [2],
                  "data": [
                    0.5, -0.25
                  ]
                }
              }
            }
            """.Replace("\r\n", "\n"), json);
        Assert.DoesNotContain(" \n", json);
    }

    public static TheoryData<string, byte[], string> Refused => new()
    {
        { "empty", Files.Safetensors(), "the file contains no tensors." },
        { "rank-1 weight", Files.Safetensors(("0.weight", "F32", [3], Files.F32(1, 2, 3)), ("0.bias", "F32", [3], Files.F32(1, 2, 3))),
            "layer 0: weight '0.weight' has shape [3]; a layer's weight is [units, inputs] (Linear), [filters, channels, k] (Conv1d) or [filters, channels, k, k] (Conv2d)." },
        { "rank-5 weight", Files.Safetensors(("0.weight", "F32", [1, 1, 1, 1, 1], Files.F32(1)), ("0.bias", "F32", [1], Files.F32(1))),
            "layer 0: weight '0.weight' has shape [1, 1, 1, 1, 1]; a layer's weight is [units, inputs] (Linear), [filters, channels, k] (Conv1d) or [filters, channels, k, k] (Conv2d)." },
        { "non-square kernel", Files.Safetensors(("0.weight", "F32", [1, 1, 1, 2], Files.F32(1, 2)), ("0.bias", "F32", [1], Files.F32(1))),
            "layer 0: weight '0.weight' [1, 1, 1, 2] has a 1×2 kernel; NetGen's convolutions have square kernels." },
        { "convolution after a Linear", Files.Safetensors(
                ("0.weight", "F32", [4, 2], new byte[32]), ("0.bias", "F32", [4], new byte[16]),
                ("1.weight", "F32", [1, 4, 1, 1], new byte[16]), ("1.bias", "F32", [1], new byte[4])),
            "layer 1: weight '1.weight' [1, 4, 1, 1] is a convolution after the Linear layer 0 ('0.weight'); NetGen's convolutions come before its dense layers." },
        { "Conv1d after Conv2d", Files.Safetensors(
                ("0.weight", "F32", [2, 1, 1, 1], new byte[8]), ("0.bias", "F32", [2], new byte[8]),
                ("1.weight", "F32", [1, 2, 1], new byte[8]), ("1.bias", "F32", [1], new byte[4])),
            "layer 1: weight '1.weight' [1, 2, 1] is a Conv1d after a Conv2d (layer 0, '0.weight' [2, 1, 1, 1]); one network's convolutions have one rank." },
        { "broken convolution chain", Files.Safetensors(
                ("0.weight", "F32", [2, 1, 1, 1], new byte[8]), ("0.bias", "F32", [2], new byte[8]),
                ("1.weight", "F32", [1, 3, 1, 1], new byte[12]), ("1.bias", "F32", [1], new byte[4])),
            "layer 1: weight '1.weight' [1, 3, 1, 1] takes 3 channels, but layer 0 ('0.weight') has 2 filters; the Conv modules do not form a chain." },
        { "bias of another size", Files.Safetensors(("0.weight", "F32", [3, 2], Files.F32(1, 2, 3, 4, 5, 6)), ("0.bias", "F32", [2], Files.F32(1, 2))),
            "layer 0: bias '0.bias' has shape [2], but its weight '0.weight' [3, 2] needs [3]." },
        { "broken chain", Files.Safetensors(
                ("0.weight", "F32", [3, 2], Files.F32(1, 2, 3, 4, 5, 6)), ("0.bias", "F32", [3], Files.F32(1, 2, 3)),
                ("2.weight", "F32", [1, 4], Files.F32(1, 2, 3, 4)), ("2.bias", "F32", [1], Files.F32(1))),
            "layer 1: weight '2.weight' [1, 4] takes 4 inputs, but layer 0 ('0.weight') has 3 units; the Linear modules do not form a chain." },
        { "NaN", Files.Safetensors(("0.weight", "F32", [1, 2], Files.F32(1, float.NaN)), ("0.bias", "F32", [1], Files.F32(1))),
            "layer 0: tensor '0.weight' holds NaN at index 1; embedded weights must be finite floats." },
        { "F64 beyond float", Files.Safetensors(("0.weight", "F64", [1, 1], BitConverter.GetBytes(1e300)), ("0.bias", "F32", [1], Files.F32(1))),
            "layer 0: tensor '0.weight' holds Infinity at index 0; embedded weights must be finite floats (an F64 value beyond the float range)." },
        { "integer dtype", Files.Safetensors(("0.weight", "I32", [1, 1], new byte[4]), ("0.bias", "F32", [1], Files.F32(1))),
            "layer 0: tensor '0.weight' has dtype I32; the exporter reads F32, F64, F16 and BF16." },
        { "no bias", Files.Safetensors(("0.weight", "F32", [1, 1], Files.F32(1))),
            "missing tensor '0.bias' (layer 0 bias): the file has '0.weight' but no bias for it (NetGen layers always have a bias; a Linear(bias=False) needs an explicit zero bias)." },
        { "other names", Files.Safetensors(("fc1.weight", "F32", [1, 1], Files.F32(1)), ("fc1.bias", "F32", [1], Files.F32(1))),
            "tensor 'fc1.bias' is not named '<index>.weight' or '<index>.bias' (optionally after a prefix such as 'net.'), as NetGen and nn.Sequential state dicts name Linear parameters; pass a nameMap to load other names." },
        { "not safetensors", "{\"format\": \"netgen-weights/1\"}"u8.ToArray(),
            "the header length is 8386104319403238011 bytes, over the 100 MB limit; this is probably not a safetensors file." },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void RefusesWhatCannotBeEmbedded(string what, byte[] file, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => Export(file));
        Assert.True(message == error.Message, $"{what}: {error.Message}");
    }
}
