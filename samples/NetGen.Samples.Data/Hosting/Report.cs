using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using NetGen.Samples.Data;

namespace NetGen.Samples;

/// <summary>Formatting shared by the samples' console output (always culture-invariant).</summary>
public static class Report
{
    /// <summary>The layers of <paramref name="network"/>, e.g. <c>30 → Dense(16, ReLU) → Dense(1, Sigmoid)</c>.</summary>
    public static string Describe(INetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var text = new StringBuilder(network.InputSize.ToString(CultureInfo.InvariantCulture));
        for (int l = 0; l < network.LayerCount; l++)
        {
            LayerShape layer = network.GetLayerShape(l);
            if (layer.Kind == LayerKind.Dense) text.Append(CultureInfo.InvariantCulture, $" → Dense({layer.Units}, {layer.Activation})");
            else text.Append(CultureInfo.InvariantCulture, $" → {layer.Kind}({layer.Units}, {layer.Kernel}, {layer.Activation})");
        }
        return text.ToString();
    }

    /// <summary>A path relative to the current directory when it lies below it, else the full path.</summary>
    public static string DisplayPath(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        string relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), full);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
    }

    /// <summary>A fraction as a percentage with two decimals, e.g. <c>97.37 %</c>.</summary>
    public static string Percent(float fraction) => (fraction * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %";

    /// <summary>Milliseconds with one decimal, e.g. <c>12.3 ms</c>.</summary>
    public static string Milliseconds(TimeSpan time) => time.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    /// <summary>Counts per class, e.g. <c>malignant 212, benign 357</c>.</summary>
    public static string ClassCounts(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int[] counts = data.ClassCounts();
        return string.Join(", ", Enumerable.Range(0, counts.Length).Select(c => FormattableString.Invariant($"{data.ClassNames[c]} {counts[c]}")));
    }

    /// <summary>Milliseconds below a second (<c>12.3 ms</c>), else seconds with two decimals (<c>1.23 s</c>).</summary>
    public static string Duration(TimeSpan time) => time < TimeSpan.FromSeconds(1) ? Milliseconds(time) : Seconds(time);

    /// <summary>Seconds with two decimals, e.g. <c>1.23 s</c>.</summary>
    public static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    /// <summary>
    /// Writes a confusion matrix (rows: actual class, columns: predicted class) with each class's precision and recall.
    /// </summary>
    public static void WriteConfusionMatrix(TextWriter log, ConfusionMatrix matrix, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(data);
        int classes = matrix.Classes;
        int width = Math.Max(5, data.ClassNames.Max(n => n.Length) + 1);
        log.WriteLine("Confusion matrix on the test split (rows: actual class, columns: predicted class)");
        var line = new StringBuilder(new string(' ', width));
        for (int c = 0; c < classes; c++) line.Append(data.ClassNames[c].PadLeft(width));
        log.WriteLine(line.Append("   precision   recall").ToString());
        for (int a = 0; a < classes; a++)
        {
            line.Clear().Append(data.ClassNames[a].PadLeft(width));
            for (int p = 0; p < classes; p++) line.Append(matrix[a, p].ToString(CultureInfo.InvariantCulture).PadLeft(width));
            line.Append(CultureInfo.InvariantCulture, $"   {matrix.Precision(a),9:0.0000}   {matrix.Recall(a),6:0.0000}");
            log.WriteLine(line.ToString());
        }
    }
}
