using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using NetGen;

namespace NetGen.SafetensorsTests;

public sealed class NameMapTests
{
    private static readonly TinyNet Source = new(seed: 1);

    /// <summary>TinyNet's file with its tensors renamed, plus an unrelated I64 tensor.</summary>
    private static byte[] Renamed(params (string From, string To)[] renames) => TestFiles.EditHeader(TestFiles.SaveToBytes(Source), h =>
    {
        foreach ((string from, string to) in renames)
        {
            JsonNode entry = h[from]!;
            h.Remove(from);
            h[to] = entry;
        }
        h["optimizer.step"] = new JsonObject { ["dtype"] = "I64", ["shape"] = new JsonArray(), ["data_offsets"] = new JsonArray(76, 84) };
    }, data => [.. data, .. new byte[8]]);

    private static readonly byte[] Custom = Renamed(("0.weight", "encoder.fc1.weight"), ("0.bias", "encoder.fc1.bias"), ("1.weight", "head.weight"), ("1.bias", "head.bias"));

    private static readonly Dictionary<string, string> CustomMap = new()
    {
        ["0.weight"] = "encoder.fc1.weight",
        ["0.bias"] = "encoder.fc1.bias",
        ["1.weight"] = "head.weight",
        ["1.bias"] = "head.bias",
    };

    [Fact]
    public void MapsNetGenNamesToTheFilesNamesAndIgnoresOtherTensors()
    {
        var net = new TinyNet(2);
        Safetensors.Load(net, new MemoryStream(Custom), CustomMap);
        Assert.Equal(TestFiles.Bits(Source), TestFiles.Bits(net));
    }

    [Fact]
    public void WithoutAMapSuchAFileIsRefused()
    {
        var net = new TinyNet(2);
        int[] before = TestFiles.Bits(net);
        var e = Assert.Throws<InvalidDataException>(() => Safetensors.Load(net, new MemoryStream(Custom)));
        Assert.Contains("tensor 'encoder.fc1.bias' is not named '<index>.weight' or '<index>.bias'", e.Message);
        Assert.Contains("pass a nameMap", e.Message);
        Assert.Equal(before, TestFiles.Bits(net));
    }

    [Fact]
    public void KeysLeftOutOfTheMapMeanTheNetGenName()
    {
        byte[] file = Renamed(("1.weight", "head.weight"), ("1.bias", "head.bias"));
        var net = new TinyNet(2);
        Safetensors.Load(net, new MemoryStream(file), new Dictionary<string, string> { ["1.weight"] = "head.weight", ["1.bias"] = "head.bias" });
        Assert.Equal(TestFiles.Bits(Source), TestFiles.Bits(net));

        // An empty map: every NetGen name as is, the extra tensor ignored.
        var other = new TinyNet(3);
        Safetensors.Load(other, new MemoryStream(Renamed()), new Dictionary<string, string>());
        Assert.Equal(TestFiles.Bits(Source), TestFiles.Bits(other));
    }

    [Fact]
    public void AMappedTensorThatIsAbsentIsNamedInTheError()
    {
        var net = new TinyNet(2);
        int[] before = TestFiles.Bits(net);
        var map = new Dictionary<string, string>(CustomMap) { ["1.bias"] = "head.b" };
        var e = Assert.Throws<InvalidDataException>(() => Safetensors.Load(net, new MemoryStream(Custom), map));
        Assert.Contains("missing tensor 'head.b' (the nameMap entry for layer 1 bias '1.bias')", e.Message);
        Assert.Equal(before, TestFiles.Bits(net));

        e = Assert.Throws<InvalidDataException>(() => Safetensors.Load(net, new MemoryStream(Custom),
            new Dictionary<string, string> { ["1.weight"] = "head.weight", ["1.bias"] = "head.bias" }));
        Assert.Contains("missing tensor '0.weight' (layer 0 weight; nameMap has no entry for '0.weight')", e.Message);
        Assert.Equal(before, TestFiles.Bits(net));
    }

    [Fact]
    public void MappedTensorsAreShapeChecked()
    {
        var net = new TinyNet(2);
        int[] before = TestFiles.Bits(net);
        var swapped = new Dictionary<string, string>(CustomMap) { ["0.weight"] = "head.weight", ["1.weight"] = "encoder.fc1.weight" };
        var e = Assert.Throws<InvalidDataException>(() => Safetensors.Load(net, new MemoryStream(Custom), swapped));
        Assert.Contains("layer 0 weight: expected [3, 4] but the file has [1, 3] (tensor 'head.weight')", e.Message);
        Assert.Equal(before, TestFiles.Bits(net));
    }

    [Theory]
    [InlineData("2.weight")]
    [InlineData("0.Weight")]
    [InlineData("01.bias")]
    [InlineData("-1.bias")]
    [InlineData("fc1.weight")]
    [InlineData("layer0")]
    public void KeysThatAreNotParametersOfTheNetworkAreArgumentErrors(string key)
    {
        var net = new TinyNet(2);
        int[] before = TestFiles.Bits(net);
        var e = Assert.Throws<ArgumentException>(() =>
            Safetensors.Load(net, new MemoryStream(Custom), new Dictionary<string, string> { [key] = "head.weight" }));
        Assert.Equal("nameMap", e.ParamName);
        Assert.Contains($"nameMap key '{key}' is not a tensor of this network", e.Message);
        Assert.Contains("'1.bias'", e.Message);
        Assert.Equal(before, TestFiles.Bits(net));
    }

    [Fact]
    public void EmptyTargetNamesAreArgumentErrors()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            Safetensors.Load(new TinyNet(2), new MemoryStream(Custom), new Dictionary<string, string> { ["0.bias"] = "" }));
        Assert.Equal("nameMap", e.ParamName);
    }

    [Fact]
    public void EvenIgnoredTensorsMustBeWellFormed()
    {
        byte[] file = TestFiles.EditHeader(Custom, h => h["optimizer.step"]!["data_offsets"] = new JsonArray(70, 78));
        var e = Assert.Throws<InvalidDataException>(() => Safetensors.Load(new TinyNet(2), new MemoryStream(file), CustomMap));
        Assert.Contains("overlap", e.Message);
    }
}

public sealed class DTypeTests
{
    private static readonly Half[] HalfValues =
        [(Half)1.5f, (Half)(-2.25f), Half.NaN, Half.PositiveInfinity, Half.NegativeInfinity, Half.NegativeZero,
         Half.Epsilon, Half.MaxValue, (Half)0.1f, BitConverter.UInt16BitsToHalf(0x03FF), (Half)1f, (Half)(-65504f)];

    private static readonly float[] HalfExpected =
        [1.5f, -2.25f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f,
         5.9604645E-08f, 65504f, 0.099975586f, 6.097555E-05f, 1f, -65504f];

    private static readonly ushort[] BFloatBits = [0x3FC0, 0xC010, 0x7FC0];
    private static readonly float[] BFloatExpected = [1.5f, -2.25f, float.NaN];

    private static readonly double[] DoubleValues = [0.1, 1e300, -1e-50];
    private static readonly float[] DoubleExpected = [0.1f, float.PositiveInfinity, -0f];

    private static readonly float[] FloatValues = [BitConverter.Int32BitsToSingle(0x7FC0_0001)];

    [Fact]
    public void EachTensorMayHaveItsOwnSupportedDtype()
    {
        byte[] file = TestFiles.Build(
        [
            new RawTensor("0.weight", "F16", [3, 4], TestFiles.F16(HalfValues)),
            new RawTensor("0.bias", "BF16", [3], TestFiles.U16(BFloatBits)),
            new RawTensor("1.weight", "F64", [1, 3], TestFiles.F64(DoubleValues)),
            new RawTensor("1.bias", "F32", [1], TestFiles.F32(FloatValues)),
        ]);
        var net = new TinyNet(1);
        Safetensors.Load(net, new MemoryStream(file));

        float[] expected = [.. HalfExpected, .. BFloatExpected, .. DoubleExpected, .. FloatValues];
        float[] actual = net.Parameters.ToArray();
        for (int i = 0; i < expected.Length; i++)
        {
            if (float.IsNaN(expected[i])) Assert.True(float.IsNaN(actual[i]), $"parameter {i} should be NaN but is {actual[i]}");
            else Assert.Equal(BitConverter.SingleToInt32Bits(expected[i]), BitConverter.SingleToInt32Bits(actual[i]));
        }
        Assert.Equal(0x7FC0_0001, BitConverter.SingleToInt32Bits(actual[^1])); // F32 bits are copied, payload and all
    }

    [Theory]
    [InlineData(0x0001, 9.18355E-41f)]   // smallest subnormal
    [InlineData(0x8000, -0f)]
    [InlineData(0x7F80, float.PositiveInfinity)]
    [InlineData(0xFF80, float.NegativeInfinity)]
    [InlineData(0x4049, 3.140625f)]
    [InlineData(0x7F7F, 3.3895314E+38f)] // largest finite
    public void BFloat16IsTheUpperHalfOfAFloat(int bits, float expected)
    {
        byte[] file = TestFiles.Build(
        [
            new RawTensor("0.weight", "F32", [3, 4], TestFiles.F32(new float[12])),
            new RawTensor("0.bias", "BF16", [3], TestFiles.U16((ushort)bits, 0, 0)),
            new RawTensor("1.weight", "F32", [1, 3], TestFiles.F32(new float[3])),
            new RawTensor("1.bias", "F32", [1], TestFiles.F32(0f)),
        ]);
        var net = new TinyNet(1);
        Safetensors.Load(net, new MemoryStream(file));
        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(net.b1[0]));
    }

    [Fact]
    public void DoublesRoundToNearestEven()
    {
        // 3.4028235677973366e38 is halfway between float.MaxValue and 2^128: the tie goes to the even "mantissa" 2^128 = ∞.
        double[] values = [1.0 / 3, 16777217.0, -16777219.0, 1e-46, double.NaN, 3.4028235e38, 3.4028235677973366e38];
        float[] expected = [0.33333334f, 16777216f, -16777220f, 0f, float.NaN, float.MaxValue, float.PositiveInfinity];
        byte[] file = TestFiles.Build(
        [
            new RawTensor("0.weight", "F64", [3, 4], TestFiles.F64([.. values, .. new double[5]])),
            new RawTensor("0.bias", "F64", [3], TestFiles.F64(0, 0, 0)),
            new RawTensor("1.weight", "F64", [1, 3], TestFiles.F64(0, 0, 0)),
            new RawTensor("1.bias", "F64", [1], TestFiles.F64(0)),
        ]);
        var net = new TinyNet(1);
        Safetensors.Load(net, new MemoryStream(file));
        for (int i = 0; i < values.Length; i++)
        {
            if (float.IsNaN(expected[i])) Assert.True(float.IsNaN(net.W1[i]));
            else Assert.Equal(expected[i], net.W1[i]);
        }
    }

    [Theory]
    [InlineData("I64", 8)]
    [InlineData("I8", 1)]
    [InlineData("U8", 1)]
    [InlineData("BOOL", 1)]
    [InlineData("F8_E4M3", 1)]
    [InlineData("I16", 2)]
    public void OtherDtypesAreRefusedByName(string dtype, int size)
    {
        byte[] file = TestFiles.Build(
        [
            new RawTensor("0.weight", "F32", [3, 4], TestFiles.F32(new float[12])),
            new RawTensor("0.bias", "F32", [3], TestFiles.F32(1, 2, 3)),
            new RawTensor("1.weight", dtype, [1, 3], new byte[3 * size]),
            new RawTensor("1.bias", "F32", [1], TestFiles.F32(0f)),
        ]);
        var net = new TinyNet(1);
        int[] before = TestFiles.Bits(net);
        var e = Assert.Throws<InvalidDataException>(() => Safetensors.Load(net, new MemoryStream(file)));
        Assert.Contains($"layer 1 weight: tensor '1.weight' has dtype {dtype}; NetGen loads F32, F64, F16 and BF16", e.Message);
        Assert.Equal(before, TestFiles.Bits(net));
    }

    [Fact]
    public void GapsBetweenTensorsAndZeroBytePaddingAreAccepted()
    {
        // Writers that align each tensor leave unused bytes between them; offsets, not order, locate each tensor.
        byte[] data = [.. TestFiles.F32(Enumerable.Range(1, 12).Select(i => (float)i).ToArray()), .. new byte[16],
                       .. TestFiles.F32(-1, -2, -3), .. new byte[4], .. TestFiles.F32(7, 8, 9), .. TestFiles.F32(10)];
        string header = """
            {"1.bias":{"dtype":"F32","shape":[1],"data_offsets":[92,96]},
             "0.weight":{"dtype":"F32","shape":[3,4],"data_offsets":[0,48]},
             "1.weight":{"dtype":"F32","shape":[1,3],"data_offsets":[80,92]},
             "0.bias":{"dtype":"F32","shape":[3],"data_offsets":[64,76]}}
            """;
        var net = new TinyNet(1);
        Safetensors.Load(net, new MemoryStream(TestFiles.Assemble(header, data)));
        Assert.Equal([1f, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, -1, -2, -3, 7, 8, 9, 10], net.Parameters.ToArray());
    }
}

public sealed class SequentialNamingTests
{
    [Fact]
    public void LinearModulesAreOrderedByNumericIndexNotByText()
    {
        // "layers.10" sorts before "layers.2" as text; as numbers layer 0 is index 2.
        byte[] file = TestFiles.Build(
        [
            new RawTensor("layers.10.weight", "F32", [1, 3], TestFiles.F32(7, 8, 9)),
            new RawTensor("layers.10.bias", "F32", [1], TestFiles.F32(10)),
            new RawTensor("layers.2.weight", "F32", [3, 4], TestFiles.F32(Enumerable.Range(1, 12).Select(i => (float)i).ToArray())),
            new RawTensor("layers.2.bias", "F32", [3], TestFiles.F32(-1, -2, -3)),
        ], new Dictionary<string, string> { ["format"] = "pt" });
        var net = new TinyNet(1);
        Safetensors.Load(net, new MemoryStream(file));
        Assert.Equal([1f, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, -1, -2, -3, 7, 8, 9, 10], net.Parameters.ToArray());
    }

    [Fact]
    public void WrongLayerCountListsTheIndicesFound()
    {
        byte[] file = TestFiles.Build(
        [
            new RawTensor("net.0.weight", "F32", [3, 4], new byte[48]),
            new RawTensor("net.0.bias", "F32", [3], new byte[12]),
            new RawTensor("net.2.weight", "F32", [3, 3], new byte[36]),
            new RawTensor("net.2.bias", "F32", [3], new byte[12]),
            new RawTensor("net.4.weight", "F32", [1, 3], new byte[12]),
            new RawTensor("net.4.bias", "F32", [1], new byte[4]),
        ]);
        var e = Assert.Throws<InvalidDataException>(() => Safetensors.Load(new TinyNet(1), new MemoryStream(file)));
        Assert.Equal("Cannot load safetensors stream into TinyNet: the file has 3 layers with parameters (indices net.0, net.2, net.4) but TinyNet has 2 layers.", e.Message);
    }
}
