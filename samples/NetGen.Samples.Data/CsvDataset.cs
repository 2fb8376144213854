using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace NetGen.Samples.Data;

/// <summary>
/// Reads labelled numeric CSV files: one example per line, its features followed by an integer class label,
/// separated by commas. Files may be gzip-compressed. Blank lines are ignored.
/// </summary>
/// <remarks>
/// <para>An optional first line that contains a value which is not a number is a header:</para>
/// <list type="bullet">
/// <item>scikit-learn style, <c>examples,features[,class name…]</c> (e.g. <c>569,30,malignant,benign</c>): the counts are
/// checked against the data and the class names name the labels 0, 1, …;</item>
/// <item>anything else (e.g. column names) is skipped.</item>
/// </list>
/// <para>Every problem is reported as a <see cref="DataFormatException"/> naming the file, the line and what was
/// expected versus found.</para>
/// </remarks>
public static class CsvDataset
{
    /// <summary>The largest number of classes accepted when the classes are not named (a guard against garbage labels).</summary>
    public const int MaxUnnamedClasses = 1000;

    /// <summary>Loads a CSV file (plain or gzip-compressed).</summary>
    /// <param name="path">The file.</param>
    /// <param name="expectedFeatures">When given, every line must have exactly this many features (typically the network's InputSize).</param>
    /// <param name="classNames">Names of the classes; overrides the header's. Without either, classes are numbered 0 … max label.</param>
    /// <exception cref="DataFormatException">The file is malformed.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static Dataset Load(string path, int? expectedFeatures = null, IReadOnlyList<string>? classNames = null)
    {
        using Stream stream = DataFile.OpenRead(path);
        using var reader = new StreamReader(stream);
        try
        {
            return Read(reader, path, expectedFeatures, classNames);
        }
        catch (InvalidDataException e)
        {
            // A corrupt gzip stream surfaces as InvalidDataException from GZipStream.
            throw new DataFormatException(path, 0, "The file is not valid gzip data: " + e.Message, e);
        }
    }

    /// <summary>Reads CSV text from <paramref name="reader"/>; <paramref name="source"/> names it in error messages.</summary>
    /// <inheritdoc cref="Load" path="/param[@name='expectedFeatures']"/>
    /// <inheritdoc cref="Load" path="/param[@name='classNames']"/>
    /// <exception cref="DataFormatException">The text is malformed.</exception>
    public static Dataset Read(TextReader reader, string source, int? expectedFeatures = null, IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(source);
        if (expectedFeatures is <= 0)
            throw new ArgumentOutOfRangeException(nameof(expectedFeatures), expectedFeatures, "The expected number of features must be positive.");

        int featureCount = expectedFeatures ?? 0; // 0: not known yet
        int declaredExamples = -1;
        int headerLine = 0;
        IReadOnlyList<string>? names = classNames;
        var features = new List<float>();
        var labels = new List<int>();
        int maxLabel = -1;
        int lineNumber = 0;
        bool first = true;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            ReadOnlySpan<char> text = line.AsSpan().Trim();
            if (text.IsEmpty) continue;
            if (first)
            {
                first = false;
                if (IsHeader(text))
                {
                    headerLine = lineNumber;
                    ParseHeader(text, source, lineNumber, ref featureCount, expectedFeatures, ref declaredExamples, ref names);
                    continue;
                }
            }
            if (featureCount == 0) featureCount = CountFields(text) - 1;
            if (featureCount == 0)
                throw new DataFormatException(source, lineNumber, "Expected at least one feature and a label but the line has a single value.");
            int label = ParseLine(text, source, lineNumber, featureCount, names, features);
            labels.Add(label);
            maxLabel = Math.Max(maxLabel, label);
        }

        if (labels.Count == 0)
            throw new DataFormatException(source, 0, headerLine > 0 ? "The file has a header but no examples." : "The file has no examples.");
        if (declaredExamples >= 0 && declaredExamples != labels.Count)
            throw new DataFormatException(source, headerLine, Invariant($"The header declares {declaredExamples} examples but the file has {labels.Count}."));
        names ??= Dataset.NumberedClasses(maxLabel + 1);
        return new Dataset(features.ToArray(), labels.ToArray(), featureCount, names, source);
    }

    private static bool IsHeader(ReadOnlySpan<char> line)
    {
        foreach (Range range in line.Split(','))
            if (!TryParseNumber(line[range].Trim(), out _)) return true;
        return false;
    }

    private static void ParseHeader(ReadOnlySpan<char> line, string source, int lineNumber, ref int featureCount, int? expectedFeatures,
        ref int declaredExamples, ref IReadOnlyList<string>? names)
    {
        var fields = new List<string>();
        foreach (Range range in line.Split(',')) fields.Add(line[range].Trim().ToString());
        if (fields.Count < 2
            || !int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out int examples)
            || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out int declared))
            return; // column names: nothing to check

        declaredExamples = examples;
        if (declared == 0)
            throw new DataFormatException(source, lineNumber, "The header declares 0 features; expected at least one.");
        if (expectedFeatures is int expected && expected != declared)
            throw new DataFormatException(source, lineNumber, Invariant($"The header declares {declared} features but {expected} were expected."));
        featureCount = declared;
        if (names is null && fields.Count > 2)
        {
            names = fields.GetRange(2, fields.Count - 2).ToArray();
            for (int k = 0; k < names.Count; k++)
                if (names[k].Length == 0)
                    throw new DataFormatException(source, lineNumber, Invariant($"Class name {k + 1} in the header is empty."));
        }
    }

    private static int CountFields(ReadOnlySpan<char> line) => line.Count(',') + 1;

    private static int ParseLine(ReadOnlySpan<char> line, string source, int lineNumber, int featureCount, IReadOnlyList<string>? names, List<float> features)
    {
        int fields = CountFields(line);
        if (fields != featureCount + 1)
            throw new DataFormatException(source, lineNumber,
                Invariant($"Expected {featureCount + 1} comma-separated values ({featureCount} features and a label) but found {fields}."));

        int column = 0;
        int label = -1;
        foreach (Range range in line.Split(','))
        {
            column++;
            ReadOnlySpan<char> field = line[range].Trim();
            if (!TryParseNumber(field, out double value))
                throw new DataFormatException(source, lineNumber, Invariant($"Column {column}: '{field.ToString()}' is not a number."));
            if (!double.IsFinite(value) || (column <= featureCount && !float.IsFinite((float)value)))
                throw new DataFormatException(source, lineNumber, Invariant($"Column {column}: '{field.ToString()}' is not a finite single-precision number."));
            if (column <= featureCount)
            {
                features.Add((float)value);
                continue;
            }
            int classes = names?.Count ?? MaxUnnamedClasses;
            if (value != Math.Floor(value) || value < 0 || value >= classes)
            {
                string range01 = names is null
                    ? Invariant($"a whole number from 0 to {MaxUnnamedClasses - 1}")
                    : Invariant($"a whole number from 0 to {classes - 1} (classes: {string.Join(", ", names)})");
                throw new DataFormatException(source, lineNumber, Invariant($"Column {column} (the label): '{field.ToString()}' is not {range01}."));
            }
            label = (int)value;
        }
        return label;
    }

    private static bool TryParseNumber(ReadOnlySpan<char> text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
