using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using NetGen.Generator.Analyzers;

namespace NetGen.Generator.Tests;

/// <summary>An expected diagnostic: its ID and full message (null: any message, for C# errors NetGen does not own).</summary>
public sealed record Expected(string Id, string? Message);

/// <summary>
/// Runs the generator and the call-site analyzer over markup and compares every diagnostic of the result (NetGen's,
/// the analyzer's and the C# compiler's on the user's code and on the generated code) with the expected ones.
/// Markup: <c>{|NG0010:Inputs = 5|}</c> marks the span of one expected diagnostic; marks may nest. Expected
/// diagnostics are matched in the order of their spans (then IDs). Anything not expected fails the test.
/// </summary>
public static class DiagnosticsVerifier
{
    /// <summary>One diagnostic as the tests compare it.</summary>
    public sealed record Actual(string Id, string Message, string File, TextSpan Span)
    {
        public override string ToString() => $"{Id} at {File}[{Span.Start}..{Span.End}): {Message}";
    }

    /// <summary>Parses <c>{|ID:text|}</c> marks: the plain source and each mark's ID and span, in span order.</summary>
    public static (string Source, List<(string Id, TextSpan Span)> Marks) ParseMarkup(string markup)
    {
        var source = new StringBuilder();
        var marks = new List<(string Id, TextSpan Span)>();
        var open = new Stack<(string Id, int Start)>();
        for (int i = 0; i < markup.Length;)
        {
            if (markup[i] == '{' && i + 1 < markup.Length && markup[i + 1] == '|')
            {
                int colon = markup.IndexOf(':', i + 2);
                open.Push((markup.Substring(i + 2, colon - i - 2), source.Length));
                i = colon + 1;
            }
            else if (markup[i] == '|' && i + 1 < markup.Length && markup[i + 1] == '}' && open.Count > 0)
            {
                var (id, start) = open.Pop();
                marks.Add((id, TextSpan.FromBounds(start, source.Length)));
                i += 2;
            }
            else
            {
                source.Append(markup[i++]);
            }
        }
        if (open.Count > 0) throw new ArgumentException("Unclosed {| mark in the markup.");
        return (source.ToString(), marks.OrderBy(m => m.Span.Start).ThenBy(m => m.Span.End).ThenBy(m => m.Id, StringComparer.Ordinal).ToList());
    }

    /// <summary>The generator run, then the compilation with the analyzer; throws if either throws.</summary>
    public static (GeneratorHarness.Result Result, ImmutableArray<Actual> Diagnostics) Run(params string[] sources)
    {
        var result = GeneratorHarness.Run(sources);
        var all = new List<Diagnostic>(result.GeneratorDiagnostics);
        all.AddRange(AnalyzeAll(result.Output));
        var actual = all
            .Where(d => d.Severity >= DiagnosticSeverity.Warning || d.Id.StartsWith("NG", StringComparison.Ordinal))
            .Select(d => new Actual(d.Id, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture),
                d.Location.SourceTree?.FilePath ?? d.Location.GetLineSpan().Path ?? "", d.Location.SourceSpan))
            .Distinct()
            .OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Span.Start).ThenBy(d => d.Span.End).ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableArray();
        return (result, actual);
    }

    /// <summary>The compiler's and the analyzer's diagnostics; an analyzer exception fails the test.</summary>
    public static ImmutableArray<Diagnostic> AnalyzeAll(Compilation compilation)
    {
        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), (ex, _, _) => { lock (exceptions) exceptions.Add(ex); },
            concurrentAnalysis: true, logAnalyzerExecutionTime: false);
        var withAnalyzers = compilation.WithAnalyzers([new NetworkCallAnalyzer()], options);
        var diagnostics = withAnalyzers.GetAllDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        if (exceptions.Count > 0) throw new InvalidOperationException("The analyzer threw.", exceptions[0]);
        return diagnostics;
    }

    /// <summary>
    /// Asserts the diagnostics of <paramref name="markup"/> are exactly the marked ones with the given messages (in span
    /// order), and that a declaration with an error generates nothing.
    /// </summary>
    public static GeneratorHarness.Result Verify(string markup, params Expected[] expected)
    {
        var (source, marks) = ParseMarkup(markup);
        var (result, actual) = Run(source);
        string Describe() => "Actual diagnostics:\n  " + string.Join("\n  ", actual) + "\nSource:\n" + source;

        Assert.True(marks.Count == expected.Length, $"The markup has {marks.Count} marks but {expected.Length} expected diagnostics are given.");
        Assert.True(actual.Length == expected.Length, $"Expected {expected.Length} diagnostics, got {actual.Length}. " + Describe());
        for (int i = 0; i < expected.Length; i++)
        {
            var (id, span) = marks[i];
            var a = actual[i];
            Assert.True(a.File == "Source0.cs", $"Diagnostic {i} is in '{a.File}', not in the user's source. " + Describe());
            Assert.True(id == a.Id && expected[i].Id == id, $"Diagnostic {i}: expected {expected[i].Id} (mark {id}), got {a.Id}. " + Describe());
            Assert.True(span == a.Span, $"Diagnostic {i} ({id}): expected span {span} '{source.Substring(span.Start, span.Length)}', " +
                $"got {a.Span} '{SafeSubstring(source, a.Span)}'. " + Describe());
            if (expected[i].Message is { } message) Assert.Equal(message, a.Message);
        }

        bool netGenError = actual.Any(d => d.Id.StartsWith("NG", StringComparison.Ordinal)
            && DiagnosticDescriptors.All.Single(x => x.Id == d.Id).DefaultSeverity == DiagnosticSeverity.Error
            && !AnalyzerIds.Contains(d.Id));
        if (netGenError) Assert.Empty(result.HintNames);
        return result;
    }

    /// <summary>Asserts that the sources produce no diagnostic at all and generate one file per network.</summary>
    public static GeneratorHarness.Result VerifyClean(string source, params string[] hintNames)
    {
        var (result, actual) = Run(source);
        Assert.True(actual.IsEmpty, "Expected no diagnostics. Actual:\n  " + string.Join("\n  ", actual));
        Assert.Equal(hintNames.OrderBy(h => h, StringComparer.Ordinal), result.HintNames.OrderBy(h => h, StringComparer.Ordinal));
        return result;
    }

    /// <summary>The IDs the call-site analyzer reports (they never suppress generation).</summary>
    public static readonly ImmutableHashSet<string> AnalyzerIds = new NetworkCallAnalyzer().SupportedDiagnostics.Select(d => d.Id).ToImmutableHashSet();

    private static string SafeSubstring(string s, TextSpan span) =>
        span.End <= s.Length ? s.Substring(span.Start, span.Length) : "<outside the source>";
}
