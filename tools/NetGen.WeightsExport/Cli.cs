using System;
using System.IO;

namespace NetGen.WeightsExport;

/// <summary>The command line: <c>NetGen.WeightsExport INPUT.safetensors [-o OUTPUT]</c>.</summary>
public static class Cli
{
    /// <summary>The help text.</summary>
    public const string Usage = """
        Converts a safetensors file (NetGen's SaveWeights, or a PyTorch nn.Sequential state dict) into the
        netgen-weights/1 JSON that [Network(..., Weights = "file")] compiles into an assembly.

        Usage: NetGen.WeightsExport INPUT.safetensors [-o OUTPUT]
          -o, --output OUTPUT   the JSON file to write (default: INPUT with .weights.json instead of .safetensors);
                                '-' writes to standard output
          -h, --help            this text

        The Linear and Conv1d/Conv2d modules, in ascending nn.Sequential index, become layers 0, 1, 2, ... (tensors
        0.weight, 0.bias, ...). A state dict does not record a CNN's input size, strides, paddings or pooling layers:
        the declaration printed says where they go.
        Add the JSON to the project as <AdditionalFiles Include="OUTPUT" /> and name it in the [Network] attribute.
        Exit codes: 0 written, 1 the input is not valid or not layers NetGen can embed, 2 wrong arguments.
        """;

    /// <summary>Runs the command; returns the exit code.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="stdout">Receives the JSON when the output is '-', else a summary.</param>
    /// <param name="stderr">Receives errors and usage.</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? input = null, output = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help":
                    stdout.Write(Usage);
                    return 0;
                case "-o" or "--output" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                case "-o" or "--output":
                    return Fail($"{args[i]} needs a file name.");
                case { Length: > 1 } option when option.StartsWith('-'):
                    return Fail($"unknown option '{option}'.");
                default:
                    if (input is not null) return Fail($"one input file only ('{input}' and '{args[i]}' given).");
                    input = args[i];
                    break;
            }
        }
        if (input is null) return Fail("no input file.");
        output ??= DefaultOutput(input);

        try
        {
            if (output == "-")
            {
                using var stream = new FileStream(input, FileMode.Open, FileAccess.Read, FileShare.Read);
                WeightsExporter.Export(stream, stdout, Path.GetFileName(input));
                return 0;
            }
            ExportSummary summary = WeightsExporter.ExportFile(input, output);
            stdout.WriteLine($"Wrote {output}: {summary.Layers.Count} layer{(summary.Layers.Count == 1 ? "" : "s")} " +
                             $"({summary.Architecture}), {summary.ParameterCount} parameters.");
            stdout.WriteLine($"Add <AdditionalFiles Include=\"{Path.GetFileName(output)}\" /> to the project and declare:");
            foreach (string line in summary.Declaration(Path.GetFileName(output)).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                stdout.WriteLine(line);
            return 0;
        }
        catch (InvalidDataException e)
        {
            stderr.WriteLine($"error: {input} cannot be exported: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 1;
        }

        int Fail(string message)
        {
            stderr.WriteLine($"error: {message}");
            stderr.WriteLine();
            stderr.Write(Usage);
            return 2;
        }
    }

    /// <summary><c>model.safetensors</c> → <c>model.weights.json</c> (next to the input).</summary>
    public static string DefaultOutput(string input) =>
        (input.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase) ? input[..^".safetensors".Length] : input) + ".weights.json";
}
