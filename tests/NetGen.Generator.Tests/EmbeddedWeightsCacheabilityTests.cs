using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using static NetGen.Generator.Tests.EmbeddedWeightsTests;

namespace NetGen.Generator.Tests;

/// <summary>
/// Weights files in the incremental pipeline: editing C# elsewhere, moving the attribute or editing another
/// AdditionalFiles item neither re-reads the weights file nor re-emits the network; changing a value re-emits it.
/// </summary>
public class EmbeddedWeightsCacheabilityTests
{
    private const string Unrelated = "namespace Gates; public static class Helpers { public static int Twice(int x) => 2 * x; }";

    private sealed class Harness
    {
        public readonly List<string> Reads = [];
        public readonly CountingText Weights;
        public readonly InMemoryAdditionalText Other = new("notes/other.json", "{\"unrelated\": true}");
        public GeneratorDriver Driver;
        public Compilation Compilation;

        public Harness(string json = XnorJson)
        {
            Weights = new CountingText("xnor.weights.json", json, Reads);
            Compilation = GeneratorHarness.CreateCompilation(XnorSource, Unrelated);
            Driver = WeightsHarness.CreateDriver([Weights, Other]).RunGenerators(Compilation);
        }

        public GeneratorRunResult Run(Compilation compilation) => (Driver = Driver.RunGenerators(compilation)).GetRunResult().Results.Single();

        public Compilation Edit(string file, string text)
        {
            var tree = Compilation.SyntaxTrees.Single(t => t.FilePath == file);
            return Compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From(text)));
        }
    }

    /// <summary>An AdditionalFiles item that records every read.</summary>
    private sealed class CountingText(string path, string text, List<string> reads) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default)
        {
            reads.Add(path);
            return _text;
        }
    }

    [Fact]
    public void TheFileIsReadOnce()
    {
        var h = new Harness();
        Assert.Equal(["xnor.weights.json"], h.Reads);
        Assert.Contains("EmbeddedParameters", h.Driver.GetRunResult().Results.Single().GeneratedSources.Single().SourceText.ToString());
    }

    [Fact]
    public void RerunWithoutChangesIsCached()
    {
        var h = new Harness();
        var result = h.Run(h.Compilation.Clone());
        AssertReasons(result, TrackingNames.WeightsFiles, IncrementalStepRunReason.Cached);
        AssertReasons(result, TrackingNames.EmbeddedWeights, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, TrackingNames.Model, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.Single(h.Reads);
    }

    [Fact]
    public void EditingAnotherSourceFileLeavesEverythingCached()
    {
        var h = new Harness();
        var result = h.Run(h.Edit("Source1.cs", Unrelated.Replace("2 * x", "x + x")));
        AssertReasons(result, TrackingNames.WeightsFiles, IncrementalStepRunReason.Cached);
        AssertReasons(result, TrackingNames.EmbeddedWeights, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, TrackingNames.Model, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.Single(h.Reads);
    }

    [Fact]
    public void MovingTheAttributeNeitherRereadsTheFileNorReemits()
    {
        var h = new Harness();
        var result = h.Run(h.Edit("Source0.cs", "// a comment that moves every span\n" + XnorSource));
        // The parse result holds locations, so it changes; the lookups (paths only) and the model do not.
        AssertReasons(result, TrackingNames.WeightsLookups, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached);
        AssertReasons(result, TrackingNames.WeightsFiles, IncrementalStepRunReason.Cached);
        AssertReasons(result, TrackingNames.Model, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached);
        Assert.Single(h.Reads);
    }

    [Fact]
    public void EditingAnotherAdditionalFileLeavesTheNetworkCached()
    {
        var h = new Harness();
        h.Driver = h.Driver.ReplaceAdditionalText(h.Other, new InMemoryAdditionalText("notes/other.json", "{\"unrelated\": false}"));
        var result = h.Run(h.Compilation);
        AssertReasons(result, TrackingNames.WeightsFiles, IncrementalStepRunReason.Cached);
        AssertReasons(result, TrackingNames.Model, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.Single(h.Reads);
    }

    [Fact]
    public void ChangingAValueReemits()
    {
        var h = new Harness();
        h.Driver = h.Driver.ReplaceAdditionalText(h.Weights, new CountingText("xnor.weights.json", XnorJson.Replace("[-10]", "[-9.5]"), h.Reads));
        var result = h.Run(h.Compilation);
        AssertReasons(result, TrackingNames.WeightsFiles, IncrementalStepRunReason.Modified);
        AssertReasons(result, TrackingNames.Model, IncrementalStepRunReason.Modified);
        Assert.Contains("    -9.5f,\n", result.GeneratedSources.Single().SourceText.ToString());
        Assert.Equal(2, h.Reads.Count);
    }

    [Fact]
    public void ReformattingTheFileRereadsItButDoesNotReemit()
    {
        var h = new Harness();
        string reformatted = XnorJson.Replace("\n", "\n\n").Replace("[20, 20, -20, -20]", "[20.0, 2e1, -20, -2.0E+1]");
        h.Driver = h.Driver.ReplaceAdditionalText(h.Weights, new CountingText("xnor.weights.json", reformatted, h.Reads));
        var result = h.Run(h.Compilation);
        AssertReasons(result, TrackingNames.WeightsFiles, IncrementalStepRunReason.Modified); // the tensors' positions moved
        AssertReasons(result, TrackingNames.EmbeddedWeights, IncrementalStepRunReason.Unchanged); // the values did not,
        AssertReasons(result, TrackingNames.Model, IncrementalStepRunReason.Cached);              // so nothing is emitted
    }

    [Fact]
    public void AddingTheMissingFileGeneratesTheNetwork()
    {
        var compilation = GeneratorHarness.CreateCompilation(XnorSource);
        var driver = WeightsHarness.CreateDriver([]).RunGenerators(compilation);
        var first = driver.GetRunResult();
        Assert.Equal("NG0030", Assert.Single(first.Diagnostics).Id);
        Assert.Empty(first.GeneratedTrees);

        driver = driver.AddAdditionalTexts([new InMemoryAdditionalText("xnor.weights.json", XnorJson)]).RunGenerators(compilation);
        var second = driver.GetRunResult();
        Assert.Empty(second.Diagnostics);
        Assert.Contains("EmbeddedParameters", Assert.Single(second.GeneratedTrees).ToString());
    }

    [Fact]
    public void PipelineValuesHoldNoSymbolsSyntaxOrCompilations()
    {
        var h = new Harness();
        var result = h.Driver.GetRunResult().Results.Single();
        foreach (var name in new[] { TrackingNames.Parse, TrackingNames.WeightsLookups, TrackingNames.WeightsFiles, TrackingNames.EmbeddedWeights,
                     TrackingNames.Model, TrackingNames.Diagnostics, TrackingNames.WeightsFileDiagnostics })
        {
            Assert.True(result.TrackedSteps.ContainsKey(name), $"step {name} was not tracked");
            foreach (var step in result.TrackedSteps[name])
                foreach (var (value, _) in step.Outputs)
                    AssertValueGraph(value, name, new HashSet<object>(ReferenceEqualityComparer.Instance));
        }
    }

    private static void AssertReasons(GeneratorRunResult result, string step, params IncrementalStepRunReason[] allowed)
    {
        Assert.True(result.TrackedSteps.TryGetValue(step, out var runs), $"step {step} was not tracked");
        var reasons = runs.SelectMany(r => r.Outputs).Select(o => o.Reason).ToList();
        Assert.NotEmpty(reasons);
        Assert.All(reasons, r => Assert.Contains(r, allowed));
    }

    private static void AssertValueGraph(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value)) return;
        Assert.False(value is ISymbol or SyntaxNode or Compilation or SemanticModel or Location or SyntaxTree or AdditionalText or SourceText,
            $"{path} holds a {value.GetType().Name}, which defeats incremental caching");
        if (value is IEnumerable sequence)
        {
            int i = 0;
            foreach (var item in sequence) AssertValueGraph(item, $"{path}[{i++}]", seen);
            return;
        }
        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            AssertValueGraph(field.GetValue(value), $"{path}.{field.Name}", seen);
    }
}
