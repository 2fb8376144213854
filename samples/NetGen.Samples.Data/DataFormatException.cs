using System;

namespace NetGen.Samples.Data;

/// <summary>
/// A data file does not have the expected format. The message names the file, the line (for text files)
/// and what was expected versus what was found, e.g.
/// <c>data/breast_cancer.csv, line 17: expected 31 values (30 features and a label) but found 30.</c>
/// </summary>
public sealed class DataFormatException : FormatException
{
    /// <summary>Creates the exception for <paramref name="filePath"/> (and <paramref name="lineNumber"/> when positive).</summary>
    /// <param name="filePath">The file (or stream description) that is malformed.</param>
    /// <param name="lineNumber">1-based line of a text file; 0 when the problem is not tied to a line.</param>
    /// <param name="detail">What was expected and what was found.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public DataFormatException(string filePath, int lineNumber, string detail, Exception? innerException = null)
        : base(Format(filePath, lineNumber, detail), innerException)
    {
        FilePath = filePath;
        LineNumber = lineNumber;
        Detail = detail;
    }

    /// <summary>The malformed file.</summary>
    public string FilePath { get; }

    /// <summary>1-based line number of the problem in a text file, or 0 when it concerns the whole file.</summary>
    public int LineNumber { get; }

    /// <summary>The message without the file and line prefix.</summary>
    public string Detail { get; }

    private static string Format(string filePath, int lineNumber, string detail) =>
        lineNumber > 0 ? FormattableString.Invariant($"{filePath}, line {lineNumber}: {detail}") : $"{filePath}: {detail}";
}
