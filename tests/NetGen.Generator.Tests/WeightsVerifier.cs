using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace NetGen.Generator.Tests;

/// <summary>
/// <see cref="DiagnosticsVerifier"/> for networks with weights files: marks (<c>{|NG0035:[2, 1]|}</c>) may stand in the
/// C# source and in the weights files, and every diagnostic (NetGen's, the analyzer's and the compiler's on user and
/// generated code) must be marked, with its ID, message and span in the right file. A declaration with an error
/// generates nothing.
/// </summary>
public static class WeightsVerifier
{
    public sealed record Actual(string Id, string Message, string File, TextSpan Span, string Text)
    {
        public override string ToString() => $"{Id} at {File}[{Span.Start}..{Span.End}) '{Text}': {Message}";
    }

    /// <summary>
    /// Like <see cref="DiagnosticsVerifier.ParseMarkup"/>, but a mark only opens at <c>{|ID:</c> with an ID of letters
    /// then digits, so JSON such as <c>{|NG0033:{|}</c> (a mark around a brace) reads as intended.
    /// </summary>
    public static (string Source, List<(string Id, TextSpan Span)> Marks) ParseMarkup(string markup)
    {
        var source = new System.Text.StringBuilder();
        var marks = new List<(string Id, TextSpan Span)>();
        var open = new Stack<(string Id, int Start)>();
        for (int i = 0; i < markup.Length;)
        {
            var id = System.Text.RegularExpressions.Regex.Match(markup.Substring(i, Math.Min(24, markup.Length - i)), @"^\{\|([A-Z]+[0-9]+):");
            if (id.Success)
            {
                open.Push((id.Groups[1].Value, source.Length));
                i += id.Length;
            }
            else if (markup[i] == '|' && i + 1 < markup.Length && markup[i + 1] == '}' && open.Count > 0)
            {
                var (mark, start) = open.Pop();
                marks.Add((mark, TextSpan.FromBounds(start, source.Length)));
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

    /// <summary>Verifies one source (Source0.cs) with AdditionalFiles given as markup.</summary>
    public static GeneratorHarness.Result Verify(string sourceMarkup, TestFile[] additionalFiles, params Expected[] expected) =>
        Verify([new TestFile("Source0.cs", sourceMarkup)], additionalFiles, expected);

    public static GeneratorHarness.Result Verify(TestFile[] sourceMarkups, TestFile[] additionalFiles, params Expected[] expected)
    {
        var marks = new List<(string File, string Id, TextSpan Span)>();
        var texts = new Dictionary<string, string>();
        TestFile Strip(TestFile file)
        {
            if (file.Text is null) return file;
            var (plain, fileMarks) = ParseMarkup(file.Text);
            marks.AddRange(fileMarks.Select(m => (file.Path, m.Id, m.Span)));
            texts[file.Path] = plain;
            return file with { Text = plain };
        }
        var sources = sourceMarkups.Select(Strip).ToArray();
        var files = additionalFiles.Select(Strip).ToArray();
        var result = WeightsHarness.Run(sources, files);

        var all = new List<Diagnostic>(result.GeneratorDiagnostics);
        all.AddRange(DiagnosticsVerifier.AnalyzeAll(result.Output));
        var actual = all
            .Where(d => d.Severity >= DiagnosticSeverity.Warning || d.Id.StartsWith("NG", StringComparison.Ordinal))
            .Select(d =>
            {
                string file = d.Location.SourceTree?.FilePath ?? d.Location.GetLineSpan().Path ?? "";
                var span = d.Location.SourceSpan;
                string text = texts.TryGetValue(file, out var t) && span.End <= t.Length ? t.Substring(span.Start, span.Length) : "?";
                return new Actual(d.Id, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), file, span, text);
            })
            .Distinct()
            .OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Span.Start).ThenBy(d => d.Span.End).ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableArray();
        var ordered = marks.OrderBy(m => m.File, StringComparer.Ordinal).ThenBy(m => m.Span.Start).ThenBy(m => m.Span.End)
            .ThenBy(m => m.Id, StringComparer.Ordinal).ToList();
        string Describe() => "Actual diagnostics:\n  " + string.Join("\n  ", actual);

        Assert.True(ordered.Count == expected.Length, $"The markup has {ordered.Count} marks but {expected.Length} expected diagnostics are given.");
        Assert.True(actual.Length == expected.Length, $"Expected {expected.Length} diagnostics, got {actual.Length}. " + Describe());
        for (int i = 0; i < expected.Length; i++)
        {
            var (file, id, span) = ordered[i];
            var a = actual[i];
            Assert.True(a.File == file, $"Diagnostic {i} ({a.Id}) is in '{a.File}', expected '{file}'. " + Describe());
            Assert.True(id == a.Id && expected[i].Id == id, $"Diagnostic {i}: expected {expected[i].Id} (mark {id}), got {a.Id}. " + Describe());
            Assert.True(span == a.Span, $"Diagnostic {i} ({id}): expected span {span} '{texts[file].Substring(span.Start, span.Length)}', got {a.Span} '{a.Text}'. " + Describe());
            if (expected[i].Message is { } message) Assert.Equal(message, a.Message);
        }

        bool netGenError = actual.Any(d => d.Id.StartsWith("NG", StringComparison.Ordinal)
            && DiagnosticDescriptors.All.Single(x => x.Id == d.Id).DefaultSeverity == DiagnosticSeverity.Error
            && !DiagnosticsVerifier.AnalyzerIds.Contains(d.Id));
        if (netGenError) Assert.Empty(result.HintNames);
        return result;
    }
}
