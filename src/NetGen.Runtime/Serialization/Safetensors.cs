using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NetGen.Serialization;

namespace NetGen;

/// <summary>
/// Saves and loads the parameters of any <see cref="INetwork"/> in the
/// <see href="https://github.com/huggingface/safetensors">safetensors</see> format.
/// </summary>
/// <remarks>
/// <para>
/// A file is an 8-byte little-endian header length N, N bytes of UTF-8 JSON header, then the raw little-endian tensor data.
/// NetGen writes one <c>F32</c> tensor per weight and bias, named by 0-based layer index: <c>0.weight</c> [units, inputs],
/// <c>0.bias</c> [units], <c>1.weight</c>, … — the layout and names of a PyTorch <c>nn.Sequential</c> of <c>nn.Linear</c>
/// modules (whose activations would take the odd indices). The <c>__metadata__</c> records <c>format</c> = <c>pt</c> and the
/// architecture: <c>netgen.inputs</c>, <c>netgen.outputs</c>, <c>netgen.layers</c> (e.g. <c>16:ReLU,8:LeakyReLU(0.2),1:Sigmoid</c>)
/// and <c>netgen.network</c> (the type's name).
/// </para>
/// <para>
/// Loading accepts NetGen's files and PyTorch <c>nn.Sequential</c> state dicts (<c>0.weight</c>, <c>2.weight</c>, …,
/// optionally after one shared prefix such as <c>model.</c>), with <c>F32</c>, <c>F64</c>, <c>F16</c> or <c>BF16</c> tensors.
/// Any malformed or mismatched file throws <see cref="InvalidDataException"/> naming the problem, and leaves the network's
/// parameters unchanged.
/// </para>
/// </remarks>
public static class Safetensors
{
    /// <summary>Writes the network's parameters to <paramref name="stream"/> as safetensors, starting at its current position.</summary>
    /// <param name="network">The network whose parameters to write.</param>
    /// <param name="stream">A writable stream; it is neither flushed nor closed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> or <paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not writable, or the network reports inconsistent shapes.</exception>
    public static void Save(INetwork network, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite) throw new ArgumentException("The stream is not writable.", nameof(stream));

        LayerShape[] layers = NetworkLayout.Describe(network, nameof(network));
        byte[] header = BuildHeader(network, layers);

        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
        stream.Write(prefix);
        stream.Write(header);

        ReadOnlySpan<float> parameters = network.Parameters;
        foreach (LayerShape layer in layers)
        {
            WriteFloats(stream, parameters.Slice(layer.WeightOffset, layer.Units * layer.Inputs));
            WriteFloats(stream, parameters.Slice(layer.BiasOffset, layer.Units));
        }
    }

    /// <summary>
    /// Writes the network's parameters to the file at <paramref name="path"/> as safetensors, atomically: the file is written
    /// to a temporary file in the same directory, flushed to disk, then moved over <paramref name="path"/>, so readers see
    /// either the old file or the complete new one. On failure the temporary file is deleted and any existing file is kept.
    /// </summary>
    /// <param name="network">The network whose parameters to write.</param>
    /// <param name="path">The file to create or replace; its directory must exist.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> or <paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or the network reports inconsistent shapes.</exception>
    /// <exception cref="IOException">The file could not be written or replaced.</exception>
    public static void Save(INetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);

        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath)
            ?? throw new ArgumentException($"'{path}' names a root directory, not a file.", nameof(path));
        string tempPath = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                Save(network, file);
                file.Flush(flushToDisk: true);
            }
            File.Move(tempPath, fullPath, overwrite: true);
        }
        catch
        {
            try
            {
                File.Delete(tempPath);
            }
            catch (IOException)
            {
                // The original exception matters more than a temporary file we could not remove.
            }
            catch (UnauthorizedAccessException)
            {
            }
            throw;
        }
    }

    /// <summary>
    /// Reads safetensors from <paramref name="stream"/> (from its current position; it need not be seekable) into the
    /// network's parameters.
    /// </summary>
    /// <param name="network">The network to load into.</param>
    /// <param name="stream">A readable stream holding a safetensors file.</param>
    /// <param name="nameMap">
    /// Optional: which file tensor holds each parameter, keyed by NetGen name (<c>"0.weight"</c>, <c>"0.bias"</c>, …,
    /// 0-based layer). Keys left out mean the NetGen name itself; tensors not named are ignored. Without a map the file's
    /// tensors must be named like <c>nn.Sequential</c> parameters (<c>&lt;prefix&gt;&lt;index&gt;.weight</c>/<c>.bias</c>,
    /// one shared prefix), and its Linear modules in ascending index are the network's layers.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> or <paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException">The stream is not readable, or <paramref name="nameMap"/> has a key that is not a parameter of the network.</exception>
    /// <exception cref="InvalidDataException">
    /// The data is not a valid safetensors file, or its tensors do not match the network (missing, wrong shape, wrong
    /// number of layers, unsupported dtype). The network's parameters are unchanged.
    /// </exception>
    public static void Load(INetwork network, Stream stream, IReadOnlyDictionary<string, string>? nameMap = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        LoadCore(network, stream, nameMap, "safetensors stream");
    }

    /// <summary>Reads the safetensors file at <paramref name="path"/> into the network's parameters.</summary>
    /// <param name="network">The network to load into.</param>
    /// <param name="path">The safetensors file.</param>
    /// <param name="nameMap">Optional tensor names, as for <see cref="Load(INetwork, Stream, IReadOnlyDictionary{string, string}?)"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> or <paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or <paramref name="nameMap"/> has a key that is not a parameter of the network.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is not a valid safetensors file, or its tensors do not match the network. The network's parameters are unchanged.
    /// </exception>
    public static void Load(INetwork network, string path, IReadOnlyDictionary<string, string>? nameMap = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        LoadCore(network, file, nameMap, $"'{path}'");
    }

    private static void LoadCore(INetwork network, Stream stream, IReadOnlyDictionary<string, string>? nameMap, string source)
    {
        if (!stream.CanRead) throw new ArgumentException("The stream is not readable.", nameof(stream));
        LayerShape[] layers = NetworkLayout.Describe(network, nameof(network));
        if (nameMap is not null) LayerTensorResolver.ValidateNameMap(nameMap, layers.Length, nameof(nameMap));
        string networkName = NetworkLayout.Name(network);

        float[] staged;
        try
        {
            // The format is told by the content: an ONNX model (protobuf, from ir_version's tag 0x08) or safetensors. Only
            // the first 9 bytes are read to tell; a safetensors file is then read to its end and no further (a stream may
            // hold several), an ONNX model (which has no length of its own) to the end of the stream.
            byte[] prefix = ReadPrefix(stream, 9);
            if (NetGen.Serialization.Onnx.OnnxWeights.LooksLikeOnnx(prefix))
            {
                var all = new MemoryStream();
                all.Write(prefix);
                stream.CopyTo(all);
                staged = network.Parameters.ToArray();
                NetGen.Serialization.Onnx.OnnxWeights.Stage(NetGen.Serialization.Onnx.OnnxModel.Read(all.GetBuffer().AsSpan(0, (int)all.Length)), layers, staged);
                staged.CopyTo(network.Parameters);
                return;
            }
            SafetensorsFile file = SafetensorsFile.Read(new PrefixedStream(prefix, stream));
            LayerTensors[] tensors = nameMap is null
                ? LayerTensorResolver.BySequentialIndex(file, layers.Length, networkName)
                : LayerTensorResolver.ByNameMap(file, nameMap, layers.Length);

            // Decode everything into a copy first: the network is only written once the whole file has been accepted.
            staged = network.Parameters.ToArray();
            for (int l = 0; l < layers.Length; l++)
            {
                LayerShape layer = layers[l];
                Stage(file, tensors[l].Weight, l, "weight", layer.WeightShape(), staged.AsSpan(layer.WeightOffset, layer.Units * layer.Inputs));
                Stage(file, tensors[l].Bias, l, "bias", [layer.Units], staged.AsSpan(layer.BiasOffset, layer.Units));
            }
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"Cannot load {source} into {networkName}: {e.Message}", e);
        }

        staged.CopyTo(network.Parameters);
    }

    /// <summary>Up to <paramref name="count"/> bytes from the start of <paramref name="stream"/> (fewer only at its end).</summary>
    private static byte[] ReadPrefix(Stream stream, int count)
    {
        var prefix = new byte[count];
        int read = 0, n;
        while (read < count && (n = stream.Read(prefix, read, count - read)) > 0) read += n;
        return read == count ? prefix : prefix.AsSpan(0, read).ToArray();
    }

    /// <summary>The bytes already read to tell the format, then the rest of the stream, read only as far as asked.</summary>
    private sealed class PrefixedStream(byte[] prefix, Stream inner) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position < prefix.Length)
            {
                int n = Math.Min(buffer.Length, prefix.Length - _position);
                prefix.AsSpan(_position, n).CopyTo(buffer);
                _position += n;
                return n;
            }
            return inner.Read(buffer);
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static void Stage(SafetensorsFile file, TensorEntry tensor, int layer, string kind, ReadOnlySpan<long> expectedShape, Span<float> destination)
    {
        if (!SafetensorsDType.IsSupported(tensor.DType))
            throw new InvalidDataException(
                $"layer {layer} {kind}: tensor '{tensor.Name}' has dtype {tensor.DType}; NetGen loads {SafetensorsDType.Supported}.");
        if (!expectedShape.SequenceEqual(tensor.Shape))
            throw new InvalidDataException(
                $"layer {layer} {kind}: expected {NetworkLayout.FormatShape(expectedShape)} but the file has {tensor.ShapeText} (tensor '{tensor.Name}').");
        SafetensorsDType.Decode(tensor.DType, file.Bytes(tensor), destination);
    }

    private static byte[] BuildHeader(INetwork network, LayerShape[] layers)
    {
        var layerText = new StringBuilder();
        foreach (LayerShape layer in layers)
        {
            if (layerText.Length > 0) layerText.Append(',');
            // Dense layers as "units:activation"; convolutions also name their kind and kernel, e.g. "Conv2D 6 k5:ReLU".
            if (layer.Kind != LayerKind.Dense)
                layerText.Append(layer.Kind.ToString()).Append(' ');
            layerText.Append(layer.Units.ToString(CultureInfo.InvariantCulture));
            if (layer.Kind != LayerKind.Dense)
                layerText.Append(" k").Append(layer.Kernel.ToString(CultureInfo.InvariantCulture));
            layerText.Append(':').Append(NetworkLayout.ActivationText(layer));
        }

        var buffer = new ArrayBufferWriter<byte>(256 + 160 * layers.Length);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartObject("__metadata__");
            json.WriteString("format", "pt");
            json.WriteString("netgen.network", network.GetType().FullName ?? network.GetType().Name);
            json.WriteString("netgen.inputs", network.InputSize.ToString(CultureInfo.InvariantCulture));
            json.WriteString("netgen.outputs", network.OutputSize.ToString(CultureInfo.InvariantCulture));
            json.WriteString("netgen.layers", layerText.ToString());
            json.WriteEndObject();

            long offset = 0;
            for (int l = 0; l < layers.Length; l++)
            {
                LayerShape layer = layers[l];
                string index = l.ToString(CultureInfo.InvariantCulture);
                offset = WriteTensorEntry(json, index + ".weight", layer.WeightShape(), offset);
                offset = WriteTensorEntry(json, index + ".bias", [layer.Units], offset);
            }
            json.WriteEndObject();
        }

        // Pad with spaces so the data section starts 8-byte aligned (8-byte length + header), as the reference writer does.
        int padding = (8 - buffer.WrittenCount % 8) % 8;
        buffer.GetSpan(padding)[..padding].Fill((byte)' ');
        buffer.Advance(padding);
        return buffer.WrittenSpan.ToArray();
    }

    private static long WriteTensorEntry(Utf8JsonWriter json, string name, ReadOnlySpan<long> shape, long offset)
    {
        long elements = 1;
        json.WriteStartObject(name);
        json.WriteString("dtype", "F32");
        json.WriteStartArray("shape");
        foreach (long size in shape)
        {
            json.WriteNumberValue(size);
            elements *= size;
        }
        json.WriteEndArray();
        long end = offset + sizeof(float) * elements;
        json.WriteStartArray("data_offsets");
        json.WriteNumberValue(offset);
        json.WriteNumberValue(end);
        json.WriteEndArray();
        json.WriteEndObject();
        return end;
    }

    private static void WriteFloats(Stream stream, ReadOnlySpan<float> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(values));
            return;
        }

        byte[] chunk = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            while (!values.IsEmpty)
            {
                int count = Math.Min(values.Length, chunk.Length / sizeof(float));
                for (int i = 0; i < count; i++)
                    BinaryPrimitives.WriteSingleLittleEndian(chunk.AsSpan(sizeof(float) * i), values[i]);
                stream.Write(chunk, 0, sizeof(float) * count);
                values = values[count..];
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
