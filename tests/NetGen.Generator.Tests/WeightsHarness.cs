using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace NetGen.Generator.Tests;

/// <summary>An AdditionalFiles item in memory; a null text is a file the compiler could not read.</summary>
public sealed class InMemoryAdditionalText(string path, string? text) : AdditionalText
{
    private readonly SourceText? _text = text is null ? null : SourceText.From(text, Encoding.UTF8);

    public override string Path { get; } = path;

    public override SourceText? GetText(CancellationToken cancellationToken = default) => _text;
}

/// <summary>A source or weights file given to the harness: its path and text (markup for the verifier).</summary>
public sealed record TestFile(string Path, string? Text);

/// <summary>
/// <see cref="GeneratorHarness"/> with AdditionalFiles (weights files) and source files at chosen paths, plus compiling
/// the result into a loadable assembly.
/// </summary>
public static class WeightsHarness
{
    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> additionalTexts, bool trackSteps = true) =>
        CSharpGeneratorDriver.Create([new NetworkGenerator().AsSourceGenerator()], additionalTexts, GeneratorHarness.ParseOptions,
            optionsProvider: null,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>A compilation of <paramref name="sources"/> at their paths.</summary>
    public static CSharpCompilation CreateCompilation(IEnumerable<TestFile> sources)
    {
        var list = sources.ToList();
        var compilation = GeneratorHarness.CreateCompilation(list.Select(s => s.Text ?? "").ToArray());
        for (int i = 0; i < list.Count; i++)
        {
            var tree = compilation.SyntaxTrees.Single(t => t.FilePath == $"Source{i}.cs");
            compilation = compilation.ReplaceSyntaxTree(tree, tree.WithFilePath(list[i].Path));
        }
        return compilation;
    }

    /// <summary>Runs the generator on one source (as Source0.cs) with the given AdditionalFiles.</summary>
    public static GeneratorHarness.Result Run(string source, params TestFile[] additionalFiles) =>
        Run([new TestFile("Source0.cs", source)], additionalFiles);

    public static GeneratorHarness.Result Run(IEnumerable<TestFile> sources, IEnumerable<TestFile> additionalFiles)
    {
        var compilation = CreateCompilation(sources);
        var driver = CreateDriver(additionalFiles.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)))
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var run = driver.GetRunResult();
        foreach (var r in run.Results)
            if (r.Exception is not null) throw new InvalidOperationException("The generator threw.", r.Exception);
        return new GeneratorHarness.Result(run, output, diagnostics);
    }

    /// <summary>Emits the compilation and loads it into a collectible context that shares NetGen.Runtime with the tests.</summary>
    public static Assembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        Assert.True(emit.Success, "Emit failed:\n" + string.Join("\n", emit.Diagnostics));
        stream.Position = 0;
        return new AssemblyLoadContext("weights-test-" + Guid.NewGuid().ToString("N"), isCollectible: true).LoadFromStream(stream);
    }

    /// <summary>Creates <paramref name="typeName"/> from the assembly with the given constructor arguments.</summary>
    public static INetwork Create(Assembly assembly, string typeName, params object[] arguments) =>
        (INetwork)Activator.CreateInstance(assembly.GetType(typeName, throwOnError: true)!, arguments)!;

    /// <summary>The value of the generated static EmbeddedParameters span, as an array.</summary>
    public static float[] EmbeddedParameters(Assembly assembly, string typeName)
    {
        var type = assembly.GetType(typeName, throwOnError: true)!;
        // A ReadOnlySpan cannot be boxed; a small generic accessor compiled here reads it through a delegate.
        var getter = type.GetProperty("EmbeddedParameters", BindingFlags.Public | BindingFlags.Static)!.GetMethod!;
        var read = getter.CreateDelegate<SpanGetter>();
        return read().ToArray();
    }

    public delegate ReadOnlySpan<float> SpanGetter();

    /// <summary>Bits of floats, so tests compare −0 and 0 (and every value) exactly.</summary>
    public static int[] Bits(ReadOnlySpan<float> values)
    {
        var bits = new int[values.Length];
        for (int i = 0; i < values.Length; i++) bits[i] = BitConverter.SingleToInt32Bits(values[i]);
        return bits;
    }

    public static ImmutableArray<Diagnostic> Errors(GeneratorHarness.Result result) =>
        result.GeneratorDiagnostics.AddRange(result.CompilationDiagnostics);
}
