using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NetGen.Generator.Tests;

/// <summary>
/// Editor speed: typing in a file with networks that does not change them must not re-run parsing or
/// emission. The pipeline's tracked steps must report Cached/Unchanged then, and Modified for a real change.
/// </summary>
public class CacheabilityTests
{
    private const string Network = """
        using NetGen;
        namespace App;
        [Network(30, Loss = Loss.BinaryCrossEntropy)]
        [Dense(16, Activation.ReLU)]
        [Dense(1, Activation.Sigmoid)]
        public partial class CancerNet;

        public class Other { public int Value => 1; }
        """;

    private const string Unrelated = "namespace App; public static class Helpers { public static int Twice(int x) => 2 * x; }";

    [Fact]
    public void RerunWithoutChangesIsCached()
    {
        var (driver, compilation) = RunOnce(Network, Unrelated);
        var result = driver.RunGenerators(compilation.Clone()).GetRunResult().Results.Single();
        AssertReasons(result, TrackingNames.Parse, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, TrackingNames.Model, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void EditingAnotherFileLeavesTheNetworkCached()
    {
        var result = RunAfterEdit("Source1.cs", Unrelated.Replace("2 * x", "x + x"));
        AssertReasons(result, TrackingNames.Parse, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, TrackingNames.Model, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void EditingTheSameFileOutsideTheNetworkLeavesTheModelUnchanged()
    {
        var result = RunAfterEdit("Source0.cs", Network.Replace("Value => 1", "Value => 2 + 3"));
        // The transform may re-run for the edited file, but its value is equal, so nothing downstream runs.
        AssertReasons(result, TrackingNames.Parse, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached);
        AssertReasons(result, TrackingNames.Model, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void ChangingALayerModifiesTheModel()
    {
        var result = RunAfterEdit("Source0.cs", Network.Replace("Dense(16", "Dense(17"));
        AssertReasons(result, TrackingNames.Model, IncrementalStepRunReason.Modified);
        Assert.Contains("public const int ParameterCount = 545;", result.GeneratedSources.Single().SourceText.ToString());
    }

    [Fact]
    public void PipelineValuesHoldNoSymbolsSyntaxOrCompilations()
    {
        var (driver, _) = RunOnce(Network, Unrelated);
        var result = driver.GetRunResult().Results.Single();
        foreach (var name in new[] { TrackingNames.Parse, TrackingNames.Model, TrackingNames.Diagnostics })
            foreach (var step in result.TrackedSteps[name])
                foreach (var (value, _) in step.Outputs)
                    AssertValueGraph(value, name, new HashSet<object>(ReferenceEqualityComparer.Instance));
    }

    private static (GeneratorDriver Driver, Compilation Compilation) RunOnce(params string[] sources)
    {
        var compilation = GeneratorHarness.CreateCompilation(sources);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        return (driver, compilation);
    }

    /// <summary>Runs the generator once, replaces one file's text, runs it again and returns the second run.</summary>
    private static GeneratorRunResult RunAfterEdit(string file, string newText)
    {
        var (driver, compilation) = RunOnce(Network, Unrelated);
        var oldTree = compilation.SyntaxTrees.Single(t => t.FilePath == file);
        var edited = compilation.ReplaceSyntaxTree(oldTree, oldTree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(newText)));
        return driver.RunGenerators(edited).GetRunResult().Results.Single();
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
        Assert.False(value is ISymbol or SyntaxNode or Compilation or SemanticModel or Location or SyntaxTree,
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
