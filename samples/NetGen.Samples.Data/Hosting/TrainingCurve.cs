using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ScottPlot;

namespace NetGen.Samples;

/// <summary>
/// The training curve of a run as a PNG image (ScottPlot): training and validation loss on the left axis, training and
/// validation accuracy on the right, and a vertical line at the epoch whose parameters were kept.
/// </summary>
public static class TrainingCurve
{
    /// <summary>Width and height of the image in pixels.</summary>
    public const int Width = 900, Height = 500;

    /// <summary>Draws <paramref name="history"/> into the PNG file <paramref name="path"/> (its directory is created).</summary>
    /// <param name="path">The image file to write.</param>
    /// <param name="title">The title above the plot.</param>
    /// <param name="history">The epochs, in order.</param>
    /// <param name="keptEpoch">The 1-based epoch whose parameters the run kept (0 for none).</param>
    /// <returns>A warning to print when the image has no text (no fonts on this machine), else null.</returns>
    public static string? Save(string path, string title, IReadOnlyList<EpochMetrics> history, int keptEpoch)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count == 0) throw new ArgumentException("There is no epoch to draw.", nameof(history));
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);

        double[] epochs = history.Select(h => (double)h.Epoch).ToArray();
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel("epoch");
        plot.Axes.Left.Label.Text = "loss (cross-entropy)";
        plot.Axes.Right.Label.Text = "accuracy (%)";

        Line(plot, epochs, history.Select(h => (double)h.Loss), "training loss", Colors.C0, LinePattern.Solid, right: false);
        Line(plot, epochs, history.Select(h => (double)h.ValidationLoss), "validation loss", Colors.C1, LinePattern.Solid, right: false);
        Line(plot, epochs, history.Select(h => 100.0 * h.TrainAccuracy), "training accuracy", Colors.C0, LinePattern.Dashed, right: true);
        Line(plot, epochs, history.Select(h => 100.0 * h.ValidationAccuracy), "validation accuracy", Colors.C1, LinePattern.Dashed, right: true);
        if (keptEpoch > 0)
        {
            var kept = plot.Add.VerticalLine(keptEpoch);
            kept.LinePattern = LinePattern.Dotted;
            kept.Color = Colors.Gray;
            kept.LegendText = $"parameters kept (epoch {keptEpoch})";
        }
        // Whole epochs on the x axis, about 15 ticks at most.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(Math.Max(1, (int)Math.Ceiling(history.Count / 15.0)));
        plot.ShowLegend(Alignment.MiddleRight);
        plot.SavePng(path, Width, Height);
        return SkiaSharp.SKFontManager.Default.FontFamilyCount == 0
            ? "warning: this machine has no fonts, so the curve's labels are blank (on Debian: apt-get install fonts-dejavu-core)"
            : null;
    }

    private static void Line(Plot plot, double[] xs, IEnumerable<double> ys, string label, Color color, LinePattern pattern, bool right)
    {
        var line = plot.Add.Scatter(xs, ys.ToArray());
        line.LegendText = label;
        line.Color = color;
        line.LinePattern = pattern;
        line.MarkerSize = 4;
        if (right) line.Axes.YAxis = plot.Axes.Right;
    }
}
