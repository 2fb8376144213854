using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using NetGen.Generator;

BenchmarkRunner.Run<GeneratorBenchmarks>(args: args);

/// <summary>
/// The generator over a project with 100 networks (10 files of 10, varied shapes, activations and losses):
/// a cold run (parse + model + emit of all 100, what a build does) and the incremental re-run after an edit
/// in a file that declares networks but does not change them (what typing in the editor costs).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class GeneratorBenchmarks
{
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private GeneratorDriver _warmDriver = null!;
    private static readonly CSharpParseOptions Options = new(LanguageVersion.Preview);

    [GlobalSetup]
    public void Setup()
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll")
            .Append(typeof(NetGen.NetworkAttribute).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
        var trees = Enumerable.Range(0, 10).Select(f => CSharpSyntaxTree.ParseText(Source(f), Options, path: $"Networks{f}.cs"));
        _compilation = CSharpCompilation.Create("Bench", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var first = _compilation.SyntaxTrees.First();
        _edited = _compilation.ReplaceSyntaxTree(first, first.WithChangedText(SourceText.From(Source(0) + "\nnamespace Extra { class Typed { int X => 42; } }\n")));

        var generated = NewDriver().RunGenerators(_compilation).GetRunResult();
        if (generated.GeneratedTrees.Length != 100 || generated.Diagnostics.Length != 0)
            throw new InvalidOperationException($"expected 100 clean networks, got {generated.GeneratedTrees.Length} files and {generated.Diagnostics.Length} diagnostics");
        _warmDriver = NewDriver().RunGenerators(_compilation);
    }

    [Benchmark(Description = "100 networks: parse + emit (cold)")]
    public GeneratorDriver Cold() => NewDriver().RunGenerators(_compilation);

    [Benchmark(Description = "100 networks: re-run after an unrelated edit")]
    public GeneratorDriver AfterUnrelatedEdit() => _warmDriver.RunGenerators(_edited);

    private static GeneratorDriver NewDriver() => CSharpGeneratorDriver.Create([new NetworkGenerator().AsSourceGenerator()], parseOptions: Options);

    private static string Source(int file)
    {
        string[] hidden = ["ReLU", "Tanh", "LeakyReLU", "Sigmoid", "Identity"];
        var b = new StringBuilder("using NetGen;\nnamespace Bench" + file + ";\n");
        for (int i = 0; i < 10; i++)
        {
            int k = file * 10 + i;
            string h = hidden[k % hidden.Length];
            int inputs = 4 + k % 60, width = 8 + (k * 7) % 120;
            string output = (k % 3) switch
            {
                0 => "[Network(" + inputs + ", Loss = Loss.BinaryCrossEntropy)] [Dense(" + width + ", Activation." + h + ")] [Dense(" + (width / 2 + 1) + ", Activation." + h + ")] [Dense(1, Activation.Sigmoid)]",
                1 => "[Network(" + inputs + ", Loss = Loss.CrossEntropy)] [Dense(" + width + ", Activation." + h + ")] [Dense(10, Activation.Softmax)]",
                _ => "[Network(" + inputs + ")] [Dense(" + width + ", Activation." + h + ")] [Dense(" + (width / 3 + 1) + ", Activation." + h + ")] [Dense(4, Activation." + h + ")] [Dense(2)]",
            };
            b.Append(output).Append("\npublic partial class Net").Append(k).Append(";\n");
        }
        return b.ToString();
    }
}
