using System;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis.Text;
using NetGen.Generator.Parsing;

namespace NetGen.Generator.Tests;

/// <summary>The generator's own JSON reader, and the weights file reader on hostile input (it must never throw).</summary>
public class JsonReaderTests
{
    [Fact]
    public void ReadsEveryKindOfValue()
    {
        var root = JsonReader.Parse("\uFEFF { \"a\" : [1, -2.5e-3, 0, -0, 1E+2, true, false, null, \"x\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\"], \"b\": {} }\r\n");
        Assert.Equal(JsonKind.Object, root.Kind);
        Assert.Equal(["a", "b"], root.Properties.Select(p => p.Name));
        var items = root.Property("a")!.Value.Items;
        Assert.Equal([JsonKind.Number, JsonKind.Number, JsonKind.Number, JsonKind.Number, JsonKind.Number, JsonKind.True, JsonKind.False,
            JsonKind.Null, JsonKind.String], items.Select(i => i.Kind));
        Assert.Equal([1, -2.5e-3, 0, 0, 100], items.Take(5).Select(i => i.Number));
        Assert.True(double.IsNegative(items[3].Number));
        Assert.Equal("-2.5e-3", items[1].NumberText);
        Assert.Equal("x\"\\/\b\f\n\r\t\u00e9\U0001F600", items[8].String);
        Assert.Empty(root.Property("b")!.Value.Properties);
    }

    [Fact]
    public void SpansCoverEachValue()
    {
        const string text = "{\"k\": [10, \"s\"]}";
        var root = JsonReader.Parse(text);
        var k = root.Property("k")!;
        Assert.Equal("\"k\"", text[k.NameStart..k.NameEnd]);
        Assert.Equal("[10, \"s\"]", text[k.Value.Start..k.Value.End]);
        Assert.Equal("10", text[k.Value.Items[0].Start..k.Value.Items[0].End]);
        Assert.Equal((0, text.Length), (root.Start, root.End));
    }

    [Theory]
    [InlineData("1e999", double.PositiveInfinity)]
    [InlineData("-1e999", double.NegativeInfinity)]
    [InlineData("Infinity", double.PositiveInfinity)]
    [InlineData("-Infinity", double.NegativeInfinity)]
    [InlineData("NaN", double.NaN)]
    [InlineData("4.9e-324", 4.9e-324)]
    [InlineData("1e-400", 0.0)]
    public void OutOfRangeAndSpecialNumbers(string text, double expected) =>
        Assert.Equal(expected, JsonReader.Parse("[" + text + "]").Items[0].Number);

    [Theory]
    [InlineData("-NaN")]
    [InlineData("Infinityx")]
    [InlineData("[1,]")]
    [InlineData("{\"a\":1,}")]
    [InlineData("[1 2]")]
    [InlineData("\"\\u00\"")]
    [InlineData("// comment\n{}")]
    [InlineData("{} {}")]
    [InlineData(".5")]
    [InlineData("0x10")]
    public void RejectsInvalidJson(string text) => Assert.Throws<JsonSyntaxException>(() => JsonReader.Parse(text));

    [Fact]
    public void DeepNestingIsAnErrorNotAStackOverflow()
    {
        var error = Assert.Throws<JsonSyntaxException>(() => JsonReader.Parse(new string('[', 100_000)));
        Assert.Equal(64, error.Start);
    }

    /// <summary>
    /// Thousands of random edits of a valid weights file: the reader returns tensors or diagnostics (never throws), every
    /// diagnostic lies inside the file, and an unedited file has no diagnostic.
    /// </summary>
    [Fact]
    public void RandomlyDamagedFilesNeverThrow()
    {
        var rng = new Random(20261124);
        string original = EmbeddedWeightsTests.XnorJson;
        const string alphabet = "{}[]\",:.-+eE0123456789 \n\t\\uNaInfityrlsx/\u00e9\u0000";
        Assert.Empty(WeightsFileParser.Parse("w.json", SourceText.From(original), CancellationToken.None).Diagnostics);
        for (int round = 0; round < 3000; round++)
        {
            var text = new StringBuilder(original);
            int edits = 1 + rng.Next(4);
            for (int e = 0; e < edits; e++)
            {
                int at = rng.Next(text.Length + 1);
                switch (rng.Next(3))
                {
                    case 0 when at < text.Length: text.Remove(at, 1 + rng.Next(Math.Min(6, text.Length - at))); break;
                    case 1: text.Insert(at, alphabet[rng.Next(alphabet.Length)]); break;
                    default: if (at < text.Length) text[at] = alphabet[rng.Next(alphabet.Length)]; break;
                }
            }
            string damaged = text.ToString();
            var file = WeightsFileParser.Parse("w.json", SourceText.From(damaged), CancellationToken.None);
            Assert.All(file.Diagnostics, d =>
            {
                Assert.Contains(d.Id, new[] { "NG0033", "NG0036", "NG0038" });
                Assert.True(d.Location!.Span.End <= damaged.Length, $"span {d.Location.Span} outside the {damaged.Length}-character file");
            });
            if (file.Diagnostics.Length > 0) Assert.Equal(0, file.Tensors.Length);
        }
    }
}
