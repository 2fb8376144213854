using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using NetGen;

namespace NetGen.SafetensorsTests;

/// <summary>
/// A corpus of malformed or mismatched files derived from one valid TinyNet file. Each must be refused with an
/// <see cref="InvalidDataException"/> whose message says what is wrong, through seekable, non-seekable and path loads,
/// and must leave the network's parameters exactly as they were.
/// </summary>
public sealed class CorruptFileTests
{
    // TinyNet: 0.weight [3, 4] F32 at [0, 48], 0.bias [3] at [48, 60], 1.weight [1, 3] at [60, 72], 1.bias [1] at [72, 76].
    private static readonly byte[] Valid = TestFiles.SaveToBytes(new TinyNet(seed: 1));
    private static readonly int HeaderLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(Valid);
    private const int DataLength = 76;

    private sealed record Case(Func<byte[]> Make, string Fragment);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // ── the 8-byte length prefix ────────────────────────────────────────────────
        ["empty file"] = new(() => [], "the file is 0 bytes long, shorter than the 8-byte header length"),
        ["1 byte"] = new(() => Valid[..1], "the file is 1 bytes long"),
        ["truncated inside the length (7 bytes)"] = new(() => Valid[..7], "the file is 7 bytes long"),
        ["only the length"] = new(() => Valid[..8], $"the header length is {HeaderLength} bytes but only 0 bytes follow the 8-byte length"),
        ["header length beyond the file"] = new(() => WithLength(Valid, (ulong)Valid.Length), $"the header length is {Valid.Length} bytes but only {Valid.Length - 8} bytes follow"),
        ["header length just over 100 MB"] = new(() => WithLength(Valid, 100_000_001), "the header length is 100000001 bytes, over the 100 MB limit"),
        ["header length u64 max"] = new(() => WithLength(Valid, ulong.MaxValue), $"the header length is {ulong.MaxValue} bytes, over the 100 MB limit"),
        ["header length big-endian"] = new(() => BigEndianLength(Valid), "over the 100 MB limit"),
        ["header length zero"] = new(() => WithLength(Valid, 0), "the header is not valid JSON"),
        ["header length cuts the closing brace"] = new(() => WithLength(Valid, (ulong)Split().Header.TrimEnd().Length - 1), "the header is not valid JSON"),
        ["header length too long by 8"] = new(() => WithLength(Valid, (ulong)HeaderLength + 8), "the header is not valid") /* JSON or UTF-8, depending on the data bytes it swallows */,

        // ── truncations in the header and the data ──────────────────────────────────
        ["truncated in the header's first byte"] = new(() => Valid[..9], $"the header length is {HeaderLength} bytes but only 1 bytes follow"),
        ["truncated mid-header"] = new(() => Valid[..(8 + HeaderLength / 2)], $"only {HeaderLength / 2} bytes follow the 8-byte length"),
        ["truncated at the header's last byte"] = new(() => Valid[..(8 + HeaderLength - 1)], $"only {HeaderLength - 1} bytes follow"),
        ["truncated at the data's start"] = new(() => Valid[..(8 + HeaderLength)], "run past the end of the data section, which has 0 bytes"),
        ["truncated inside 0.weight"] = new(() => Valid[..(8 + HeaderLength + 20)], "tensor '0.weight': data_offsets [0, 48] run past the end of the data section, which has 20 bytes"),
        ["truncated inside 1.weight"] = new(() => Valid[..(8 + HeaderLength + 64)], "tensor '1.weight': data_offsets [60, 72] run past the end of the data section, which has 64 bytes"),
        ["truncated by the last byte"] = new(() => Valid[..^1], "tensor '1.bias': data_offsets [72, 76] run past the end of the data section, which has 75 bytes"),

        // ── the header is not JSON, or not an object ────────────────────────────────
        ["opening brace flipped to a bracket"] = new(() => FlipHeaderByte(0, (byte)'['), "the header is not valid JSON"),
        ["first quote flipped"] = new(() => FlipHeaderByte(1, (byte)'x'), "the header is not valid JSON"),
        ["closing brace flipped"] = new(() => FlipHeaderByte(Split().Header.TrimEnd().Length - 1, (byte)','), "the header is not valid JSON"),
        ["colon flipped"] = new(() => FlipHeaderByte(Split().Header.IndexOf(':'), (byte)';'), "the header is not valid JSON"),
        ["header of zero bytes"] = new(() => Enumerable.Repeat((byte)0, 8 + HeaderLength).Concat(Split().Data).ToArray().Also(b => WriteLength(b, (ulong)HeaderLength)), "the header is not valid JSON"),
        ["header not UTF-8"] = new(() => FlipHeaderByte(Split().Header.IndexOf("pt", StringComparison.Ordinal), 0xFF), "the header is not valid UTF-8"),
        ["header is an array"] = new(() => TestFiles.Assemble("[1, 2, 3]", Split().Data), "the header is a JSON array, not an object"),
        ["header is a string"] = new(() => TestFiles.Assemble("\"0.weight\"", Split().Data), "the header is a JSON string, not an object"),
        ["header with a trailing comma"] = new(() => TestFiles.Assemble(Split().Header.TrimEnd()[..^1] + ",}", Split().Data), "the header is not valid JSON"),
        ["header with a comment"] = new(() => TestFiles.Assemble("/* hi */" + Split().Header, Split().Data), "the header is not valid JSON"),
        ["empty object"] = new(() => TestFiles.Assemble("{}", []), "the file contains no tensors, but TinyNet has 2 layers"),
        ["metadata only"] = new(() => TestFiles.Assemble("{\"__metadata__\":{\"format\":\"pt\"}}", []), "the file contains no tensors"),
        ["metadata is an array"] = new(() => Edit(h => h["__metadata__"] = new JsonArray(1)), "__metadata__ is a JSON array; it must be an object of string values"),
        ["metadata value is a number"] = new(() => Edit(h => h["__metadata__"]!["netgen.inputs"] = 4), "__metadata__ entry 'netgen.inputs' is a JSON number; metadata values must be strings"),
        ["two metadata entries"] = new(() => RawHeader(Split().Header.TrimEnd()[..^1] + ",\"__metadata__\":{}}"), "the header has two __metadata__ entries"),
        ["tensor listed twice"] = new(() => RawHeader(Split().Header.TrimEnd()[..^1] + ",\"0.bias\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[48,60]}}"), "tensor '0.bias' is listed twice in the header"),

        // ── malformed tensor entries ────────────────────────────────────────────────
        ["tensor entry is a number"] = new(() => Edit(h => h["0.bias"] = 5), "tensor '0.bias': its header entry is a JSON number, not an object"),
        ["dtype missing"] = new(() => Edit(h => h["0.weight"]!.AsObject().Remove("dtype")), "tensor '0.weight' has no dtype"),
        ["dtype a number"] = new(() => Edit(h => h["0.weight"]!["dtype"] = 32), "tensor '0.weight': dtype must be a non-empty string such as \"F32\", not 32"),
        ["dtype empty"] = new(() => Edit(h => h["1.bias"]!["dtype"] = ""), "tensor '1.bias': dtype must be a non-empty string"),
        ["shape missing"] = new(() => Edit(h => h["0.bias"]!.AsObject().Remove("shape")), "tensor '0.bias' has no shape"),
        ["shape a string"] = new(() => Edit(h => h["0.bias"]!["shape"] = "3"), "tensor '0.bias': shape must be a list of non-negative integers, not \"3\""),
        ["shape negative"] = new(() => Edit(h => h["0.weight"]!["shape"] = new JsonArray(-3, -4)), "tensor '0.weight': shape must be a list of non-negative integers, not [-3,-4]"),
        ["shape fractional"] = new(() => Edit(h => h["0.bias"]!["shape"] = new JsonArray(3.5)), "tensor '0.bias': shape must be a list of non-negative integers, not [3.5]"),
        ["shape overflows"] = new(() => Edit(h => h["0.weight"]!["shape"] = new JsonArray(1L << 40, 1L << 40)), "has more elements than a file can hold"),
        ["data_offsets missing"] = new(() => Edit(h => h["1.weight"]!.AsObject().Remove("data_offsets")), "tensor '1.weight' has no data_offsets"),
        ["data_offsets of three numbers"] = new(() => Edit(h => h["0.bias"]!["data_offsets"] = new JsonArray(48, 60, 72)), "tensor '0.bias': data_offsets must be two non-negative integers [begin, end], not [48,60,72]"),
        ["data_offsets negative"] = new(() => Edit(h => h["0.weight"]!["data_offsets"] = new JsonArray(-48, 0)), "tensor '0.weight': data_offsets must be two non-negative integers"),
        ["data_offsets strings"] = new(() => Edit(h => h["0.bias"]!["data_offsets"] = new JsonArray("48", "60")), "tensor '0.bias': data_offsets must be two non-negative integers"),
        ["data_offsets reversed"] = new(() => Edit(h => h["0.bias"]!["data_offsets"] = new JsonArray(60, 48)), "tensor '0.bias': data_offsets [60, 48] end before they begin"),
        ["data_offsets too short for the shape"] = new(() => Edit(h => h["0.bias"]!["data_offsets"] = new JsonArray(48, 56)), "tensor '0.bias': F32 [3] needs 12 bytes but data_offsets [48, 56] span 8"),
        ["data_offsets too long for the shape"] = new(() => Edit(h => h["1.bias"]!["data_offsets"] = new JsonArray(68, 76)), "tensor '1.bias': F32 [1] needs 4 bytes but data_offsets [68, 76] span 8"),
        ["F16 dtype on F32 bytes"] = new(() => Edit(h => h["0.weight"]!["dtype"] = "F16"), "tensor '0.weight': F16 [3, 4] needs 24 bytes but data_offsets [0, 48] span 48"),
        ["data_offsets past the end"] = new(() => Edit(h => h["1.bias"]!["data_offsets"] = new JsonArray(76, 80)), "tensor '1.bias': data_offsets [76, 80] run past the end of the data section, which has 76 bytes"),
        ["data_offsets far out of range"] = new(() => Edit(h => h["1.bias"]!["data_offsets"] = new JsonArray(1L << 30, (1L << 30) + 4)), "run past the end of the data section, which has 76 bytes"),
        ["data_offsets beyond 2 GB"] = new(() => Edit(h => h["1.bias"]!["data_offsets"] = new JsonArray(1L << 50, (1L << 50) + 4)), "loading more than"),
        ["overlapping tensors"] = new(() => Edit(h => h["0.bias"]!["data_offsets"] = new JsonArray(44, 56)), "tensors '0.weight' (data_offsets [0, 48]) and '0.bias' (data_offsets [44, 56]) overlap"),
        ["two tensors on the same bytes"] = new(() => Edit(h => h["1.bias"]!["data_offsets"] = new JsonArray(48, 52)), "and '1.bias' (data_offsets [48, 52]) overlap"),

        // ── a well-formed file that does not fit TinyNet ────────────────────────────
        ["weight transposed"] = new(() => Edit(h => h["0.weight"]!["shape"] = new JsonArray(4, 3)), "layer 0 weight: expected [3, 4] but the file has [4, 3] (tensor '0.weight')"),
        ["layer 1 weight transposed"] = new(() => Edit(h => h["1.weight"]!["shape"] = new JsonArray(3, 1)), "layer 1 weight: expected [1, 3] but the file has [3, 1] (tensor '1.weight')"),
        ["weight flattened"] = new(() => Edit(h => h["0.weight"]!["shape"] = new JsonArray(12)), "layer 0 weight: expected [3, 4] but the file has [12]"),
        ["bias as a column"] = new(() => Edit(h => h["0.bias"]!["shape"] = new JsonArray(3, 1)), "layer 0 bias: expected [3] but the file has [3, 1]"),
        ["bias as a scalar"] = new(() => Edit(h => { h["1.bias"]!["shape"] = new JsonArray(); }), "layer 1 bias: expected [1] but the file has []"),
        ["missing bias"] = new(() => Edit(h => h.Remove("1.bias")), "missing tensor '1.bias' (layer 1 bias): the file has '1.weight' but no bias for it"),
        ["missing weight"] = new(() => Edit(h => h.Remove("0.weight")), "missing tensor '0.weight' (layer 0 weight): the file has '0.bias' but no weight for it"),
        ["missing layer"] = new(() => Edit(h => { h.Remove("1.weight"); h.Remove("1.bias"); }), "the file has 1 layer with parameters (indices 0) but TinyNet has 2 layers"),
        ["extra Linear layer"] = new(() => ExtraLayer(), "the file has 3 layers with parameters (indices 0, 1, 2) but TinyNet has 2 layers"),
        ["unsupported dtype I32"] = new(() => Edit(h => h["0.weight"]!["dtype"] = "I32"), "layer 0 weight: tensor '0.weight' has dtype I32; NetGen loads F32, F64, F16 and BF16"),
        ["unsupported dtype on the last tensor"] = new(() => Edit(h => h["1.bias"]!["dtype"] = "U32"), "tensor '1.bias' has dtype U32"),
        ["unknown dtype"] = new(() => Edit(h => h["1.weight"]!["dtype"] = "F33"), "tensor '1.weight' has dtype F33"),
        ["name not nn.Sequential-like"] = new(() => Rename("1.weight", "fc1.weight"), "tensor 'fc1.weight' is not named '<index>.weight' or '<index>.bias'"),
        ["a non-parameter tensor"] = new(() => Rename("1.bias", "1.running_mean"), "tensor '1.running_mean' is not named"),
        ["two prefixes"] = new(() => Rename("1.weight", "net.1.weight"), "the tensors do not share one prefix: '0.bias' has prefix '' but 'net.1.weight' has 'net.'"),
        ["two names for one weight"] = new(() => Rename("1.weight", "00.weight"), "tensors '0.weight' and '00.weight' both name the weight at index 0"),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Fact]
    public void TheCorpusIsLargeAndTheBaseFileIsValid()
    {
        Assert.True(Cases.Count >= 30, $"only {Cases.Count} cases");
        var net = new TinyNet(seed: 2);
        Safetensors.Load(net, new MemoryStream(Valid));
        Assert.Equal(TestFiles.Bits(new TinyNet(seed: 1)), TestFiles.Bits(net));
        Assert.Equal(DataLength, Split().Data.Length);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void IsRefusedWithASpecificMessageAndParametersUnchanged(string name)
    {
        Case c = Cases[name];
        byte[] file = c.Make();

        foreach ((string mode, Func<INetwork, Exception> load) in Loaders(file))
        {
            var net = new TinyNet(seed: 2);
            int[] before = TestFiles.Bits(net);

            Exception e = load(net);

            Assert.True(e is InvalidDataException, $"{mode}: expected InvalidDataException but got {e}");
            Assert.True(e.Message.Contains(c.Fragment, StringComparison.Ordinal),
                $"{mode}: the message\n  {e.Message}\ndoes not contain\n  {c.Fragment}");
            Assert.Contains("into TinyNet: ", e.Message);
            Assert.Equal(before, TestFiles.Bits(net));
        }
    }

    private static IEnumerable<(string, Func<INetwork, Exception>)> Loaders(byte[] file)
    {
        yield return ("seekable stream", net => Record(() => Safetensors.Load(net, new MemoryStream(file))));
        yield return ("non-seekable stream", net => Record(() => Safetensors.Load(net, new TrickleStream(file, chunk: 7))));
        yield return ("path", net =>
        {
            string path = Path.Combine(Path.GetTempPath(), $"netgen-corrupt-{Guid.NewGuid():N}.safetensors");
            File.WriteAllBytes(path, file);
            try
            {
                return Record(() => Safetensors.Load(net, path));
            }
            finally
            {
                File.Delete(path);
            }
        });
    }

    private static Exception Record(Action action) =>
        Assert.ThrowsAny<Exception>(action);

    private static (string Header, byte[] Data) Split() => TestFiles.Split(Valid);

    private static byte[] Edit(Action<JsonObject> edit) => TestFiles.EditHeader(Valid, edit);

    private static byte[] RawHeader(string header) => TestFiles.Assemble(header, Split().Data);

    private static byte[] Rename(string from, string to) => Edit(h =>
    {
        JsonNode entry = h[from]!;
        h.Remove(from);
        h[to] = entry;
    });

    private static byte[] ExtraLayer() => TestFiles.EditHeader(Valid, h =>
    {
        h["2.weight"] = new JsonObject { ["dtype"] = "F32", ["shape"] = new JsonArray(1, 1), ["data_offsets"] = new JsonArray(76, 80) };
        h["2.bias"] = new JsonObject { ["dtype"] = "F32", ["shape"] = new JsonArray(1), ["data_offsets"] = new JsonArray(80, 84) };
    }, data => [.. data, .. TestFiles.F32(0.5f, 0.25f)]);

    private static byte[] WithLength(byte[] file, ulong length)
    {
        byte[] copy = (byte[])file.Clone();
        WriteLength(copy, length);
        return copy;
    }

    private static void WriteLength(byte[] file, ulong length) => BinaryPrimitives.WriteUInt64LittleEndian(file, length);

    private static byte[] BigEndianLength(byte[] file)
    {
        byte[] copy = (byte[])file.Clone();
        BinaryPrimitives.WriteUInt64BigEndian(copy, (ulong)HeaderLength);
        return copy;
    }

    /// <summary>Replaces one byte of the header (offset relative to the header's start), keeping its length.</summary>
    private static byte[] FlipHeaderByte(int headerOffset, byte value)
    {
        Assert.InRange(headerOffset, 0, HeaderLength - 1);
        byte[] copy = (byte[])Valid.Clone();
        copy[8 + headerOffset] = value;
        return copy;
    }
}

internal static class Fluent
{
    public static T Also<T>(this T value, Action<T> action)
    {
        action(value);
        return value;
    }
}
