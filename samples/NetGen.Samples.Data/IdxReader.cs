using System;
using System.Buffers.Binary;
using System.IO;

namespace NetGen.Samples.Data;

/// <summary>Images read from an IDX file: <see cref="Count"/> images of <see cref="Rows"/> × <see cref="Columns"/> unsigned bytes, row-major.</summary>
public sealed class IdxImages
{
    internal IdxImages(int count, int rows, int columns, byte[] pixels)
    {
        Count = count;
        Rows = rows;
        Columns = columns;
        Pixels = pixels;
    }

    /// <summary>Number of images.</summary>
    public int Count { get; }

    /// <summary>Rows per image.</summary>
    public int Rows { get; }

    /// <summary>Columns per image.</summary>
    public int Columns { get; }

    /// <summary>Pixels per image (<see cref="Rows"/> × <see cref="Columns"/>).</summary>
    public int PixelsPerImage => Rows * Columns;

    /// <summary>All pixels, image after image, each image row after row.</summary>
    public byte[] Pixels { get; }
}

/// <summary>
/// Reads the IDX format of the MNIST distribution: a big-endian header (magic number, then one int32 per
/// dimension) followed by unsigned bytes. Files may be gzip-compressed. Malformed files raise a
/// <see cref="DataFormatException"/> that states what was expected and what was found.
/// </summary>
public static class IdxReader
{
    /// <summary>Magic number of an unsigned-byte tensor of rank 3 (images): 0x00000803 = 2051.</summary>
    public const int ImagesMagic = 0x0803;

    /// <summary>Magic number of an unsigned-byte tensor of rank 1 (labels): 0x00000801 = 2049.</summary>
    public const int LabelsMagic = 0x0801;

    /// <summary>Reads an image file such as <c>train-images-idx3-ubyte.gz</c>.</summary>
    /// <exception cref="DataFormatException">The file is not an IDX image file or is truncated.</exception>
    public static IdxImages ReadImages(string path)
    {
        using Stream stream = DataFile.OpenRead(path);
        return Wrap(path, () => ReadImages(stream, path));
    }

    /// <summary>Reads IDX images from an uncompressed stream; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="DataFormatException">The data is not an IDX image file or is truncated.</exception>
    public static IdxImages ReadImages(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(source);
        Span<int> dims = stackalloc int[3];
        ReadHeader(stream, source, ImagesMagic, "images", dims);
        long total = (long)dims[0] * dims[1] * dims[2];
        byte[] pixels = ReadBody(stream, source, total, 4 + 4 * dims.Length, "pixel");
        return new IdxImages(dims[0], dims[1], dims[2], pixels);
    }

    /// <summary>Reads a label file such as <c>train-labels-idx1-ubyte.gz</c>.</summary>
    /// <exception cref="DataFormatException">The file is not an IDX label file or is truncated.</exception>
    public static byte[] ReadLabels(string path)
    {
        using Stream stream = DataFile.OpenRead(path);
        return Wrap(path, () => ReadLabels(stream, path));
    }

    /// <summary>Reads IDX labels from an uncompressed stream; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="DataFormatException">The data is not an IDX label file or is truncated.</exception>
    public static byte[] ReadLabels(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(source);
        Span<int> dims = stackalloc int[1];
        ReadHeader(stream, source, LabelsMagic, "labels", dims);
        return ReadBody(stream, source, dims[0], 4 + 4 * dims.Length, "label");
    }

    private static T Wrap<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(path, 0, "The file is not valid gzip data: " + e.Message, e);
        }
    }

    private static void ReadHeader(Stream stream, string source, int expectedMagic, string kind, Span<int> dims)
    {
        int headerBytes = 4 + 4 * dims.Length;
        Span<byte> header = stackalloc byte[headerBytes];
        int read = stream.ReadAtLeast(header, headerBytes, throwOnEndOfStream: false);
        if (read < 4)
            throw new DataFormatException(source, 0, Invariant($"Expected an IDX header of {headerBytes} bytes but the data ends after {read} bytes."));

        int magic = BinaryPrimitives.ReadInt32BigEndian(header);
        if (magic != expectedMagic)
        {
            string hint = magic switch
            {
                ImagesMagic => " (an image file)",
                LabelsMagic => " (a label file)",
                _ when header[0] == 0x1F && header[1] == 0x8B => " (gzip-compressed data: decompress it first)",
                _ => "",
            };
            throw new DataFormatException(source, 0,
                Invariant($"Expected the IDX magic number {expectedMagic} (0x{expectedMagic:X8}, {kind}) but found {magic} (0x{magic:X8}){hint}."));
        }
        if (read < headerBytes)
            throw new DataFormatException(source, 0, Invariant($"Expected an IDX header of {headerBytes} bytes but the data ends after {read} bytes."));
        for (int d = 0; d < dims.Length; d++)
        {
            dims[d] = BinaryPrimitives.ReadInt32BigEndian(header.Slice(4 + 4 * d));
            if (dims[d] <= 0)
                throw new DataFormatException(source, 0, Invariant($"Dimension {d + 1} of the IDX header is {dims[d]}; expected a positive size."));
        }
    }

    private static byte[] ReadBody(Stream stream, string source, long length, int headerBytes, string what)
    {
        if (length > Array.MaxLength)
            throw new DataFormatException(source, 0, Invariant($"The IDX header declares {length} {what} bytes, more than an array can hold."));
        var data = new byte[length];
        int read = stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
        if (read < data.Length)
            throw new DataFormatException(source, 0,
                Invariant($"Expected {length} {what} bytes after the {headerBytes}-byte header but the data ends after {read} (truncated file?)."));
        if (stream.ReadByte() >= 0)
            throw new DataFormatException(source, 0, Invariant($"Expected the data to end after {length} {what} bytes but there is more (wrong header?)."));
        return data;
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
