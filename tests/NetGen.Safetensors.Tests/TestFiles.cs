using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using NetGen;

namespace NetGen.SafetensorsTests;

/// <summary>One tensor for <see cref="TestFiles.Build"/>: raw little-endian bytes with the dtype and shape to declare.</summary>
internal sealed record RawTensor(string Name, string DType, long[] Shape, byte[] Data);

/// <summary>Independent helpers for building, splitting and reassembling safetensors bytes in tests.</summary>
internal static class TestFiles
{
    /// <summary>The TestData folder copied next to the test assembly.</summary>
    public static string DataDirectory => Path.Combine(AppContext.BaseDirectory, "TestData");

    /// <summary>The TestData folder in the source tree (for regenerating fixtures).</summary>
    public static string SourceDataDirectory([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "TestData");

    public static string DataFile(string name) => Path.Combine(DataDirectory, name);

    /// <summary>Saves a network to bytes with <see cref="Safetensors.Save(INetwork, Stream)"/>.</summary>
    public static byte[] SaveToBytes(INetwork network)
    {
        using var stream = new MemoryStream();
        Safetensors.Save(network, stream);
        return stream.ToArray();
    }

    /// <summary>Splits a file into its header text and data section.</summary>
    public static (string Header, byte[] Data) Split(byte[] file)
    {
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(file);
        string header = Encoding.UTF8.GetString(file, 8, (int)n);
        return (header, file[(8 + (int)n)..]);
    }

    /// <summary>The parsed header of a file.</summary>
    public static JsonObject Header(byte[] file) => JsonNode.Parse(Split(file).Header)!.AsObject();

    /// <summary>Reassembles a file from a header (object or raw text) and a data section.</summary>
    public static byte[] Assemble(string header, byte[] data, bool pad = true)
    {
        byte[] headerBytes = Encoding.UTF8.GetBytes(header);
        return Assemble(headerBytes, data, pad);
    }

    public static byte[] Assemble(byte[] headerBytes, byte[] data, bool pad = true)
    {
        int padding = pad ? (8 - headerBytes.Length % 8) % 8 : 0;
        var file = new byte[8 + headerBytes.Length + padding + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)(headerBytes.Length + padding));
        headerBytes.CopyTo(file, 8);
        file.AsSpan(8 + headerBytes.Length, padding).Fill((byte)' ');
        data.CopyTo(file, 8 + headerBytes.Length + padding);
        return file;
    }

    /// <summary>Applies <paramref name="edit"/> to the header of <paramref name="file"/> and keeps its data section.</summary>
    public static byte[] EditHeader(byte[] file, Action<JsonObject> edit, Func<byte[], byte[]>? editData = null)
    {
        (string header, byte[] data) = Split(file);
        JsonObject json = JsonNode.Parse(header)!.AsObject();
        edit(json);
        return Assemble(json.ToJsonString(), editData is null ? data : editData(data));
    }

    /// <summary>Builds a file from tensors laid out in the given order, with an optional metadata object.</summary>
    public static byte[] Build(IEnumerable<RawTensor> tensors, Dictionary<string, string>? metadata = null)
    {
        var header = new JsonObject();
        if (metadata is not null)
        {
            var meta = new JsonObject();
            foreach (KeyValuePair<string, string> pair in metadata) meta[pair.Key] = pair.Value;
            header["__metadata__"] = meta;
        }
        var data = new MemoryStream();
        foreach (RawTensor tensor in tensors)
        {
            long begin = data.Length;
            data.Write(tensor.Data);
            header[tensor.Name] = new JsonObject
            {
                ["dtype"] = tensor.DType,
                ["shape"] = new JsonArray(tensor.Shape.Select(s => (JsonNode)JsonValue.Create(s)).ToArray()),
                ["data_offsets"] = new JsonArray(begin, data.Length),
            };
        }
        return Assemble(header.ToJsonString(), data.ToArray());
    }

    public static byte[] F32(params float[] values)
    {
        var bytes = new byte[4 * values.Length];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        return bytes;
    }

    public static byte[] F64(params double[] values)
    {
        var bytes = new byte[8 * values.Length];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8 * i), values[i]);
        return bytes;
    }

    public static byte[] F16(params Half[] values)
    {
        var bytes = new byte[2 * values.Length];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteHalfLittleEndian(bytes.AsSpan(2 * i), values[i]);
        return bytes;
    }

    public static byte[] U16(params ushort[] values)
    {
        var bytes = new byte[2 * values.Length];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2 * i), values[i]);
        return bytes;
    }

    /// <summary>The network's parameters as raw bits, so NaN payloads and −0 compare exactly.</summary>
    public static int[] Bits(INetwork network) => network.Parameters.ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();

    /// <summary>Sets every parameter to an exact, platform-independent value in [−0.78, 0.78].</summary>
    public static void FillPattern(INetwork network, int salt = 0)
    {
        Span<float> p = network.Parameters;
        for (int i = 0; i < p.Length; i++) p[i] = (((i + salt) * 37 % 101) - 50) / 64f;
    }

    public static float[] Forward(INetwork network, float[] inputs)
    {
        var outputs = new float[inputs.Length / network.InputSize * network.OutputSize];
        network.Forward(inputs, outputs);
        return outputs;
    }

    /// <summary>Every file name in a directory (to check that no temporary file is left behind).</summary>
    public static string[] FileNames(string directory) =>
        Directory.GetFiles(directory).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray()!;
}

/// <summary>A read-only, non-seekable stream over bytes that returns at most <c>chunk</c> bytes per read.</summary>
internal sealed class TrickleStream(byte[] bytes, int chunk = int.MaxValue) : Stream
{
    private int _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public int BytesRead => _position;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = Math.Min(Math.Min(buffer.Length, chunk), bytes.Length - _position);
        bytes.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>A stream that cannot be read or written, for argument checks.</summary>
internal sealed class ClosedStream(bool canRead, bool canWrite) : Stream
{
    public override bool CanRead => canRead;
    public override bool CanSeek => false;
    public override bool CanWrite => canWrite;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
