using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Text.Unicode;

namespace NetGen.Serialization;

/// <summary>One tensor's header entry. <see cref="Begin"/> and <see cref="End"/> are relative to the data section.</summary>
internal sealed record TensorEntry(string Name, string DType, long[] Shape, long ElementCount, long Begin, long End)
{
    /// <summary>The shape written like Python's list.</summary>
    public string ShapeText => NetworkLayout.FormatShape(Shape);

    /// <summary>The offsets written like the header does.</summary>
    public string OffsetsText => string.Create(CultureInfo.InvariantCulture, $"[{Begin}, {End}]");
}

/// <summary>
/// A parsed and validated safetensors file: the header's tensors and metadata, and the data section they point into.
/// Every structural problem is reported as an <see cref="InvalidDataException"/> whose message says what is wrong.
/// </summary>
internal sealed class SafetensorsFile
{
    /// <summary>The largest header accepted (the limit of the reference implementation).</summary>
    public const long MaxHeaderLength = 100_000_000;

    private const string MetadataKey = "__metadata__";
    private const int InitialReadChunk = 1 << 20;

    private SafetensorsFile(Dictionary<string, TensorEntry> tensors, Dictionary<string, string> metadata, byte[] data)
    {
        Tensors = tensors;
        Metadata = metadata;
        Data = data;
    }

    /// <summary>Tensors by name.</summary>
    public Dictionary<string, TensorEntry> Tensors { get; }

    /// <summary>The <c>__metadata__</c> entries (empty when the file has none).</summary>
    public Dictionary<string, string> Metadata { get; }

    /// <summary>The data section, at least as long as the largest end offset.</summary>
    public byte[] Data { get; }

    /// <summary>A tensor's bytes.</summary>
    public ReadOnlySpan<byte> Bytes(TensorEntry tensor) => Data.AsSpan((int)tensor.Begin, (int)(tensor.End - tensor.Begin));

    /// <summary>
    /// Reads a whole safetensors file from the current position of <paramref name="stream"/>, which need not be seekable.
    /// Memory use is bounded by the bytes actually present (a header cannot make it allocate more than it holds).
    /// </summary>
    public static SafetensorsFile Read(Stream stream)
    {
        Span<byte> prefix = stackalloc byte[8];
        int got = stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false);
        if (got < prefix.Length)
            throw Invalid($"the file is {got} bytes long, shorter than the 8-byte header length that starts a safetensors file.");

        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > MaxHeaderLength)
            throw Invalid($"the header length is {headerLength} bytes, over the 100 MB limit; this is probably not a safetensors file.");

        if (stream.CanSeek)
        {
            long remaining = Math.Max(0, stream.Length - stream.Position);
            if ((ulong)remaining < headerLength) throw TruncatedHeader(headerLength, remaining);
        }

        byte[] header = ReadUpTo(stream, (int)headerLength, out int headerRead);
        if ((ulong)headerRead < headerLength) throw TruncatedHeader(headerLength, headerRead);

        (Dictionary<string, TensorEntry> tensors, Dictionary<string, string> metadata) = ParseHeader(header.AsMemory(0, headerRead));

        long dataLength = 0;
        foreach (TensorEntry tensor in tensors.Values) dataLength = Math.Max(dataLength, tensor.End);
        if (dataLength > Array.MaxLength)
            throw Invalid($"the header describes {dataLength} bytes of tensor data; loading more than {Array.MaxLength} bytes is not supported.");

        byte[] data = ReadUpTo(stream, (int)dataLength, out int dataRead);
        CheckRanges(tensors, dataRead);
        return new SafetensorsFile(tensors, metadata, data);
    }

    private static InvalidDataException TruncatedHeader(ulong headerLength, long available) =>
        Invalid($"the header length is {headerLength} bytes but only {available} bytes follow the 8-byte length " +
                "(the file is truncated or its header length is wrong).");

    /// <summary>Reads up to <paramref name="count"/> bytes, growing the buffer as bytes arrive rather than trusting the count.</summary>
    private static byte[] ReadUpTo(Stream stream, int count, out int read)
    {
        int capacity = Math.Min(count, InitialReadChunk);
        if (stream.CanSeek) capacity = (int)Math.Min(count, Math.Max(0, stream.Length - stream.Position));
        byte[] buffer = new byte[capacity];
        int total = 0;
        while (total < count)
        {
            if (total == buffer.Length)
                Array.Resize(ref buffer, (int)Math.Min(count, Math.Max(InitialReadChunk, 2L * buffer.Length)));
            int n = stream.Read(buffer, total, buffer.Length - total);
            if (n == 0) break;
            total += n;
        }
        read = total;
        return buffer;
    }

    private static (Dictionary<string, TensorEntry>, Dictionary<string, string>) ParseHeader(ReadOnlyMemory<byte> header)
    {
        if (!Utf8.IsValid(header.Span)) throw Invalid("the header is not valid UTF-8.");

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw Invalid($"the header is not valid JSON ({e.Message})", e);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw Invalid($"the header is a JSON {Kind(root)}, not an object mapping tensor names to their dtype, shape and data_offsets.");

            var tensors = new Dictionary<string, TensorEntry>(StringComparer.Ordinal);
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            bool sawMetadata = false;
            foreach (JsonProperty property in root.EnumerateObject())
            {
                if (property.Name == MetadataKey)
                {
                    if (sawMetadata) throw Invalid("the header has two __metadata__ entries.");
                    sawMetadata = true;
                    ParseMetadata(property.Value, metadata);
                    continue;
                }
                if (tensors.ContainsKey(property.Name))
                    throw Invalid($"tensor '{property.Name}' is listed twice in the header.");
                tensors.Add(property.Name, ParseTensor(property.Name, property.Value));
            }
            return (tensors, metadata);
        }
    }

    private static void ParseMetadata(JsonElement value, Dictionary<string, string> metadata)
    {
        if (value.ValueKind == JsonValueKind.Null) return;
        if (value.ValueKind != JsonValueKind.Object)
            throw Invalid($"__metadata__ is a JSON {Kind(value)}; it must be an object of string values.");
        foreach (JsonProperty entry in value.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String)
                throw Invalid($"__metadata__ entry '{entry.Name}' is a JSON {Kind(entry.Value)}; metadata values must be strings.");
            metadata[entry.Name] = entry.Value.GetString()!;
        }
    }

    private static TensorEntry ParseTensor(string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw Invalid($"tensor '{name}': its header entry is a JSON {Kind(value)}, not an object with dtype, shape and data_offsets.");

        if (!value.TryGetProperty("dtype", out JsonElement dtypeElement))
            throw Invalid($"tensor '{name}' has no dtype.");
        if (dtypeElement.ValueKind != JsonValueKind.String || dtypeElement.GetString() is not { Length: > 0 } dtype)
            throw Invalid($"tensor '{name}': dtype must be a non-empty string such as \"F32\", not {Json(dtypeElement)}.");

        if (!value.TryGetProperty("shape", out JsonElement shapeElement))
            throw Invalid($"tensor '{name}' has no shape.");
        if (shapeElement.ValueKind != JsonValueKind.Array)
            throw Invalid($"tensor '{name}': shape must be a list of non-negative integers, not {Json(shapeElement)}.");
        var shape = new long[shapeElement.GetArrayLength()];
        long elements = 1;
        int d = 0;
        foreach (JsonElement dimension in shapeElement.EnumerateArray())
        {
            if (dimension.ValueKind != JsonValueKind.Number || !dimension.TryGetInt64(out long size) || size < 0)
                throw Invalid($"tensor '{name}': shape must be a list of non-negative integers, not {Json(shapeElement)}.");
            shape[d++] = size;
            if (size != 0 && elements > long.MaxValue / size)
                throw Invalid($"tensor '{name}': shape {Json(shapeElement)} has more elements than a file can hold.");
            elements *= size;
        }

        if (!value.TryGetProperty("data_offsets", out JsonElement offsetsElement))
            throw Invalid($"tensor '{name}' has no data_offsets.");
        if (offsetsElement.ValueKind != JsonValueKind.Array || offsetsElement.GetArrayLength() != 2
            || !TryGetOffset(offsetsElement[0], out long begin) || !TryGetOffset(offsetsElement[1], out long end))
            throw Invalid($"tensor '{name}': data_offsets must be two non-negative integers [begin, end], not {Json(offsetsElement)}.");
        if (end < begin)
            throw Invalid($"tensor '{name}': data_offsets [{begin}, {end}] end before they begin.");

        var tensor = new TensorEntry(name, dtype, shape, elements, begin, end);
        int elementSize = SafetensorsDType.ElementSize(dtype);
        if (elementSize != 0)
        {
            long expectedBytes = elements > long.MaxValue / elementSize ? long.MaxValue : elements * elementSize;
            if (end - begin != expectedBytes)
                throw Invalid($"tensor '{name}': {dtype} {tensor.ShapeText} needs {expectedBytes} bytes but data_offsets " +
                              $"{tensor.OffsetsText} span {end - begin}.");
        }
        return tensor;
    }

    private static bool TryGetOffset(JsonElement element, out long offset)
    {
        offset = 0;
        return element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out offset) && offset >= 0;
    }

    /// <summary>Every tensor must lie inside the data that was read, and no two may share bytes.</summary>
    private static void CheckRanges(Dictionary<string, TensorEntry> tensors, int dataLength)
    {
        var nonEmpty = new List<TensorEntry>(tensors.Count);
        foreach (TensorEntry tensor in tensors.Values)
        {
            if (tensor.End > dataLength)
                throw Invalid($"tensor '{tensor.Name}': data_offsets {tensor.OffsetsText} run past the end of the data section, " +
                              $"which has {dataLength} bytes (the file is truncated or the offsets are wrong).");
            if (tensor.End > tensor.Begin) nonEmpty.Add(tensor);
        }

        nonEmpty.Sort(static (a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : string.CompareOrdinal(a.Name, b.Name));
        for (int i = 1; i < nonEmpty.Count; i++)
        {
            TensorEntry previous = nonEmpty[i - 1], current = nonEmpty[i];
            if (current.Begin < previous.End)
                throw Invalid($"tensors '{previous.Name}' (data_offsets {previous.OffsetsText}) and '{current.Name}' " +
                              $"(data_offsets {current.OffsetsText}) overlap.");
        }
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "value",
    };

    /// <summary>The element's JSON text, shortened for messages.</summary>
    private static string Json(JsonElement element)
    {
        string text = element.GetRawText();
        return text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");
    }

    private static InvalidDataException Invalid(string message, Exception? inner = null) => new(message, inner);
}
