using System;
using System.Buffers.Binary;
using System.IO;
using NetGen.Samples.Data;

namespace NetGen.Samples.Tests;

public sealed class IdxReaderTests
{
    private static byte[] Idx(int magic, int[] dims, int dataBytes)
    {
        var bytes = new byte[4 + 4 * dims.Length + dataBytes];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (int d = 0; d < dims.Length; d++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * d), dims[d]);
        for (int k = 0; k < dataBytes; k++) bytes[4 + 4 * dims.Length + k] = (byte)(k % 251);
        return bytes;
    }

    [Fact]
    public void ReadsImagesAndLabels()
    {
        IdxImages images = IdxReader.ReadImages(new MemoryStream(Idx(2051, [2, 3, 4], 24)), "images");
        Assert.Equal(2, images.Count);
        Assert.Equal(3, images.Rows);
        Assert.Equal(4, images.Columns);
        Assert.Equal(12, images.PixelsPerImage);
        Assert.Equal(23, images.Pixels[23]);

        byte[] labels = IdxReader.ReadLabels(new MemoryStream(Idx(2049, [5], 5)), "labels");
        Assert.Equal([0, 1, 2, 3, 4], labels);
    }

    [Fact]
    public void WrongMagic_NamesExpectedAndActual()
    {
        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(new MemoryStream(Idx(2049, [5, 1, 1], 5)), "x.idx"));
        Assert.Equal("x.idx: Expected the IDX magic number 2051 (0x00000803, images) but found 2049 (0x00000801) (a label file).", e.Message);

        e = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(new MemoryStream(Idx(0x12345678, [1], 1)), "y.idx"));
        Assert.Contains("Expected the IDX magic number 2049", e.Message, StringComparison.Ordinal);
        Assert.Contains("found 305419896 (0x12345678)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GzipBytesPassedAsRawIdx_AreRecognised()
    {
        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(new MemoryStream([0x1F, 0x8B, 8, 0, 0, 0, 0, 0]), "z"));
        Assert.Contains("gzip-compressed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedHeaderOrData_IsReported()
    {
        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(new MemoryStream([0, 0, 8]), "short"));
        Assert.Contains("ends after 3 bytes", e.Message, StringComparison.Ordinal);

        byte[] truncated = Idx(2051, [10, 28, 28], 100);
        e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(new MemoryStream(truncated), "trunc"));
        Assert.Equal("trunc: Expected 7840 pixel bytes after the 16-byte header but the data ends after 100 (truncated file?).", e.Message);
    }

    [Fact]
    public void TrailingBytes_AndNonPositiveDimensions_AreReported()
    {
        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(new MemoryStream(Idx(2049, [3], 4)), "long"));
        Assert.Contains("Expected the data to end after 3 label bytes", e.Message, StringComparison.Ordinal);

        e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(new MemoryStream(Idx(2051, [1, 0, 28], 0)), "zero"));
        Assert.Contains("Dimension 2 of the IDX header is 0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MnistLoadSplit_ReadsGzipFiles_ScalesPixels_AndChecksLabelCount()
    {
        using var temp = new TempFiles();
        temp.WriteGzip("a-images.gz", Idx(2051, [3, 2, 2], 12));
        temp.WriteGzip("a-labels.gz", Idx(2049, [3], 3));
        Dataset data = MnistData.LoadSplit(temp.Directory, "a-images", "a-labels", pixelScale: 0.5f);
        Assert.Equal(3, data.Count);
        Assert.Equal(4, data.FeatureCount);
        Assert.Equal(5.5f, data.Features[11]);
        Assert.Equal([0, 1, 2], data.Labels.ToArray());

        temp.Write("b-images", Idx(2051, [3, 2, 2], 12)); // uncompressed works too
        temp.Write("b-labels", Idx(2049, [2], 2));
        var e = Assert.Throws<DataFormatException>(() => MnistData.LoadSplit(temp.Directory, "b-images", "b-labels"));
        Assert.Contains("Expected 3 labels (one per image of b-images) but the file has 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MnistLocate_ExplicitDirectoryWithoutFiles_ReturnsNullAndListsIt()
    {
        using var temp = new TempFiles();
        Assert.Null(MnistData.Locate(temp.Directory, out var searched));
        Assert.Equal([temp.Directory], searched);
        Assert.Equal(4, MnistData.MissingFiles(temp.Directory).Count);
    }
}
