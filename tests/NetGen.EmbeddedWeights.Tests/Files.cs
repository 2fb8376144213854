using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace NetGen.EmbeddedWeightsTests;

/// <summary>Paths of the test data, and a minimal safetensors writer for files the exporter must refuse.</summary>
internal static class Files
{
    public static string Torch(string name) => Path.Combine(AppContext.BaseDirectory, "TorchData", name);

    public static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    /// <summary>torch's inputs and outputs for one fixture file (from TorchData/torch_outputs.json).</summary>
    public static (float[] Inputs, double[] Outputs, double Tolerance) TorchCase(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Torch("torch_outputs.json")));
        var entry = document.RootElement.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("file").GetString() == file);
        return (entry.GetProperty("inputs").EnumerateArray().SelectMany(r => r.EnumerateArray()).Select(v => (float)v.GetDouble()).ToArray(),
            entry.GetProperty("outputs").EnumerateArray().SelectMany(r => r.EnumerateArray()).Select(v => v.GetDouble()).ToArray(),
            entry.GetProperty("tolerance").GetDouble());
    }

    /// <summary>A safetensors file holding the given tensors (data in the given order, header as written).</summary>
    public static byte[] Safetensors(params (string Name, string DType, long[] Shape, byte[] Data)[] tensors) =>
        SafetensorsWithMetadata([], tensors);

    /// <summary>The same with a <c>__metadata__</c> entry holding the given string pairs.</summary>
    public static byte[] SafetensorsWithMetadata((string Key, string Value)[] metadata, params (string Name, string DType, long[] Shape, byte[] Data)[] tensors)
    {
        var header = new StringBuilder("{");
        if (metadata.Length > 0)
            header.Append("\"__metadata__\":{").Append(string.Join(",", metadata.Select(m => $"\"{m.Key}\":\"{m.Value}\""))).Append('}');
        long offset = 0;
        foreach (var (name, dtype, shape, data) in tensors)
        {
            if (header.Length > 1) header.Append(',');
            header.Append($"\"{name}\":{{\"dtype\":\"{dtype}\",\"shape\":[{string.Join(",", shape)}],\"data_offsets\":[{offset},{offset + data.Length}]}}");
            offset += data.Length;
        }
        header.Append('}');
        byte[] headerBytes = Encoding.UTF8.GetBytes(header.ToString());
        var file = new List<byte>(new byte[8]);
        BinaryPrimitives.WriteUInt64LittleEndian(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(file), (ulong)headerBytes.Length);
        file.AddRange(headerBytes);
        foreach (var tensor in tensors) file.AddRange(tensor.Data);
        return [.. file];
    }

    public static byte[] F32(params float[] values)
    {
        var bytes = new byte[4 * values.Length];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        return bytes;
    }

    public static int[] Bits(ReadOnlySpan<float> values)
    {
        var bits = new int[values.Length];
        for (int i = 0; i < values.Length; i++) bits[i] = BitConverter.SingleToInt32Bits(values[i]);
        return bits;
    }
}
