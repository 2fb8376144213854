using System;
using System.Globalization;

namespace NetGen.Samples;

/// <summary>
/// The command line every sample accepts: <c>[--data] PATH</c> for the data (a file or, for MNIST, a directory),
/// <c>--epochs N</c> to override the number of epochs, <c>--curve FILE.png</c> for the training curve, and <c>--help</c>;
/// samples that say so also take
/// <c>--batch N</c> and <c>--threads N</c>.
/// </summary>
/// <param name="DataPath">The data path, or null for the sample's default.</param>
/// <param name="Epochs">The number of epochs, or null for the sample's default.</param>
/// <param name="ShowHelp">Whether help was requested.</param>
public sealed record SampleOptions(string? DataPath, int? Epochs, bool ShowHelp)
{
    /// <summary>Examples per optimiser step, or null for the sample's default.</summary>
    public int? BatchSize { get; init; }

    /// <summary>Most threads a training step uses, or null for one.</summary>
    public int? Threads { get; init; }

    /// <summary>Where to write the training curve (PNG), or null for none.</summary>
    public string? CurvePath { get; init; }

    /// <summary>The display of a run from the console: the live line when the output is a terminal, and the curve if asked.</summary>
    public TrainingDisplay Display => new(ShowBatchProgress: !Console.IsOutputRedirected, CurvePath);

    /// <summary>Parses <paramref name="args"/>.</summary>
    /// <exception cref="ArgumentException">An argument is unknown, repeated or lacks a valid value.</exception>
    public static SampleOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? dataPath = null;
        int? epochs = null, batchSize = null, threads = null;
        string? curve = null;
        bool help = false;
        for (int k = 0; k < args.Length; k++)
        {
            string arg = args[k];
            switch (arg)
            {
                case "-h" or "--help" or "-?" or "/?":
                    help = true;
                    break;
                case "-e" or "--epochs":
                    epochs = PositiveInt(args, ref k, epochs);
                    break;
                case "--batch":
                    batchSize = PositiveInt(args, ref k, batchSize);
                    break;
                case "--threads":
                    threads = PositiveInt(args, ref k, threads);
                    break;
                case "--curve":
                    if (curve is not null) throw new ArgumentException("--curve is given more than once.");
                    curve = Value(args, ref k);
                    if (!curve.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
                        throw new ArgumentException($"--curve writes a PNG image; give a file name ending in .png (got '{curve}').");
                    break;
                case "-d" or "--data":
                    SetData(ref dataPath, Value(args, ref k));
                    break;
                default:
                    if (arg.StartsWith('-')) throw new ArgumentException($"Unknown option '{arg}'.");
                    SetData(ref dataPath, arg);
                    break;
            }
        }
        return new SampleOptions(dataPath, epochs, help) { BatchSize = batchSize, Threads = threads, CurvePath = curve };
    }

    private static int PositiveInt(string[] args, ref int k, int? current)
    {
        string option = args[k];
        if (current is not null) throw new ArgumentException($"{option} is given more than once.");
        string value = Value(args, ref k);
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n <= 0)
            throw new ArgumentException($"{option} expects a positive whole number but got '{value}'.");
        return n;
    }

    private static string Value(string[] args, ref int k)
    {
        if (k + 1 >= args.Length) throw new ArgumentException($"{args[k]} expects a value.");
        return args[++k];
    }

    private static void SetData(ref string? dataPath, string value)
    {
        if (dataPath is not null) throw new ArgumentException($"The data path is given twice ('{dataPath}' and '{value}').");
        dataPath = value;
    }
}
