using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;

namespace NetGen.Samples.Data;

/// <summary>
/// The MNIST handwritten digits (60,000 training and 10,000 test images of 28 × 28 pixels) in the IDX files
/// of the original distribution, gzip-compressed (<c>train-images-idx3-ubyte.gz</c>, …) or not.
/// </summary>
public static class MnistData
{
    /// <summary>Base name of the training images file.</summary>
    public const string TrainImages = "train-images-idx3-ubyte";
    /// <summary>Base name of the training labels file.</summary>
    public const string TrainLabels = "train-labels-idx1-ubyte";
    /// <summary>Base name of the test images file.</summary>
    public const string TestImages = "t10k-images-idx3-ubyte";
    /// <summary>Base name of the test labels file.</summary>
    public const string TestLabels = "t10k-labels-idx1-ubyte";

    /// <summary>Where the files are looked for below each ancestor of the working and the program directory.</summary>
    public static readonly string SearchedSubdirectory = Path.Combine("shared", "data", "mnist");

    private static readonly string[] BaseNames = [TrainImages, TrainLabels, TestImages, TestLabels];

    /// <summary>
    /// Finds the MNIST directory. An explicit <paramref name="directory"/> is used as given (and must hold the
    /// files). Without one, <c>shared/data/mnist</c> is looked for in the current directory, the program's
    /// directory and each of their ancestors — which finds <c>../shared/data/mnist</c> relative to the repository.
    /// </summary>
    /// <param name="directory">A directory given by the user, or null to search.</param>
    /// <param name="searched">Receives every directory examined, for an error message.</param>
    /// <returns>The full path of a directory holding all four files, or null.</returns>
    public static string? Locate(string? directory, out IReadOnlyList<string> searched)
    {
        var candidates = new List<string>();
        searched = candidates;
        if (!string.IsNullOrWhiteSpace(directory))
        {
            string full = Path.GetFullPath(directory);
            candidates.Add(full);
            return MissingFiles(full).Count == 0 ? full : null;
        }
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, SearchedSubdirectory);
                if (candidates.Contains(candidate)) continue;
                candidates.Add(candidate);
                if (MissingFiles(candidate).Count == 0) return candidate;
            }
        }
        return null;
    }

    /// <summary>The MNIST files (base names, without <c>.gz</c>) that <paramref name="directory"/> lacks.</summary>
    public static IReadOnlyList<string> MissingFiles(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var missing = new List<string>();
        foreach (string name in BaseNames)
            if (FindFile(directory, name) is null) missing.Add(name);
        return missing;
    }

    /// <summary>Loads the training and test sets from <paramref name="directory"/>.</summary>
    /// <param name="directory">Holds the four IDX files.</param>
    /// <param name="pixelScale">Each pixel (0–255) is multiplied by this; the default maps pixels to [0, 1].</param>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="DataFormatException">A file is malformed, or images and labels disagree.</exception>
    public static (Dataset Train, Dataset Test) Load(string directory, float pixelScale = 1f / 255f) =>
        (LoadSplit(directory, TrainImages, TrainLabels, pixelScale), LoadSplit(directory, TestImages, TestLabels, pixelScale));

    /// <summary>Loads one split from an images file and a labels file (base names, with or without <c>.gz</c> on disk).</summary>
    public static Dataset LoadSplit(string directory, string imagesName, string labelsName, float pixelScale = 1f / 255f)
    {
        string imagesPath = FindFile(directory, imagesName)
            ?? throw new FileNotFoundException($"Could not find {imagesName}.gz or {imagesName} in {directory}.", Path.Combine(directory, imagesName + ".gz"));
        string labelsPath = FindFile(directory, labelsName)
            ?? throw new FileNotFoundException($"Could not find {labelsName}.gz or {labelsName} in {directory}.", Path.Combine(directory, labelsName + ".gz"));
        IdxImages images = IdxReader.ReadImages(imagesPath);
        byte[] rawLabels = IdxReader.ReadLabels(labelsPath);
        if (rawLabels.Length != images.Count)
            throw new DataFormatException(labelsPath, 0,
                FormattableString.Invariant($"Expected {images.Count} labels (one per image of {Path.GetFileName(imagesPath)}) but the file has {rawLabels.Length}."));

        var labels = new int[rawLabels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = rawLabels[i];
            if (labels[i] > 9)
                throw new DataFormatException(labelsPath, 0, FormattableString.Invariant($"Label {i} is {labels[i]}; expected a digit 0–9."));
        }
        var features = new float[images.Pixels.Length];
        ToFloats(images.Pixels, features, pixelScale);
        return new Dataset(features, labels, images.PixelsPerImage, Dataset.NumberedClasses(10), imagesPath);
    }

    // Runs once per load over ~47 million pixels: without full optimisation from the start, the JIT's tier-0
    // code makes this loop take over a second instead of a few tens of milliseconds.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ToFloats(ReadOnlySpan<byte> pixels, Span<float> features, float scale)
    {
        for (int k = 0; k < pixels.Length; k++) features[k] = pixels[k] * scale;
    }

    private static string? FindFile(string directory, string baseName)
    {
        string gz = Path.Combine(directory, baseName + ".gz");
        if (File.Exists(gz)) return gz;
        string plain = Path.Combine(directory, baseName);
        return File.Exists(plain) ? plain : null;
    }
}
