using System;
using System.IO;
using NetGen.Samples.Data;

namespace NetGen.Samples;

/// <summary>
/// The <c>Main</c> of every sample: parses <see cref="SampleOptions"/>, runs the sample and maps failures to
/// exit codes — 0 success, 1 invalid arguments, 2 data missing or malformed.
/// </summary>
public static class SampleHost
{
    /// <summary>Exit code of a successful run.</summary>
    public const int Success = 0;
    /// <summary>Exit code for invalid command-line arguments.</summary>
    public const int InvalidArguments = 1;
    /// <summary>Exit code when the data cannot be found or read.</summary>
    public const int DataUnavailable = 2;

    /// <summary>Runs <paramref name="run"/> with the parsed options, writing to the console.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="usage">Help text printed for <c>--help</c> and after an argument error.</param>
    /// <param name="run">The sample; its <see cref="SampleResult"/> is not needed here (it printed its summary).</param>
    /// <param name="acceptsData">Whether the sample reads data (and so accepts a data path).</param>
    /// <param name="acceptsBatchAndThreads">Whether the sample takes <c>--batch</c> and <c>--threads</c>.</param>
    /// <returns>The process exit code.</returns>
    public static int Run(string[] args, string usage, Action<SampleOptions> run, bool acceptsData = true, bool acceptsBatchAndThreads = false)
    {
        ArgumentNullException.ThrowIfNull(run);
        SampleOptions options;
        try
        {
            options = SampleOptions.Parse(args);
            if (!acceptsData && options.DataPath is not null)
                throw new ArgumentException($"This sample reads no data, but a data path was given ('{options.DataPath}').");
            if (!acceptsBatchAndThreads && (options.BatchSize is not null || options.Threads is not null))
                throw new ArgumentException("This sample does not take --batch or --threads (the MNIST sample does).");
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            Console.Error.WriteLine();
            Console.Error.WriteLine(usage);
            return InvalidArguments;
        }
        if (options.ShowHelp)
        {
            Console.WriteLine(usage);
            return Success;
        }
        try
        {
            run(options);
            return Success;
        }
        catch (Exception e) when (e is DataFormatException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            // A DataFormatException's message names the file, the line, what was expected and what was found.
            Console.Error.WriteLine($"error: {e.Message}");
            return DataUnavailable;
        }
    }
}
