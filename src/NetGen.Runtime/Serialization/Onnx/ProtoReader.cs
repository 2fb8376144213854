using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.Text;

namespace NetGen.Serialization.Onnx;

/// <summary>The protobuf wire types (3 and 4, the deprecated groups, are refused).</summary>
internal enum WireType { Varint = 0, Fixed64 = 1, LengthDelimited = 2, StartGroup = 3, EndGroup = 4, Fixed32 = 5 }

/// <summary>
/// A reader of protobuf's binary encoding over one message's bytes: tags, varints, fixed-width numbers and
/// length-delimited fields, each bounds-checked. Every malformed input is an <see cref="InvalidDataException"/> that
/// names the message being read and the absolute byte offset, never an index or overflow exception. No allocation
/// except for strings and the sub-message readers' spans (which are slices).
/// </summary>
internal ref struct ProtoReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly long _origin;
    private readonly string _what;
    private int _position;

    /// <summary>A reader over <paramref name="data"/>, which starts at absolute offset <paramref name="origin"/> of the file.</summary>
    public ProtoReader(ReadOnlySpan<byte> data, long origin, string what)
    {
        _data = data;
        _origin = origin;
        _what = what;
        _position = 0;
    }

    /// <summary>Whether every byte has been read.</summary>
    public readonly bool AtEnd => _position >= _data.Length;

    /// <summary>The absolute offset of the next byte.</summary>
    public readonly long Offset => _origin + _position;

    /// <summary>Reads the next field's tag; false at the end of the message.</summary>
    public bool TryReadTag(out int field, out WireType wire)
    {
        field = 0;
        wire = WireType.Varint;
        if (AtEnd) return false;
        long at = Offset;
        ulong tag = ReadVarint();
        ulong number = tag >> 3;
        wire = (WireType)(int)(tag & 7);
        if (number == 0 || number > 536_870_911)
            throw Error(at, $"field number {number.ToString(CultureInfo.InvariantCulture)} is not valid (1 to 2^29 − 1)");
        if (wire is WireType.StartGroup or WireType.EndGroup || (int)wire > 5)
            throw Error(at, $"field {number.ToString(CultureInfo.InvariantCulture)} has wire type {(int)wire}, which ONNX does not use");
        field = (int)number;
        return true;
    }

    /// <summary>An unsigned varint of at most 10 bytes.</summary>
    public ulong ReadVarint()
    {
        long at = Offset;
        ulong value = 0;
        for (int shift = 0, i = 0; i < 10; i++, shift += 7)
        {
            if (AtEnd) throw Error(at, "a varint runs past the end of the message");
            byte b = _data[_position++];
            if (i == 9 && b > 1) throw Error(at, "a varint is longer than 64 bits");
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw Error(at, "a varint is longer than 10 bytes"); // not reached: the tenth byte ends it or is refused above
    }

    /// <summary>A varint read as a signed 64-bit value (int64/int32 fields: negative numbers take 10 bytes).</summary>
    public long ReadInt64() => unchecked((long)ReadVarint());

    /// <summary>A varint that must be an int32 (enums, data types).</summary>
    public int ReadInt32(string field)
    {
        long at = Offset;
        long value = ReadInt64();
        if (value is < int.MinValue or > int.MaxValue)
            throw Error(at, $"{field} is {value.ToString(CultureInfo.InvariantCulture)}, beyond a 32-bit integer");
        return (int)value;
    }

    /// <summary>A fixed 4-byte little-endian float.</summary>
    public float ReadFloat() => BinaryPrimitives.ReadSingleLittleEndian(Take(4, "a float"));

    /// <summary>A fixed 8-byte little-endian double.</summary>
    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8, "a double"));

    /// <summary>A length-delimited field's bytes, with the absolute offset where they start.</summary>
    public ReadOnlySpan<byte> ReadBytes(out long origin)
    {
        long at = Offset;
        ulong length = ReadVarint();
        if (length > (ulong)(_data.Length - _position))
            throw Error(at, $"a field of {length.ToString(CultureInfo.InvariantCulture)} bytes runs past the end of the message ({(_data.Length - _position).ToString(CultureInfo.InvariantCulture)} bytes left)");
        origin = Offset;
        var bytes = _data.Slice(_position, (int)length);
        _position += (int)length;
        return bytes;
    }

    /// <summary>A length-delimited UTF-8 string (invalid UTF-8 is refused).</summary>
    public string ReadString(string field)
    {
        var bytes = ReadBytes(out long origin);
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Error(origin, $"{field} is not valid UTF-8");
        }
    }

    /// <summary>A reader over a length-delimited sub-message.</summary>
    public ProtoReader ReadMessage(string what)
    {
        var bytes = ReadBytes(out long origin);
        return new ProtoReader(bytes, origin, what);
    }

    /// <summary>Skips a field of an unknown number (protobuf's forward compatibility).</summary>
    public void Skip(WireType wire)
    {
        switch (wire)
        {
            case WireType.Varint: ReadVarint(); break;
            case WireType.Fixed64: Take(8, "a fixed64 field"); break;
            case WireType.Fixed32: Take(4, "a fixed32 field"); break;
            case WireType.LengthDelimited: ReadBytes(out _); break;
            default: throw Error(Offset, $"wire type {(int)wire} cannot be skipped");
        }
    }

    /// <summary>An error at <paramref name="offset"/> in the message being read.</summary>
    public readonly InvalidDataException Error(long offset, string message) =>
        new($"ONNX: {_what} at byte {offset.ToString(CultureInfo.InvariantCulture)}: {message}.");

    /// <summary>The same for the message as a whole (a missing or inconsistent field), at its first byte.</summary>
    public readonly InvalidDataException Error(string message) => Error(_origin, message);

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (_data.Length - _position < count) throw Error(Offset, $"{what} runs past the end of the message");
        var bytes = _data.Slice(_position, count);
        _position += count;
        return bytes;
    }
}
