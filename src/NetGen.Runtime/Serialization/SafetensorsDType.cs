using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace NetGen.Serialization;

/// <summary>The safetensors dtype names: their sizes, and conversion of the supported ones to float.</summary>
internal static class SafetensorsDType
{
    /// <summary>The dtypes <see cref="Decode"/> converts, for messages.</summary>
    public const string Supported = "F32, F64, F16 and BF16";

    /// <summary>Bytes per element of a dtype the safetensors format defines, or 0 for a name it does not know.</summary>
    public static int ElementSize(string dtype) => dtype switch
    {
        "BOOL" or "U8" or "I8" or "F8_E5M2" or "F8_E4M3" => 1,
        "U16" or "I16" or "F16" or "BF16" => 2,
        "U32" or "I32" or "F32" => 4,
        "U64" or "I64" or "F64" => 8,
        _ => 0,
    };

    /// <summary>Whether <see cref="Decode"/> handles the dtype.</summary>
    public static bool IsSupported(string dtype) => dtype is "F32" or "F64" or "F16" or "BF16";

    /// <summary>
    /// Converts little-endian elements of a supported dtype to float. <paramref name="source"/> holds exactly
    /// <paramref name="destination"/>.Length elements. F16 and BF16 convert exactly; F64 rounds to nearest.
    /// NaN and infinities are kept.
    /// </summary>
    public static void Decode(string dtype, ReadOnlySpan<byte> source, Span<float> destination)
    {
        switch (dtype)
        {
            case "F32":
                if (BitConverter.IsLittleEndian)
                {
                    MemoryMarshal.Cast<byte, float>(source).CopyTo(destination);
                }
                else
                {
                    for (int i = 0; i < destination.Length; i++)
                        destination[i] = BinaryPrimitives.ReadSingleLittleEndian(source.Slice(4 * i, 4));
                }
                break;
            case "F64":
                for (int i = 0; i < destination.Length; i++)
                    destination[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(source.Slice(8 * i, 8));
                break;
            case "F16":
                for (int i = 0; i < destination.Length; i++)
                    destination[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(source.Slice(2 * i, 2));
                break;
            case "BF16":
                // bfloat16 is the upper half of an IEEE binary32.
                for (int i = 0; i < destination.Length; i++)
                    destination[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(source.Slice(2 * i, 2)) << 16);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unsupported dtype.");
        }
    }
}
