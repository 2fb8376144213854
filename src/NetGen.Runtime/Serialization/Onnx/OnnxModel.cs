using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace NetGen.Serialization.Onnx;

/// <summary>An ONNX tensor (an initializer or a Constant's value), with its values converted for NetGen.</summary>
/// <param name="Name">The tensor's name (initializers are referenced by it).</param>
/// <param name="Dims">Its shape.</param>
/// <param name="DataType">ONNX's TensorProto.DataType number (1 float, 7 int64, 10 float16, 11 double, …).</param>
/// <param name="Floats">The values for the floating-point types (float, float16, double → float); null for others.</param>
/// <param name="Int64s">The values of an int64 tensor (e.g. a Reshape's target shape); null for others.</param>
internal sealed record OnnxTensor(string Name, long[] Dims, int DataType, float[]? Floats, long[]? Int64s)
{
    public const int Float = 1, Int64 = 7, Float16 = 10, Double = 11;

    /// <summary>The product of the dims (1 for a scalar).</summary>
    public long ElementCount
    {
        get
        {
            long n = 1;
            foreach (long d in Dims) n *= d;
            return n;
        }
    }
}

/// <summary>One attribute of a node: the scalar, list or tensor value its type says it has.</summary>
internal sealed record OnnxAttribute(string Name, int Type, float F, long I, string? S, float[] Floats, long[] Ints, OnnxTensor? Tensor)
{
    public const int FloatType = 1, IntType = 2, StringType = 3, TensorType = 4, GraphType = 5, FloatsType = 6, IntsType = 7;
}

/// <summary>One node of the graph: an operator applied to named inputs, producing named outputs.</summary>
internal sealed record OnnxNode(string Name, string OpType, string Domain, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs,
    IReadOnlyList<OnnxAttribute> Attributes)
{
    public OnnxAttribute? Attribute(string name)
    {
        foreach (var attribute in Attributes) if (attribute.Name == name) return attribute;
        return null;
    }
}

/// <summary>A graph input or output: its name, element type and shape (null for a symbolic dimension such as the batch).</summary>
internal sealed record OnnxValueInfo(string Name, int ElementType, long?[]? Dims);

/// <summary>The graph: nodes in the file's (topological) order, initializers, inputs and outputs.</summary>
internal sealed record OnnxGraph(string Name, IReadOnlyList<OnnxNode> Nodes, IReadOnlyList<OnnxTensor> Initializers,
    IReadOnlyList<OnnxValueInfo> Inputs, IReadOnlyList<OnnxValueInfo> Outputs);

/// <summary>
/// The parts of an ONNX ModelProto that describe a feed-forward network, read with <see cref="ProtoReader"/> from the
/// protobuf encoding (no dependency). Defensive like <see cref="SafetensorsFile"/>: every structural problem — a
/// truncated field, a length past the end, a negative dimension, tensor data whose size does not match its shape,
/// external data — is an <see cref="InvalidDataException"/> naming the message and the byte offset. Unknown fields
/// are skipped (protobuf's forward compatibility); subgraphs (control flow) are skipped unread.
/// </summary>
internal sealed record OnnxModel(long IrVersion, IReadOnlyList<(string Domain, long Version)> Opsets, OnnxGraph Graph)
{
    /// <summary>The most values one tensor may hold (2^28 floats = 1 GiB), so a hostile header cannot make us allocate more.</summary>
    public const long MaxTensorElements = 1L << 28;

    /// <summary>The opset of the default ("" or "ai.onnx") domain; 0 when the model does not say.</summary>
    public long DefaultOpset
    {
        get
        {
            foreach (var (domain, version) in Opsets) if (domain is "" or "ai.onnx") return version;
            return 0;
        }
    }

    /// <summary>Parses a whole model.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a well-formed ONNX model (the message says why and where).</exception>
    public static OnnxModel Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) throw new InvalidDataException("ONNX: the file is empty.");
        var reader = new ProtoReader(bytes, 0, "ModelProto");
        long irVersion = 0;
        var opsets = new List<(string, long)>();
        OnnxGraph? graph = null;
        while (reader.TryReadTag(out int field, out WireType wire))
        {
            switch (field)
            {
                case 1 when wire == WireType.Varint: irVersion = reader.ReadInt64(); break;
                case 8 when wire == WireType.LengthDelimited: opsets.Add(ReadOpset(reader.ReadMessage("OperatorSetIdProto"))); break;
                case 7 when wire == WireType.LengthDelimited:
                    if (graph is not null) throw reader.Error(reader.Offset, "the model has a second graph");
                    graph = ReadGraph(reader.ReadMessage("GraphProto"));
                    break;
                default: reader.Skip(wire); break;
            }
        }
        if (graph is null) throw reader.Error("the model has no graph (field 7): not an ONNX model, or an empty one");
        return new OnnxModel(irVersion, opsets, graph);
    }

    private static (string, long) ReadOpset(ProtoReader reader)
    {
        string domain = "";
        long version = 0;
        while (reader.TryReadTag(out int field, out WireType wire))
        {
            if (field == 1 && wire == WireType.LengthDelimited) domain = reader.ReadString("the opset's domain");
            else if (field == 2 && wire == WireType.Varint) version = reader.ReadInt64();
            else reader.Skip(wire);
        }
        return (domain, version);
    }

    private static OnnxGraph ReadGraph(ProtoReader reader)
    {
        string name = "";
        var nodes = new List<OnnxNode>();
        var initializers = new List<OnnxTensor>();
        var inputs = new List<OnnxValueInfo>();
        var outputs = new List<OnnxValueInfo>();
        while (reader.TryReadTag(out int field, out WireType wire))
        {
            switch (field)
            {
                case 1 when wire == WireType.LengthDelimited: nodes.Add(ReadNode(reader.ReadMessage("NodeProto"))); break;
                case 2 when wire == WireType.LengthDelimited: name = reader.ReadString("the graph's name"); break;
                case 5 when wire == WireType.LengthDelimited: initializers.Add(ReadTensor(reader.ReadMessage("TensorProto (initializer)"))); break;
                case 11 when wire == WireType.LengthDelimited: inputs.Add(ReadValueInfo(reader.ReadMessage("ValueInfoProto (input)"))); break;
                case 12 when wire == WireType.LengthDelimited: outputs.Add(ReadValueInfo(reader.ReadMessage("ValueInfoProto (output)"))); break;
                default: reader.Skip(wire); break;
            }
        }
        return new OnnxGraph(name, nodes, initializers, inputs, outputs);
    }

    private static OnnxNode ReadNode(ProtoReader reader)
    {
        string name = "", opType = "", domain = "";
        var inputs = new List<string>();
        var outputs = new List<string>();
        var attributes = new List<OnnxAttribute>();
        while (reader.TryReadTag(out int field, out WireType wire))
        {
            switch (field)
            {
                case 1 when wire == WireType.LengthDelimited: inputs.Add(reader.ReadString("a node input")); break;
                case 2 when wire == WireType.LengthDelimited: outputs.Add(reader.ReadString("a node output")); break;
                case 3 when wire == WireType.LengthDelimited: name = reader.ReadString("the node's name"); break;
                case 4 when wire == WireType.LengthDelimited: opType = reader.ReadString("the node's op_type"); break;
                case 7 when wire == WireType.LengthDelimited: domain = reader.ReadString("the node's domain"); break;
                case 5 when wire == WireType.LengthDelimited: attributes.Add(ReadAttribute(reader.ReadMessage("AttributeProto"))); break;
                default: reader.Skip(wire); break;
            }
        }
        if (opType.Length == 0) throw reader.Error($"node '{name}' has no op_type");
        return new OnnxNode(name, opType, domain, inputs, outputs, attributes);
    }

    private static OnnxAttribute ReadAttribute(ProtoReader reader)
    {
        string name = "";
        string? s = null;
        int type = 0;
        float f = 0;
        long i = 0;
        var floats = new List<float>();
        var ints = new List<long>();
        OnnxTensor? tensor = null;
        while (reader.TryReadTag(out int field, out WireType wire))
        {
            switch (field)
            {
                case 1 when wire == WireType.LengthDelimited: name = reader.ReadString("the attribute's name"); break;
                case 20 when wire == WireType.Varint: type = reader.ReadInt32("the attribute's type"); break;
                case 2 when wire == WireType.Fixed32: f = reader.ReadFloat(); break;
                case 3 when wire == WireType.Varint: i = reader.ReadInt64(); break;
                case 4 when wire == WireType.LengthDelimited: s = reader.ReadString($"attribute '{name}'"); break;
                case 5 when wire == WireType.LengthDelimited: tensor = ReadTensor(reader.ReadMessage($"TensorProto (attribute '{name}')")); break;
                case 7: ReadFloats(ref reader, wire, floats, $"attribute '{name}'"); break;
                case 8: ReadInt64s(ref reader, wire, ints, $"attribute '{name}'"); break;
                default: reader.Skip(wire); break; // graphs (control flow) and lists of strings/tensors: not for a feed-forward network
            }
        }
        if (name.Length == 0) throw reader.Error("an attribute has no name");
        return new OnnxAttribute(name, type, f, i, s, floats.ToArray(), ints.ToArray(), tensor);
    }

    private static OnnxValueInfo ReadValueInfo(ProtoReader reader)
    {
        string name = "";
        int elementType = 0;
        long?[]? dims = null;
        while (reader.TryReadTag(out int field, out WireType wire))
        {
            if (field == 1 && wire == WireType.LengthDelimited) name = reader.ReadString("the value's name");
            else if (field == 2 && wire == WireType.LengthDelimited)
            {
                var type = reader.ReadMessage("TypeProto");
                while (type.TryReadTag(out int tf, out WireType tw))
                {
                    if (tf != 1 || tw != WireType.LengthDelimited) { type.Skip(tw); continue; }
                    var tensorType = type.ReadMessage("TypeProto.Tensor");
                    while (tensorType.TryReadTag(out int xf, out WireType xw))
                    {
                        if (xf == 1 && xw == WireType.Varint) elementType = tensorType.ReadInt32("the element type");
                        else if (xf == 2 && xw == WireType.LengthDelimited) dims = ReadShape(tensorType.ReadMessage("TensorShapeProto"));
                        else tensorType.Skip(xw);
                    }
                }
            }
            else reader.Skip(wire);
        }
        return new OnnxValueInfo(name, elementType, dims);
    }

    private static long?[] ReadShape(ProtoReader reader)
    {
        var dims = new List<long?>();
        while (reader.TryReadTag(out int field, out WireType wire))
        {
            if (field != 1 || wire != WireType.LengthDelimited) { reader.Skip(wire); continue; }
            var dim = reader.ReadMessage("TensorShapeProto.Dimension");
            long? value = null;
            while (dim.TryReadTag(out int df, out WireType dw))
            {
                if (df == 1 && dw == WireType.Varint)
                {
                    long at = dim.Offset;
                    value = dim.ReadInt64();
                    if (value < 0) throw dim.Error(at, $"a dimension is {value.Value.ToString(CultureInfo.InvariantCulture)}");
                }
                else dim.Skip(dw); // dim_param: a symbolic size (the batch), left null
            }
            dims.Add(value);
        }
        return dims.ToArray();
    }

    private static OnnxTensor ReadTensor(ProtoReader reader)
    {
        string name = "";
        var dims = new List<long>();
        int dataType = 0;
        var floats = new List<float>();
        var doubles = new List<double>();
        var int32s = new List<long>();
        var int64s = new List<long>();
        ReadOnlySpan<byte> raw = default;
        long rawOrigin = 0;
        bool hasRaw = false;
        while (reader.TryReadTag(out int field, out WireType wire))
        {
            switch (field)
            {
                case 1: ReadInt64s(ref reader, wire, dims, "the tensor's dims"); break;
                case 2 when wire == WireType.Varint: dataType = reader.ReadInt32("the data type"); break;
                case 4: ReadFloats(ref reader, wire, floats, "float_data"); break;
                case 5: ReadInt64s(ref reader, wire, int32s, "int32_data"); break;
                case 7: ReadInt64s(ref reader, wire, int64s, "int64_data"); break;
                case 8 when wire == WireType.LengthDelimited: name = reader.ReadString("the tensor's name"); break;
                case 9 when wire == WireType.LengthDelimited: raw = reader.ReadBytes(out rawOrigin); hasRaw = true; break;
                case 10: ReadDoubles(ref reader, wire, doubles); break;
                case 13 when wire == WireType.LengthDelimited: throw reader.Error(reader.Offset,
                    $"tensor '{name}' keeps its data in an external file; save the model with its weights inside (onnx.save(model, path, save_as_external_data=False))");
                case 14 when wire == WireType.Varint:
                    if (reader.ReadInt64() != 0) throw reader.Error($"tensor '{name}' keeps its data in an external file; save the model with its weights inside");
                    break;
                default: reader.Skip(wire); break;
            }
        }
        long count = 1;
        foreach (long d in dims)
        {
            if (d < 0) throw reader.Error($"tensor '{name}' has the dimension {d.ToString(CultureInfo.InvariantCulture)}");
            if (d != 0 && count > MaxTensorElements / d)
                throw reader.Error($"tensor '{name}' has shape [{string.Join(", ", dims)}], more than {MaxTensorElements.ToString(CultureInfo.InvariantCulture)} values");
            count *= d;
        }
        string shape = "[" + string.Join(", ", dims) + "]";
        float[]? values = null;
        long[]? longs = null;
        switch (dataType)
        {
            case OnnxTensor.Float:
                values = hasRaw ? RawFloats(reader, raw, rawOrigin, count, 4, name, shape) : Exactly(reader, floats.ToArray(), count, name, shape, "float_data");
                break;
            case OnnxTensor.Double:
                values = hasRaw ? RawFloats(reader, raw, rawOrigin, count, 8, name, shape)
                    : Exactly(reader, doubles.ConvertAll(v => (float)v).ToArray(), count, name, shape, "double_data");
                break;
            case OnnxTensor.Float16:
                values = hasRaw ? RawFloats(reader, raw, rawOrigin, count, 2, name, shape)
                    : Exactly(reader, int32s.ConvertAll(v => (float)BitConverter.UInt16BitsToHalf(unchecked((ushort)v))).ToArray(), count, name, shape, "int32_data");
                break;
            case OnnxTensor.Int64:
                if (hasRaw)
                {
                    if (raw.Length != count * 8) throw reader.Error(rawOrigin, $"tensor '{name}' has shape {shape} ({count} int64 values) but {raw.Length} bytes of raw_data");
                    longs = new long[count];
                    for (int k = 0; k < longs.Length; k++) longs[k] = BinaryPrimitives.ReadInt64LittleEndian(raw.Slice(8 * k, 8));
                }
                else
                {
                    if (int64s.Count != count) throw reader.Error($"tensor '{name}' has shape {shape} ({count} values) but {int64s.Count} int64_data values");
                    longs = int64s.ToArray();
                }
                break;
            case 0: throw reader.Error($"tensor '{name}' has no data type");
            default: break; // other types: kept by type only; whoever needs the values says which types it takes
        }
        return new OnnxTensor(name, dims.ToArray(), dataType, values, longs);
    }

    private static float[] RawFloats(ProtoReader reader, ReadOnlySpan<byte> raw, long origin, long count, int size, string name, string shape)
    {
        if (raw.Length != count * size)
            throw reader.Error(origin, $"tensor '{name}' has shape {shape} ({count} values of {size} bytes) but {raw.Length} bytes of raw_data");
        var values = new float[count];
        for (int k = 0; k < values.Length; k++)
            values[k] = size switch
            {
                4 => BinaryPrimitives.ReadSingleLittleEndian(raw.Slice(4 * k, 4)),
                8 => (float)BinaryPrimitives.ReadDoubleLittleEndian(raw.Slice(8 * k, 8)),
                _ => (float)BinaryPrimitives.ReadHalfLittleEndian(raw.Slice(2 * k, 2)),
            };
        return values;
    }

    private static float[] Exactly(ProtoReader reader, float[] values, long count, string name, string shape, string field) =>
        values.Length == count ? values
            : throw reader.Error($"tensor '{name}' has shape {shape} ({count} values) but {values.Length} values in {field}");

    /// <summary>A repeated float field, packed (one length-delimited run) or not (one fixed32 each).</summary>
    private static void ReadFloats(ref ProtoReader reader, WireType wire, List<float> into, string what)
    {
        if (wire == WireType.Fixed32) { into.Add(reader.ReadFloat()); return; }
        if (wire != WireType.LengthDelimited) throw reader.Error(reader.Offset, $"{what} has wire type {(int)wire}, not a float list");
        var packed = reader.ReadBytes(out long origin);
        if (packed.Length % 4 != 0) throw reader.Error(origin, $"{what} has {packed.Length} bytes, not a whole number of floats");
        for (int k = 0; k < packed.Length; k += 4) into.Add(BinaryPrimitives.ReadSingleLittleEndian(packed.Slice(k, 4)));
    }

    private static void ReadDoubles(ref ProtoReader reader, WireType wire, List<double> into)
    {
        if (wire == WireType.Fixed64) { into.Add(reader.ReadDouble()); return; }
        if (wire != WireType.LengthDelimited) throw reader.Error(reader.Offset, $"double_data has wire type {(int)wire}, not a double list");
        var packed = reader.ReadBytes(out long origin);
        if (packed.Length % 8 != 0) throw reader.Error(origin, $"double_data has {packed.Length} bytes, not a whole number of doubles");
        for (int k = 0; k < packed.Length; k += 8) into.Add(BinaryPrimitives.ReadDoubleLittleEndian(packed.Slice(k, 8)));
    }

    /// <summary>A repeated int64/int32 field, packed (a length-delimited run of varints) or not (one varint each).</summary>
    private static void ReadInt64s(ref ProtoReader reader, WireType wire, List<long> into, string what)
    {
        if (wire == WireType.Varint) { into.Add(reader.ReadInt64()); return; }
        if (wire != WireType.LengthDelimited) throw reader.Error(reader.Offset, $"{what} has wire type {(int)wire}, not an integer list");
        var packed = reader.ReadMessage(what);
        while (!packed.AtEnd)
        {
            if (into.Count >= MaxTensorElements) throw packed.Error(packed.Offset, $"{what} has more than {MaxTensorElements} values");
            into.Add(packed.ReadInt64());
        }
    }
}
