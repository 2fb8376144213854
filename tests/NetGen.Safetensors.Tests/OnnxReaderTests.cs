using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using NetGen.Serialization.Onnx;

namespace NetGen.SafetensorsTests;

/// <summary>
/// The runtime's protobuf/ONNX reader: PyTorch's exports (TestData/make_onnx_fixture.py) read back with their ops,
/// attributes, initializers and shapes; tensors in every encoding NetGen takes; and corrupted files — every truncation,
/// thousands of flipped bytes and a corpus of 33 crafted faults — each refused with an InvalidDataException that says what
/// and where, never another exception.
/// </summary>
public sealed class OnnxReaderTests
{
    private static byte[] File(string name) => System.IO.File.ReadAllBytes(TestFiles.DataFile(name));

    private static JsonElement Fixture(string file)
    {
        using var document = JsonDocument.Parse(System.IO.File.ReadAllBytes(TestFiles.DataFile("onnx_fixture.json")));
        return document.RootElement.GetProperty("files").GetProperty(file).Clone();
    }

    private static void AssertInitializersAreTheStateDict(OnnxModel model, JsonElement fixture)
    {
        foreach (var entry in fixture.GetProperty("state").EnumerateObject())
        {
            var tensor = model.Graph.Initializers.Single(t => t.Name == entry.Name);
            Assert.Equal(entry.Value.GetProperty("dims").EnumerateArray().Select(d => d.GetInt64()), tensor.Dims);
            Assert.Equal(OnnxTensor.Float, tensor.DataType);
            Assert.Equal(entry.Value.GetProperty("values").EnumerateArray().Select(v => (float)v.GetDouble()), tensor.Floats!);
        }
    }

    [Fact]
    public void AnMlpExportedByPyTorchReadsBack()
    {
        var model = OnnxModel.Read(File("mlp.onnx"));
        Assert.Equal(13, model.DefaultOpset);
        Assert.True(model.IrVersion >= 7);
        Assert.Equal(["Gemm", "Relu", "Gemm", "Sigmoid"], model.Graph.Nodes.Select(n => n.OpType));
        var gemm = model.Graph.Nodes[0];
        Assert.Equal(["x", "0.weight", "0.bias"], gemm.Inputs);
        Assert.Equal(1, gemm.Attribute("transB")!.I);
        Assert.Equal(1f, gemm.Attribute("alpha")!.F);
        AssertInitializersAreTheStateDict(model, Fixture("mlp.onnx"));
        var input = model.Graph.Inputs.Single(i => i.Name == "x");
        Assert.Equal(OnnxTensor.Float, input.ElementType);
        Assert.Equal([null, 4L], input.Dims!);   // the batch is symbolic
        Assert.Equal([null, 1L], model.Graph.Outputs.Single().Dims!);
    }

    [Fact]
    public void ACnnExportedByPyTorchReadsBackWithItsAttributes()
    {
        var model = OnnxModel.Read(File("cnn.onnx"));
        Assert.Equal(["Conv", "Relu", "MaxPool", "Flatten", "Gemm", "Softmax"], model.Graph.Nodes.Select(n => n.OpType));
        var conv = model.Graph.Nodes[0];
        Assert.Equal([3L, 3L], conv.Attribute("kernel_shape")!.Ints);
        Assert.Equal([1L, 1L, 1L, 1L], conv.Attribute("pads")!.Ints);
        Assert.Equal([1L, 1L], conv.Attribute("strides")!.Ints);
        var pool = model.Graph.Nodes[2];
        Assert.Equal([2L, 2L], pool.Attribute("kernel_shape")!.Ints);
        Assert.Equal([2L, 2L], pool.Attribute("strides")!.Ints);
        Assert.Equal(1, model.Graph.Nodes[3].Attribute("axis")!.I);
        AssertInitializersAreTheStateDict(model, Fixture("cnn.onnx"));
        Assert.Equal([null, 1L, 6L, 6L], model.Graph.Inputs.Single(i => i.Name == "x").Dims!);
    }

    // ---- a small protobuf writer, to build tensors in every encoding and faults the exporters never make ----

    internal static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value != 0 ? (byte)(b | 0x80) : b);
        } while (value != 0);
        return [.. bytes];
    }

    internal static byte[] Tag(int field, int wire) => Varint((ulong)(field << 3 | wire));
    internal static byte[] VarintField(int field, long value) => [.. Tag(field, 0), .. Varint(unchecked((ulong)value))];
    internal static byte[] BytesField(int field, byte[] value) => [.. Tag(field, 2), .. Varint((ulong)value.Length), .. value];
    internal static byte[] StringField(int field, string value) => BytesField(field, Encoding.UTF8.GetBytes(value));
    internal static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    /// <summary>A model whose graph holds one initializer (TensorProto bytes) and one Identity node.</summary>
    private static byte[] ModelWith(byte[] tensor) => Concat(
        VarintField(1, 8),
        BytesField(8, Concat(StringField(1, ""), VarintField(2, 13))),
        BytesField(7, Concat(BytesField(1, Concat(StringField(1, "w"), StringField(2, "y"), StringField(4, "Identity"))), BytesField(5, tensor))));

    internal static byte[] Floats(params float[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();

    [Fact]
    public void TensorsInEveryEncodingNetGenTakes()
    {
        byte[] Dims(params long[] d) => BytesField(1, d.SelectMany(x => Varint((ulong)x)).ToArray()); // packed
        OnnxTensor Read(byte[] tensor) => OnnxModel.Read(ModelWith(tensor)).Graph.Initializers.Single();

        // float: raw_data, packed float_data, and unpacked (one fixed32 per value) with unpacked dims
        Assert.Equal([1f, -2f, 3.5f, 0f], Read(Concat(Dims(2, 2), VarintField(2, 1), StringField(8, "w"), BytesField(9, Floats(1f, -2f, 3.5f, 0f)))).Floats!);
        Assert.Equal([1f, 2f, 3f], Read(Concat(Dims(3), VarintField(2, 1), StringField(8, "w"), BytesField(4, Floats(1f, 2f, 3f)))).Floats!);
        Assert.Equal([4f, 5f], Read(Concat(VarintField(1, 2), VarintField(2, 1), StringField(8, "w"),
            Tag(4, 5), BitConverter.GetBytes(4f), Tag(4, 5), BitConverter.GetBytes(5f))).Floats!);
        // double (raw and double_data) and float16 (raw and int32_data) become float
        Assert.Equal([0.25f, -8f], Read(Concat(Dims(2), VarintField(2, 11), StringField(8, "w"), BytesField(9, BitConverter.GetBytes(0.25).Concat(BitConverter.GetBytes(-8.0)).ToArray()))).Floats!);
        Assert.Equal([1.5f], Read(Concat(Dims(1), VarintField(2, 11), StringField(8, "w"), BytesField(10, BitConverter.GetBytes(1.5)))).Floats!);
        ushort half = BitConverter.HalfToUInt16Bits((Half)0.75f);
        Assert.Equal([0.75f, 0.75f], Read(Concat(Dims(2), VarintField(2, 10), StringField(8, "w"), BytesField(9, [(byte)half, (byte)(half >> 8), (byte)half, (byte)(half >> 8)]))).Floats!);
        Assert.Equal([0.75f], Read(Concat(Dims(1), VarintField(2, 10), StringField(8, "w"), BytesField(5, Varint(half)))).Floats!);
        // int64 (a Reshape's shape), negative values in ten-byte varints
        Assert.Equal([-1L, 400L], Read(Concat(Dims(2), VarintField(2, 7), StringField(8, "w"), BytesField(7, Varint(unchecked((ulong)-1L)).Concat(Varint(400)).ToArray()))).Int64s!);
        // a scalar (no dims) and an unknown field skipped
        var scalar = Read(Concat(VarintField(2, 1), StringField(8, "w"), BytesField(9, Floats(7f)), VarintField(99, 5)));
        Assert.Equal([7f], scalar.Floats!);
        Assert.Empty(scalar.Dims);
    }

    public static TheoryData<string, string> CraftedFaults => new()
    {
        { "empty", "ONNX: the file is empty." },
        { "no graph", "ONNX: ModelProto at byte 0: the model has no graph (field 7): not an ONNX model, or an empty one." },
        { "field zero", "ONNX: ModelProto at byte 0: field number 0 is not valid (1 to 2^29 − 1)." },
        { "group", "ONNX: ModelProto at byte 0: field 1 has wire type 3, which ONNX does not use." },
        { "long varint", "ONNX: ModelProto at byte 1: a varint is longer than 64 bits." },
        { "varint past end", "ONNX: ModelProto at byte 1: a varint runs past the end of the message." },
        { "length past end", "ONNX: ModelProto at byte 1: a field of 200 bytes runs past the end of the message (3 bytes left)." },
        { "raw size", "ONNX: TensorProto (initializer) at byte 38: tensor 'w' has shape [2, 2] (4 values of 4 bytes) but 12 bytes of raw_data." },
        { "float_data count", "ONNX: TensorProto (initializer) at byte 27: tensor 'w' has shape [3] (3 values) but 2 values in float_data." },
        { "negative dim", "ONNX: TensorProto (initializer) at byte 27: tensor 'w' has the dimension -2." },
        { "huge", "ONNX: TensorProto (initializer) at byte 27: tensor 'w' has shape [1000000, 1000000], more than 268435456 values." },
        { "external", "ONNX: TensorProto (initializer) at byte 27: tensor 'w' keeps its data in an external file; save the model with its weights inside." },
        { "no type", "ONNX: TensorProto (initializer) at byte 27: tensor 'w' has no data type." },
        { "bad utf8", "ONNX: NodeProto at byte 17: the node's op_type is not valid UTF-8." },
        { "no op", "ONNX: NodeProto at byte 12: node 'n' has no op_type." },
        { "packed floats", "ONNX: TensorProto (initializer) at byte 36: float_data has 5 bytes, not a whole number of floats." },
        { "two graphs", "ONNX: ModelProto at byte 11: the model has a second graph." },
        { "negative shape dim", "ONNX: TensorShapeProto.Dimension at byte 26: a dimension is -3." },
        { "attribute without name", "ONNX: AttributeProto at byte 20: an attribute has no name." },
        { "wire type 6", "ONNX: ModelProto at byte 0: field 1 has wire type 6, which ONNX does not use." },
        { "end group", "ONNX: ModelProto at byte 0: field 1 has wire type 4, which ONNX does not use." },
        { "fixed32 past end", "ONNX: ModelProto at byte 1: a fixed32 field runs past the end of the message." },
        { "fixed64 past end", "ONNX: ModelProto at byte 1: a fixed64 field runs past the end of the message." },
        { "packed varint past end", "ONNX: the tensor's dims at byte 32: a varint runs past the end of the message." },
        { "double_data bytes", "ONNX: TensorProto (initializer) at byte 36: double_data has 12 bytes, not a whole number of doubles." },
        { "float16 raw size", "ONNX: TensorProto (initializer) at byte 36: tensor 'w' has shape [3] (3 values of 2 bytes) but 4 bytes of raw_data." },
        { "int64 raw size", "ONNX: TensorProto (initializer) at byte 36: tensor 'w' has shape [2] (2 int64 values) but 8 bytes of raw_data." },
        { "int64_data count", "ONNX: TensorProto (initializer) at byte 27: tensor 'w' has shape [2] (2 values) but 1 int64_data values." },
        { "dims as fixed32", "ONNX: TensorProto (initializer) at byte 31: the tensor's dims has wire type 5, not an integer list." },
        { "external_data entry", "ONNX: TensorProto (initializer) at byte 35: tensor 'w' keeps its data in an external file; save the model with its weights inside (onnx.save(model, path, save_as_external_data=False))." },
        { "data type beyond int32", "ONNX: TensorProto (initializer) at byte 33: the data type is 4294967296, beyond a 32-bit integer." },
        { "bad utf8 in input name", "ONNX: ValueInfoProto (input) at byte 14: the value's name is not valid UTF-8." },
        { "float list wire", "ONNX: AttributeProto at byte 33: attribute 'alpha' has wire type 0, not a float list." },
    };

    private static byte[] Crafted(string fault)
    {
        byte[] header = Concat(VarintField(1, 8), BytesField(8, Concat(StringField(1, ""), VarintField(2, 13))));
        byte[] GraphWithTensor(params byte[][] tensor) => Concat(header,
            BytesField(7, Concat(BytesField(1, Concat(StringField(2, "y"), StringField(4, "Identity"))), BytesField(5, Concat(tensor)))));
        byte[] GraphWithNode(params byte[][] node) => Concat(header, BytesField(7, BytesField(1, Concat(node))));
        byte[] w = StringField(8, "w");
        return fault switch
        {
            "empty" => [],
            "no graph" => VarintField(1, 8),
            "field zero" => [0x00],
            "group" => [0x0B],
            "long varint" => [0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01],
            "varint past end" => [0x08, 0x80],
            "length past end" => [.. Tag(7, 2), .. Varint(200), 1, 2, 3],
            "raw size" => GraphWithTensor(w, BytesField(1, [2, 2]), VarintField(2, 1), BytesField(9, Floats(1, 2, 3))),
            "float_data count" => GraphWithTensor(w, VarintField(1, 3), VarintField(2, 1), BytesField(4, Floats(1, 2))),
            "negative dim" => GraphWithTensor(w, VarintField(1, -2), VarintField(2, 1)),
            "huge" => GraphWithTensor(w, VarintField(1, 1_000_000), VarintField(1, 1_000_000), VarintField(2, 1)),
            "external" => GraphWithTensor(w, VarintField(1, 1), VarintField(2, 1), VarintField(14, 1)),
            "no type" => GraphWithTensor(w, VarintField(1, 1), BytesField(9, Floats(1))),
            "bad utf8" => GraphWithNode(StringField(3, "n"), BytesField(4, [0xC3, 0x28])),
            "no op" => GraphWithNode(StringField(3, "n")),
            "packed floats" => GraphWithTensor(w, VarintField(1, 1), VarintField(2, 1), BytesField(4, [1, 2, 3, 4, 5])),
            "two graphs" => Concat(header, BytesField(7, []), BytesField(7, [])),
            "negative shape dim" => Concat(header, BytesField(7, BytesField(11, Concat(StringField(1, "x"),
                BytesField(2, BytesField(1, Concat(VarintField(1, 1), BytesField(2, BytesField(1, VarintField(1, -3)))))))))),
            "attribute without name" => GraphWithNode(StringField(4, "Relu"), BytesField(5, VarintField(20, 2))),
            "wire type 6" => [0x0E],
            "end group" => [0x0C],
            "fixed32 past end" => [0x0D, 1, 2],
            "fixed64 past end" => [0x09, 1, 2, 3],
            "packed varint past end" => GraphWithTensor(w, BytesField(1, [0x80])),
            "double_data bytes" => GraphWithTensor(w, VarintField(1, 1), VarintField(2, 11), BytesField(10, new byte[12])),
            "float16 raw size" => GraphWithTensor(w, VarintField(1, 3), VarintField(2, 10), BytesField(9, new byte[4])),
            "int64 raw size" => GraphWithTensor(w, VarintField(1, 2), VarintField(2, 7), BytesField(9, new byte[8])),
            "int64_data count" => GraphWithTensor(w, VarintField(1, 2), VarintField(2, 7), VarintField(7, 5)),
            "dims as fixed32" => GraphWithTensor(w, [.. Tag(1, 5), 1, 0, 0, 0]),
            "external_data entry" => GraphWithTensor(w, VarintField(1, 1), VarintField(2, 1), BytesField(13, StringField(1, "location"))),
            "data type beyond int32" => GraphWithTensor(w, VarintField(1, 1), VarintField(2, 1L << 32)),
            "bad utf8 in input name" => Concat(header, BytesField(7, BytesField(11, BytesField(1, [0xFF])))),
            "float list wire" => GraphWithNode(StringField(4, "LeakyRelu"), BytesField(5, Concat(StringField(1, "alpha"), VarintField(7, 3)))),
            _ => throw new ArgumentException(fault),
        };
    }

    [Theory]
    [MemberData(nameof(CraftedFaults))]
    public void EachCraftedFaultHasItsOwnMessage(string fault, string message)
    {
        var e = Assert.Throws<InvalidDataException>(() => OnnxModel.Read(Crafted(fault)));
        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData("mlp.onnx")]
    [InlineData("cnn.onnx")]
    public void EveryTruncationIsRefusedCleanly(string file)
    {
        byte[] bytes = File(file);
        int refused = 0;
        for (int length = 0; length < bytes.Length; length++)
        {
            try
            {
                OnnxModel.Read(bytes.AsSpan(0, length));
            }
            catch (InvalidDataException)
            {
                refused++;
            }
        }
        // A prefix that ends between two fields of the model is a well-formed (smaller) model; every other one is refused.
        Assert.True(refused > bytes.Length * 9 / 10, $"{refused} of {bytes.Length} truncations refused");
    }

    [Theory]
    [InlineData("mlp.onnx")]
    [InlineData("cnn.onnx")]
    public void FlippedBytesNeverThrowAnythingButInvalidData(string file)
    {
        byte[] original = File(file);
        var rng = new Random(file.Length);
        int refused = 0;
        for (int trial = 0; trial < 3000; trial++)
        {
            byte[] bytes = (byte[])original.Clone();
            for (int flips = rng.Next(1, 4); flips > 0; flips--) bytes[rng.Next(bytes.Length)] = (byte)rng.Next(256);
            try
            {
                OnnxModel.Read(bytes);
            }
            catch (InvalidDataException)
            {
                refused++;
            }
        }
        Assert.True(refused > 100, $"only {refused} of 3000 corrupted files were refused; the reader checks too little");
    }
}
