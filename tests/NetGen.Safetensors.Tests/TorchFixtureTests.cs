using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetGen;

namespace NetGen.SafetensorsTests;

/// <summary>
/// Files written from PyTorch nn.Sequential models by TestData/make_torch_fixture.py, with torch's outputs for fixed
/// inputs in TestData/torch_outputs.json; and the reverse direction, a NetGen file that the same script loaded into torch.
/// Python is only needed to regenerate the fixtures, never to run these tests.
/// </summary>
public sealed class TorchFixtureTests
{
    private const string GoldenFile = "netgen_deep.safetensors";

    private static JsonElement[] TorchCases()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(TestFiles.DataFile("torch_outputs.json")));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.Clone()).ToArray();
    }

    private static string[] TorchFileNames() => TorchCases().Select(c => c.GetProperty("file").GetString()!).ToArray();

    public static TheoryData<string> TorchFiles => new(TorchFileNames());

    private static float[] Flatten(JsonElement rows) =>
        rows.EnumerateArray().SelectMany(r => r.EnumerateArray()).Select(v => (float)v.GetDouble()).ToArray();

    private static double[] FlattenDouble(JsonElement rows) =>
        rows.EnumerateArray().SelectMany(r => r.EnumerateArray()).Select(v => v.GetDouble()).ToArray();

    private static void AssertClose(double[] expected, float[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(expected[i] - actual[i]);
            Assert.True(error <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"{what}: output {i} is {actual[i]:R} but torch gives {expected[i]:R} (error {error:E2} > {tolerance:E0})");
        }
    }

    [Fact]
    public void TheFixtureCoversTheIntendedFiles()
    {
        Assert.Equal(
            new[] { "deep_f32.safetensors", "torch_bf16.safetensors", "torch_f16.safetensors", "torch_f32.safetensors",
                    "torch_f64.safetensors", "torch_prefixed.safetensors", "torch_shuffled.safetensors" },
            TorchFileNames().Order(StringComparer.Ordinal));

        // The header keys PyTorch wrote: Linear modules at their Sequential indices, activations taking the others.
        Assert.Equal(new[] { "__metadata__", "0.weight", "0.bias", "2.weight", "2.bias" }, Keys("torch_f32.safetensors"));
        Assert.Equal(new[] { "__metadata__", "model.0.weight", "model.0.bias", "model.2.weight", "model.2.bias" }, Keys("torch_prefixed.safetensors"));
        Assert.Equal(new[] { "2.bias", "2.weight", "0.bias", "0.weight" }, Keys("torch_shuffled.safetensors"));
        Assert.Equal(new[] { "__metadata__", "0.weight", "0.bias", "3.weight", "3.bias", "12.weight", "12.bias" }, Keys("deep_f32.safetensors"));
        Assert.Equal("BF16", TestFiles.Header(File.ReadAllBytes(TestFiles.DataFile("torch_bf16.safetensors")))["0.weight"]!["dtype"]!.GetValue<string>());
        Assert.Equal("F16", TestFiles.Header(File.ReadAllBytes(TestFiles.DataFile("torch_f16.safetensors")))["0.weight"]!["dtype"]!.GetValue<string>());
        Assert.Equal("F64", TestFiles.Header(File.ReadAllBytes(TestFiles.DataFile("torch_f64.safetensors")))["0.weight"]!["dtype"]!.GetValue<string>());

        static string[] Keys(string file) => TestFiles.Header(File.ReadAllBytes(TestFiles.DataFile(file))).Select(p => p.Key).ToArray();
    }

    [Theory]
    [MemberData(nameof(TorchFiles))]
    public void PyTorchWeightsGiveTorchsOutputs(string file)
    {
        JsonElement c = TorchCases().Single(x => x.GetProperty("file").GetString() == file);
        INetwork net = RoundTripTests.Create(c.GetProperty("network").GetString()!, seed: 77);
        int[] before = TestFiles.Bits(net);

        Safetensors.Load(net, TestFiles.DataFile(file));
        Assert.NotEqual(before, TestFiles.Bits(net));

        float[] outputs = TestFiles.Forward(net, Flatten(c.GetProperty("inputs")));
        AssertClose(FlattenDouble(c.GetProperty("outputs")), outputs, c.GetProperty("tolerance").GetDouble(), file);
        if (c.TryGetProperty("reference_outputs", out JsonElement reference))
            AssertClose(FlattenDouble(reference), outputs, c.GetProperty("reference_tolerance").GetDouble(), file + " vs the float32 model");

        // The same file through a non-seekable stream gives the same parameters.
        INetwork again = RoundTripTests.Create(c.GetProperty("network").GetString()!, seed: 78);
        Safetensors.Load(again, new TrickleStream(File.ReadAllBytes(TestFiles.DataFile(file)), chunk: 13));
        Assert.Equal(TestFiles.Bits(net), TestFiles.Bits(again));
    }

    [Fact]
    public void PrefixedAndShuffledFilesHoldTheSameParametersAsThePlainOne()
    {
        var plain = new TorchNet(1);
        var prefixed = new TorchNet(2);
        var shuffled = new TorchNet(3);
        Safetensors.Load(plain, TestFiles.DataFile("torch_f32.safetensors"));
        Safetensors.Load(prefixed, TestFiles.DataFile("torch_prefixed.safetensors"));
        Safetensors.Load(shuffled, TestFiles.DataFile("torch_shuffled.safetensors"));
        Assert.Equal(TestFiles.Bits(plain), TestFiles.Bits(prefixed));
        Assert.Equal(TestFiles.Bits(plain), TestFiles.Bits(shuffled));
    }

    [Fact]
    public void HalfPrecisionFilesLoadTheRoundedFloat32Weights()
    {
        // torch rounds float32 → float16/bfloat16 to nearest even; both widen back to float32 exactly.
        var f32 = new TorchNet(1);
        var f16 = new TorchNet(2);
        var bf16 = new TorchNet(3);
        Safetensors.Load(f32, TestFiles.DataFile("torch_f32.safetensors"));
        Safetensors.Load(f16, TestFiles.DataFile("torch_f16.safetensors"));
        Safetensors.Load(bf16, TestFiles.DataFile("torch_bf16.safetensors"));

        float[] p = f32.Parameters.ToArray();
        Assert.Equal(p.Select(v => BitConverter.SingleToInt32Bits((float)(Half)v)), TestFiles.Bits(f16));
        Assert.Equal(p.Select(v => BitConverter.SingleToInt32Bits(RoundToBFloat16(v))), TestFiles.Bits(bf16));
        Assert.NotEqual(TestFiles.Bits(f32), TestFiles.Bits(f16));
    }

    private static float RoundToBFloat16(float value)
    {
        int bits = BitConverter.SingleToInt32Bits(value);
        bits += 0x7FFF + ((bits >> 16) & 1);
        return BitConverter.Int32BitsToSingle(bits & unchecked((int)0xFFFF0000));
    }

    [Fact]
    public void NetGenSavesTheGoldenFileThatPyTorchLoaded()
    {
        // TestData/netgen_deep.safetensors was written by this test (NETGEN_UPDATE_SAFETENSORS_FIXTURES=1) and then loaded
        // into a torch nn.Sequential by `make_torch_fixture.py check-netgen`, which wrote torch's outputs next to it.
        var net = new DeepNet(5);
        TestFiles.FillPattern(net);
        byte[] saved = TestFiles.SaveToBytes(net);
        if (Environment.GetEnvironmentVariable("NETGEN_UPDATE_SAFETENSORS_FIXTURES") == "1")
            File.WriteAllBytes(Path.Combine(TestFiles.SourceDataDirectory(), GoldenFile), saved);

        Assert.Equal(File.ReadAllBytes(TestFiles.DataFile(GoldenFile)), saved);
    }

    [Fact]
    public void NetGenWeightsGiveTheOutputsPyTorchComputedFromThem()
    {
        using JsonDocument torch = JsonDocument.Parse(File.ReadAllBytes(TestFiles.DataFile(GoldenFile + ".torch.json")));
        JsonElement root = torch.RootElement;
        Assert.Equal("7:Tanh,6:LeakyReLU,2:Sigmoid", root.GetProperty("metadata").GetProperty("netgen.layers").GetString());

        var expected = new DeepNet(5);
        TestFiles.FillPattern(expected);
        var net = new DeepNet(6);
        Safetensors.Load(net, TestFiles.DataFile(GoldenFile));
        Assert.Equal(TestFiles.Bits(expected), TestFiles.Bits(net));

        float[] outputs = TestFiles.Forward(net, Flatten(root.GetProperty("inputs")));
        AssertClose(FlattenDouble(root.GetProperty("outputs")), outputs, 1e-5, GoldenFile);
    }
}
