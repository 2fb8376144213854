using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;

namespace NetGen.Samples.Data;

/// <summary>Opening data files and finding the ones a sample ships.</summary>
public static class DataFile
{
    /// <summary>
    /// Opens <paramref name="path"/> for reading, transparently decompressing it when it is gzip
    /// (recognised by its magic bytes 1F 8B, whatever the file name says).
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static Stream OpenRead(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        try
        {
            Span<byte> magic = stackalloc byte[2];
            int read = file.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
            file.Position = 0;
            if (read == 2 && magic[0] == 0x1F && magic[1] == 0x8B)
                return new GZipStream(file, CompressionMode.Decompress, leaveOpen: false);
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Finds a data file that a sample ships in its <c>data/</c> folder: next to the executable first
    /// (the build copies it there), then in <c>data/</c> below the current directory.
    /// </summary>
    /// <param name="fileName">The file name, e.g. <c>breast_cancer.csv</c>.</param>
    /// <returns>The path of the first candidate that exists.</returns>
    /// <exception cref="FileNotFoundException">No candidate exists; the message lists the places searched.</exception>
    public static string FindSampleData(string fileName)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        var candidates = new List<string>
        {
            Path.Combine(AppContext.BaseDirectory, "data", fileName),
            Path.Combine(Directory.GetCurrentDirectory(), "data", fileName),
        };
        foreach (string candidate in candidates)
            if (File.Exists(candidate)) return candidate;
        throw new FileNotFoundException(
            $"Could not find the data file '{fileName}'. Looked in: {string.Join(", ", candidates)}. Pass its path as an argument.", fileName);
    }
}
