using System;
using System.Globalization;
using System.IO;
using NetGen.WeightsExport;

namespace NetGen.EmbeddedWeightsTests;

/// <summary>The exporter's command line: arguments, default output name, standard output, exit codes.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("netgen-export-").FullName;
    private readonly StringWriter _out = new(CultureInfo.InvariantCulture), _err = new(CultureInfo.InvariantCulture);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Copy(string fixture)
    {
        string path = Path.Combine(_directory, fixture);
        File.Copy(Files.Torch(fixture), path);
        return path;
    }

    [Fact]
    public void WritesNextToTheInputByDefaultAndSaysHowToUseTheFile()
    {
        string input = Copy("torch_f32.safetensors");
        Assert.Equal(0, Cli.Run([input], _out, _err));
        string output = Path.Combine(_directory, "torch_f32.weights.json");
        Assert.True(File.Exists(output));
        Assert.Equal($"""
            Wrote {output}: 2 layers (4 → 8 → 3), 67 parameters.
            Add <AdditionalFiles Include="torch_f32.weights.json" /> to the project and declare:
            [Network(4, Weights = "torch_f32.weights.json")]
            [Dense(8, Activation./* as in the model */)]
            [Dense(3, Activation./* as in the model */)]

            """.Replace("\r\n", "\n"), _out.ToString().Replace(Environment.NewLine, "\n"));
        Assert.Equal("", _err.ToString());
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp"));
    }

    [Fact]
    public void DashWritesTheJsonToStandardOutput()
    {
        string input = Copy("torch_f32.safetensors");
        Assert.Equal(0, Cli.Run([input, "-o", "-"], _out, _err));
        var expected = new StringWriter(CultureInfo.InvariantCulture);
        using (var stream = File.OpenRead(input)) WeightsExporter.Export(stream, expected, "torch_f32.safetensors");
        Assert.Equal(expected.ToString(), _out.ToString());
        Assert.False(File.Exists(Path.Combine(_directory, "torch_f32.weights.json")));
    }

    [Fact]
    public void AnExplicitOutputReplacesAnExistingFile()
    {
        string input = Copy("deep_f32.safetensors"), output = Path.Combine(_directory, "model.json");
        File.WriteAllText(output, "old");
        Assert.Equal(0, Cli.Run(["--output", output, input], _out, _err));
        Assert.StartsWith("{\n  \"format\": \"netgen-weights/1\",", File.ReadAllText(output));
    }

    [Fact]
    public void InvalidInputIsExitCode1AndWritesNothing()
    {
        string input = Path.Combine(_directory, "bad.safetensors");
        File.WriteAllBytes(input, [1, 2, 3]);
        Assert.Equal(1, Cli.Run([input], _out, _err));
        Assert.Equal($"error: {input} cannot be exported: the file is 3 bytes long, shorter than the 8-byte header length that starts a safetensors file.",
            _err.ToString().TrimEnd());
        Assert.Empty(Directory.GetFiles(_directory, "*.json"));

        Assert.Equal(1, Cli.Run([Path.Combine(_directory, "missing.safetensors")], _out, _err));
        Assert.Contains("missing.safetensors", _err.ToString());
    }

    [Theory]
    [InlineData(new string[0], "error: no input file.")]
    [InlineData(new[] { "a.safetensors", "b.safetensors" }, "error: one input file only ('a.safetensors' and 'b.safetensors' given).")]
    [InlineData(new[] { "a.safetensors", "--bits", "16" }, "error: unknown option '--bits'.")]
    [InlineData(new[] { "a.safetensors", "-o" }, "error: -o needs a file name.")]
    public void WrongArgumentsAreExitCode2WithTheUsage(string[] args, string error)
    {
        Assert.Equal(2, Cli.Run(args, _out, _err));
        Assert.StartsWith(error + Environment.NewLine + Environment.NewLine + "Converts a safetensors file", _err.ToString());
    }

    [Fact]
    public void HelpIsExitCode0()
    {
        Assert.Equal(0, Cli.Run(["--help"], _out, _err));
        Assert.Equal(Cli.Usage, _out.ToString());
    }

    [Theory]
    [InlineData("model.safetensors", "model.weights.json")]
    [InlineData("dir/Model.SAFETENSORS", "dir/Model.weights.json")]
    [InlineData("model.bin", "model.bin.weights.json")]
    public void DefaultOutputName(string input, string output) => Assert.Equal(output, Cli.DefaultOutput(input));
}
