using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using NetGen;

namespace NetGen.SafetensorsTests;

public sealed class RoundTripTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("netgen-safetensors-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<string> NetworkNames => new() { nameof(TinyNet), nameof(TorchNet), nameof(DeepNet), nameof(WideNet) };

    internal static INetwork Create(string name, int seed) => name switch
    {
        nameof(TinyNet) => new TinyNet(seed),
        nameof(TorchNet) => new TorchNet(seed),
        nameof(DeepNet) => new DeepNet(seed),
        nameof(WideNet) => new WideNet(seed),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private static float[] Inputs(INetwork network, int examples)
    {
        var x = new float[examples * network.InputSize];
        for (int i = 0; i < x.Length; i++) x[i] = ((i * 29 % 41) - 20) / 8f;
        return x;
    }

    private static void AssertSameNetwork(INetwork expected, INetwork actual)
    {
        Assert.Equal(TestFiles.Bits(expected), TestFiles.Bits(actual));
        float[] x = Inputs(expected, 7);
        Assert.Equal(TestFiles.Forward(expected, x), TestFiles.Forward(actual, x));
    }

    [Theory]
    [MemberData(nameof(NetworkNames))]
    public void StreamRoundTripIsBitIdentical(string network)
    {
        INetwork source = Create(network, seed: 1);
        INetwork target = Create(network, seed: 2);
        Assert.NotEqual(TestFiles.Bits(source), TestFiles.Bits(target));

        var stream = new MemoryStream();
        Safetensors.Save(source, stream);
        stream.Position = 0;
        Safetensors.Load(target, stream);

        AssertSameNetwork(source, target);
        Assert.Equal(stream.Length, stream.Position);
    }

    [Theory]
    [MemberData(nameof(NetworkNames))]
    public void PathRoundTripIsBitIdenticalAndLeavesNoTemporaryFile(string network)
    {
        INetwork source = Create(network, seed: 3);
        INetwork target = Create(network, seed: 4);
        string path = Path.Combine(_directory, "weights.safetensors");

        Safetensors.Save(source, path);
        Safetensors.Load(target, path);

        AssertSameNetwork(source, target);
        Assert.Equal(new[] { "weights.safetensors" }, TestFiles.FileNames(_directory));
        Assert.Equal(TestFiles.SaveToBytes(source), File.ReadAllBytes(path));
    }

    [Fact]
    public void RelativePathsResolveAgainstTheCurrentDirectory()
    {
        // Relative paths resolve against the current directory, like File APIs.
        var source = new TinyNet(5);
        string path = Path.Combine(_directory, "relative.safetensors");
        string previous = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = _directory;
            Safetensors.Save(source, "relative.safetensors");
            var target = new TinyNet(6);
            Safetensors.Load(target, "relative.safetensors");
            AssertSameNetwork(source, target);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
        Assert.Equal(new[] { "relative.safetensors" }, TestFiles.FileNames(_directory));
        Assert.Equal(TestFiles.SaveToBytes(source), File.ReadAllBytes(path));
    }

    [Fact]
    public void SavingOverAnExistingFileReplacesIt()
    {
        string path = Path.Combine(_directory, "weights.safetensors");
        File.WriteAllBytes(path, Enumerable.Repeat((byte)0xAB, 100_000).ToArray()); // larger than the new file

        var first = new TorchNet(10);
        Safetensors.Save(first, path);
        Assert.Equal(TestFiles.SaveToBytes(first), File.ReadAllBytes(path));

        var second = new TorchNet(11);
        Safetensors.Save(second, path);
        Assert.Equal(TestFiles.SaveToBytes(second), File.ReadAllBytes(path));

        var target = new TorchNet(12);
        Safetensors.Load(target, path);
        AssertSameNetwork(second, target);
        Assert.Equal(new[] { "weights.safetensors" }, TestFiles.FileNames(_directory));
    }

    [Fact]
    public void FailedSaveKeepsTheOldFileAndLeavesNoTemporaryFile()
    {
        // The target is a directory: the temporary file is written, the move fails, the temporary file is removed.
        string target = Path.Combine(_directory, "taken");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(_directory, "other.txt"), "keep");

        Exception e = Assert.ThrowsAny<Exception>(() => Safetensors.Save(new TinyNet(1), target));
        Assert.True(e is IOException or UnauthorizedAccessException, e.ToString());
        Assert.Equal(new[] { "other.txt" }, TestFiles.FileNames(_directory));
        Assert.True(Directory.Exists(target));
    }

    [Fact]
    public void SaveIntoAMissingDirectoryThrowsAndCreatesNothing()
    {
        string path = Path.Combine(_directory, "missing", "weights.safetensors");
        Assert.Throws<DirectoryNotFoundException>(() => Safetensors.Save(new TinyNet(1), path));
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }

    [Fact]
    public void NonFiniteParametersRoundTripBitExactly()
    {
        var source = new TinyNet(1);
        Span<float> p = source.Parameters;
        p[0] = float.NaN;
        p[1] = BitConverter.Int32BitsToSingle(0x7FC0_1234); // a NaN with a payload
        p[2] = float.PositiveInfinity;
        p[3] = float.NegativeInfinity;
        p[4] = -0f;
        p[5] = float.Epsilon;
        p[^1] = float.MaxValue;

        var target = new TinyNet(2);
        Safetensors.Load(target, new MemoryStream(TestFiles.SaveToBytes(source)));
        Assert.Equal(TestFiles.Bits(source), TestFiles.Bits(target));
    }

    [Fact]
    public void LoadsFromNonSeekableStreamsThatReturnOneByteAtATime()
    {
        var source = new WideNet(1);
        var target = new WideNet(2);
        var stream = new TrickleStream(TestFiles.SaveToBytes(source), chunk: 1);
        Safetensors.Load(target, stream);
        AssertSameNetwork(source, target);
    }

    [Fact]
    public void ReadsExactlyOneFileFromAStreamOfSeveral()
    {
        var a = new TinyNet(1);
        var b = new TinyNet(2);
        byte[] fileA = TestFiles.SaveToBytes(a), fileB = TestFiles.SaveToBytes(b);
        byte[] both = [.. fileA, .. fileB];

        foreach (Stream stream in new Stream[] { new MemoryStream(both), new TrickleStream(both, chunk: 5) })
        {
            var target = new TinyNet(3);
            Safetensors.Load(target, stream);
            Assert.Equal(TestFiles.Bits(a), TestFiles.Bits(target));
            Safetensors.Load(target, stream);
            Assert.Equal(TestFiles.Bits(b), TestFiles.Bits(target));
        }
    }

    [Fact]
    public void SaveWritesAtTheStreamPositionAndDoesNotCloseIt()
    {
        var stream = new MemoryStream();
        stream.Write("prefix"u8);
        var source = new DeepNet(1);
        Safetensors.Save(source, stream);
        Assert.True(stream.CanWrite);

        stream.Position = "prefix".Length;
        var target = new DeepNet(2);
        Safetensors.Load(target, stream);
        AssertSameNetwork(source, target);
    }

    [Fact]
    public void SaveIsDeterministic()
    {
        Assert.Equal(TestFiles.SaveToBytes(new DeepNet(7)), TestFiles.SaveToBytes(new DeepNet(7)));
        Assert.NotEqual(TestFiles.SaveToBytes(new DeepNet(7)), TestFiles.SaveToBytes(new DeepNet(8)));
    }

    [Fact]
    public void FileLayoutFollowsTheSafetensorsFormat()
    {
        var net = new DeepNet(3);
        byte[] file = TestFiles.SaveToBytes(net);

        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(file);
        Assert.Equal(0UL, (8 + n) % 8); // data section 8-byte aligned
        Assert.Equal(8 + (long)n + 4L * DeepNet.ParameterCount, file.Length);

        string headerText = Encoding.UTF8.GetString(file, 8, (int)n);
        Assert.StartsWith("{", headerText);
        Assert.Equal(headerText.TrimEnd(' ').Length + (int)(n - (ulong)headerText.TrimEnd(' ').Length), (int)n);
        Assert.True(n - (ulong)headerText.TrimEnd(' ').Length < 8, "padding is fewer than 8 spaces");

        using JsonDocument header = JsonDocument.Parse(headerText);
        JsonElement[] entries = header.RootElement.EnumerateObject().Select(p => p.Value).ToArray();
        string[] names = header.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(new[] { "__metadata__", "0.weight", "0.bias", "1.weight", "1.bias", "2.weight", "2.bias" }, names);

        JsonElement meta = entries[0];
        Assert.Equal("pt", meta.GetProperty("format").GetString());
        Assert.Equal("5", meta.GetProperty("netgen.inputs").GetString());
        Assert.Equal("2", meta.GetProperty("netgen.outputs").GetString());
        Assert.Equal("7:Tanh,6:LeakyReLU,2:Sigmoid", meta.GetProperty("netgen.layers").GetString());
        Assert.Equal(typeof(DeepNet).FullName, meta.GetProperty("netgen.network").GetString());

        long[][] shapes = [[7, 5], [7], [6, 7], [6], [2, 6], [2]];
        long offset = 0;
        for (int i = 0; i < shapes.Length; i++)
        {
            JsonElement tensor = entries[i + 1];
            Assert.Equal("F32", tensor.GetProperty("dtype").GetString());
            Assert.Equal(shapes[i], tensor.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()));
            long size = 4 * shapes[i].Aggregate(1L, (a, b) => a * b);
            Assert.Equal(new[] { offset, offset + size }, tensor.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()));
            offset += size;
        }

        // The data section is W1, b1, W2, b2, W3, b3: exactly the Parameters buffer, little-endian.
        byte[] data = file[(8 + (int)n)..];
        Assert.Equal(TestFiles.F32(net.Parameters.ToArray()), data);
    }

    [Fact]
    public void SaveAndLoadValidateArguments()
    {
        var net = new TinyNet(1);
        Assert.Throws<ArgumentNullException>(() => Safetensors.Save(null!, new MemoryStream()));
        Assert.Throws<ArgumentNullException>(() => Safetensors.Save(net, (Stream)null!));
        Assert.Throws<ArgumentNullException>(() => Safetensors.Save(net, (string)null!));
        Assert.Throws<ArgumentException>(() => Safetensors.Save(net, ""));
        Assert.Equal("stream", Assert.Throws<ArgumentException>(() => Safetensors.Save(net, new ClosedStream(true, false))).ParamName);

        Assert.Throws<ArgumentNullException>(() => Safetensors.Load(null!, new MemoryStream()));
        Assert.Throws<ArgumentNullException>(() => Safetensors.Load(net, (Stream)null!));
        Assert.Throws<ArgumentNullException>(() => Safetensors.Load(net, (string)null!));
        Assert.Throws<ArgumentException>(() => Safetensors.Load(net, ""));
        Assert.Equal("stream", Assert.Throws<ArgumentException>(() => Safetensors.Load(net, new ClosedStream(false, true))).ParamName);
        Assert.Throws<FileNotFoundException>(() => Safetensors.Load(net, Path.Combine(_directory, "absent.safetensors")));
    }

    [Fact]
    public void PathErrorsNameTheFile()
    {
        string path = Path.Combine(_directory, "broken.safetensors");
        File.WriteAllBytes(path, [1, 2, 3]);
        var net = new TinyNet(1);
        int[] before = TestFiles.Bits(net);

        var e = Assert.Throws<InvalidDataException>(() => Safetensors.Load(net, path));
        Assert.StartsWith($"Cannot load '{path}' into TinyNet: the file is 3 bytes long", e.Message);
        Assert.Equal(before, TestFiles.Bits(net));
    }

    [Fact]
    public void LoadingAnotherNetworksFileNamesTheMismatchedLayer()
    {
        var net = new TinyNet(1);
        int[] before = TestFiles.Bits(net);
        var e = Assert.Throws<InvalidDataException>(() =>
            Safetensors.Load(net, new MemoryStream(TestFiles.SaveToBytes(new TorchNet(1)))));
        Assert.Equal("Cannot load safetensors stream into TinyNet: layer 0 weight: expected [3, 4] but the file has [8, 4] (tensor '0.weight').", e.Message);
        Assert.Equal(before, TestFiles.Bits(net));

        e = Assert.Throws<InvalidDataException>(() =>
            Safetensors.Load(net, new MemoryStream(TestFiles.SaveToBytes(new DeepNet(1)))));
        Assert.Contains("the file has 3 layers with parameters (indices 0, 1, 2) but TinyNet has 2 layers", e.Message);
        Assert.Equal(before, TestFiles.Bits(net));
    }
}
