using System.Linq;
using static NetGen.Generator.Tests.EmbeddedWeightsTests;
using static NetGen.Generator.Tests.WeightsVerifier;

namespace NetGen.Generator.Tests;

/// <summary>
/// NG0030–NG0039: every diagnostic about a network's weights file, with its ID, full message and span (in the C# source
/// or in the weights file), no other diagnostic, and nothing generated for the network.
/// </summary>
public class EmbeddedWeightsDiagnosticsTests
{
    private static Expected E(string id, string? message = null) => new(id, message);

    private const string File = "xnor.weights.json";

    private static TestFile[] Json(string markup) => [new TestFile(File, markup)];

    /// <summary>The XNOR file with one tensor line replaced (markup allowed).</summary>
    private static string XnorWith(string tensor, string replacement) =>
        string.Join("\n", XnorJson.Split('\n').Select(line => line.TrimStart().StartsWith($"\"{tensor}\"") ? "    " + replacement : line));

    // ── NG0030–NG0032: finding and reading the file ───────────────────────────────────────────────

    [Fact]
    public void NG0030_FileNotAmongTheAdditionalFiles() => Verify("""
        using NetGen;
        [Network(2, {|NG0030:Weights = "models/xnor.json"|})]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net;
        """, [new TestFile("xnor.json", XnorJson), new TestFile("other/models/xnor.json.bak", XnorJson)],
        E("NG0030", "The weights file 'models/xnor.json' of 'Net' is not among the project's AdditionalFiles; add it to the project file as <AdditionalFiles Include=\"models/xnor.json\" /> (the path relative to the project file)"));

    [Fact]
    public void NG0030_WithoutAnyAdditionalFiles() => Verify("""
        using NetGen;
        [Network(2, Loss = Loss.BinaryCrossEntropy, {|NG0030:Weights = @"w\xnor.json"|})]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net;
        """, [],
        E("NG0030", "The weights file 'w\\xnor.json' of 'Net' is not among the project's AdditionalFiles; add it to the project file as <AdditionalFiles Include=\"w\\xnor.json\" /> (the path relative to the project file)"));

    [Fact]
    public void NG0031_PathMatchesSeveralFiles() => Verify("""
        using NetGen;
        [Network(2, {|NG0031:Weights = "xnor.weights.json"|})]
        [Dense(2, Activation.Sigmoid)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net;
        """, [new TestFile("b/xnor.weights.json", XnorJson), new TestFile("a/xnor.weights.json", XnorJson)],
        E("NG0031", "The weights file 'xnor.weights.json' of 'Net' matches 2 AdditionalFiles ('a/xnor.weights.json', 'b/xnor.weights.json'); write more of its path so that it names one"));

    [Fact]
    public void NG0032_FileCannotBeRead() => Verify("""
        using NetGen;
        [Network(2, {|NG0032:Weights = "xnor.weights.json"|})]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net;
        """, [new TestFile("/proj/xnor.weights.json", null)],
        E("NG0032", "The weights file 'xnor.weights.json' of 'Net' could not be read from '/proj/xnor.weights.json'"));

    [Fact]
    public void NG0017_EmptyPath() => Verify("""
        using NetGen;
        [Network(2, {|NG0017:Weights = ""|})]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net;
        """, [],
        E("NG0017", "The argument 'Weights' of [Network] must be a constant string naming a weights file among the AdditionalFiles, but it is empty"));

    [Fact]
    public void NullPathMeansNoWeights()
    {
        var result = Verify("""
            using NetGen;
            [Network(2, Weights = null)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net;
            """, []);
        Assert.DoesNotContain("EmbeddedParameters", result.GeneratedSource("Net.g.cs"));
    }

    [Fact]
    public void NonConstantPathIsTheCompilersError() => Verify("""
        using NetGen;
        [Network(2, Weights = {|CS0182:Paths.Xnor|})]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net;
        public static class Paths { public static readonly string Xnor = "xnor.weights.json"; }
        """, Json(XnorJson),
        E("CS0182"));

    // ── NG0033: the file is not valid JSON or not a netgen-weights/1 document ──────────────────────

    [Theory]
    [InlineData("", "the file is empty; expected a JSON object")]
    [InlineData("{\"format\": \"netgen-weights/1\", \"tensors\": {{|NG0033:|}", "expected a property name in double quotes, found the end of the file")]
    [InlineData("{\"format\": \"netgen-weights/1\", \"tensors\": {\"0.bias\": {\"shape\": [2], \"data\": [1, 2{|NG0033:]|}}}", "a trailing comma before ']' is not allowed", ",")]
    [InlineData("{\"format\": \"netgen-weights/1\", \"tensors\": {}{|NG0033:}|}", "a trailing comma before '}' is not allowed", ",")]
    [InlineData("{{|NG0033:'|}format': 1}", "expected a property name in double quotes, found '''")]
    [InlineData("{\"format\" {|NG0033:\"|}netgen-weights/1\"}", "expected ':' after the property name \"format\", found '\"'")]
    [InlineData("{\"format\": \"netgen-weights/1\" {|NG0033:\"|}tensors\": {}}", "expected ',' or '}' after the value of \"format\", found '\"'")]
    [InlineData("{\"tensors\": {\"0.bias\": {\"shape\": [2], \"data\": [1 {|NG0033:2|}]}}}", "expected ',' or ']' after item 1 of the array, found '2'")]
    [InlineData("{\"tensors\": {\"0.bias\": {\"shape\": [2], \"data\": [{|NG0033:01|}, 2]}}}", "'01' is not a valid number (a number cannot have a leading zero)")]
    [InlineData("{\"tensors\": {\"0.bias\": {\"shape\": [2], \"data\": [{|NG0033:1.|}, 2]}}}", "'1.' is not a valid number (expected a digit after '.')")]
    [InlineData("{\"tensors\": {\"0.bias\": {\"shape\": [2], \"data\": [{|NG0033:1e|}, 2]}}}", "'1e' is not a valid number (expected a digit in the exponent)")]
    [InlineData("{\"tensors\": {\"0.bias\": {\"shape\": [2], \"data\": [{|NG0033:-|}, 2]}}}", "'-' is not a valid number (expected a digit)")]
    [InlineData("{\"tensors\": {\"0.bias\": {\"shape\": [2], \"data\": [{|NG0033:+|}1, 2]}}}", "expected a value (an object, array, string, number, true, false or null), found '+'")]
    [InlineData("{\"tensors\": {\"0.bias\": {\"shape\": [2], \"data\": [{|NG0033:True|}, 2]}}}", "expected a value (an object, array, string, number, true, false or null), found 'True'")]
    [InlineData("{\"tensors\": {\"0.bias\": {\"shape\": [2], \"data\": [{|NG0033:nul|}, 2]}}}", "expected a value, found 'nul'")]
    [InlineData("{\"format\": {|NG0033:\"netgen-weights/1|}\n}", "unterminated string: it reaches the end of the line before its closing '\"'")]
    [InlineData("{\"format\": {|NG0033:\"netgen-weights/1|}", "unterminated string: the file ends before its closing '\"'")]
    [InlineData("{\"format\": \"netgen{|NG0033:\\x|}\"}", "invalid escape '\\x'; JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX")]
    [InlineData("{\"format\": \"netgen{|NG0033:\\u12G|}4\"}", "invalid escape: \\u must be followed by four hexadecimal digits")]
    [InlineData("{\"format\": \"a\", {|NG0033:\"format\"|}: \"b\"}", "duplicate property \"format\"")]
    [InlineData("{\"format\": \"netgen-weights/1\", \"tensors\": {}}\n{|NG0033:{|}}", "unexpected '{' after the end of the JSON document")]
    [InlineData("{\"format\": \"netgen-weights/1\", \"tensors\": {}}{|NG0033:]|}", "unexpected ']' after the end of the JSON document")]
    [InlineData("{\"format\": \"netgen-weights/1\", \"tensors\": {}} {|NG0033:x|}", "unexpected 'x' after the end of the JSON document")]
    public void NG0033_SyntaxErrors(string markup, string detail, string? before = null)
    {
        if (markup.Length == 0) markup = "{|NG0033:|}";
        if (before is not null)
        {
            // "a trailing comma" cases: put the comma just before the mark.
            int mark = markup.IndexOf("{|", System.StringComparison.Ordinal);
            markup = markup.Insert(mark, before);
        }
        VerifyMalformed(markup, detail);
    }

    [Fact]
    public void NG0033_NestingDeeperThan64Levels()
    {
        string markup = "{\"format\": \"netgen-weights/1\", \"metadata\": " + new string('[', 63) + "{|NG0033:[|}" + new string(']', 64) + "}";
        VerifyMalformed(markup, "the document nests objects and arrays more than 64 levels deep");
    }

    [Fact]
    public void NG0033_ControlCharacterInAString() =>
        VerifyMalformed("{\"format\": \"a{|NG0033:\t|}b\"}", "a string cannot contain the control character U+0009; write it as an escape such as \\u0009");

    [Fact]
    public void NG0033_LineAndColumnCountFromOne() => Verify("""
        using NetGen;
        [Network(2, Weights = "xnor.weights.json")]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net;
        """, Json("{\n  \"format\": \"netgen-weights/1\",\n  \"tensors\": {\n    \"0.weight\": {\"shape\": [1, 2], \"data\": [1, {|NG0033:]|}}\n  }\n}\n"),
        E("NG0033", "The weights file 'xnor.weights.json' is not a valid netgen-weights/1 file: a trailing comma before ']' is not allowed (line 4, column 47)"));

    [Theory]
    [InlineData("{|NG0033:[1, 2]|}", "the document is an array; it must be an object with \"format\" and \"tensors\"")]
    [InlineData("{|NG0033:{|}\"tensors\": {}}", "the document has no \"format\"; add \"format\": \"netgen-weights/1\"")]
    [InlineData("{\"format\": {|NG0033:\"netgen-weights/2\"|}, \"tensors\": {}}", "the format is \"netgen-weights/2\", but this version of NetGen reads \"netgen-weights/1\"")]
    [InlineData("{\"format\": {|NG0033:1|}, \"tensors\": {}}", "\"format\" is a number; it must be the string \"netgen-weights/1\"")]
    [InlineData("{|NG0033:{|}\"format\": \"netgen-weights/1\"}", "the document has no \"tensors\" object mapping tensor names to their shape and data")]
    [InlineData("{\"format\": \"netgen-weights/1\", {|NG0033:\"tensor\"|}: {}, \"tensors\": {}}", "unknown property \"tensor\"; a netgen-weights/1 document has \"format\", \"tensors\" and optionally \"metadata\"")]
    [InlineData("{\"format\": \"netgen-weights/1\", \"metadata\": {|NG0033:\"xor\"|}, \"tensors\": {}}", "\"metadata\" is a string; it must be an object")]
    [InlineData("{\"format\": \"netgen-weights/1\", \"tensors\": {|NG0033:[]|}}", "\"tensors\" is an array; it must be an object mapping tensor names to their shape and data")]
    [InlineData("{\"format\": \"netgen-weights/1\", \"tensors\": {\"0.weight\": {|NG0033:[1, 2]|}}}", "tensor \"0.weight\" is an array; it must be an object with \"shape\" and \"data\"")]
    [InlineData("{\"format\": \"netgen-weights/1\", \"tensors\": {{|NG0033:\"0.weight\"|}: {\"shape\": [1, 2]}}}", "tensor \"0.weight\" has no \"data\"")]
    [InlineData("{\"format\": \"netgen-weights/1\", \"tensors\": {{|NG0033:\"0.weight\"|}: {\"data\": [1, 2]}}}", "tensor \"0.weight\" has no \"shape\"")]
    [InlineData("{\"format\": \"netgen-weights/1\", \"tensors\": {\"0.weight\": {\"shape\": [1, 2], \"data\": [1, 2], {|NG0033:\"dtype\"|}: \"F32\"}}}", "unknown property \"dtype\" in tensor \"0.weight\"; a tensor has \"shape\" and \"data\"")]
    [InlineData("{\"format\": \"netgen-weights/1\", \"tensors\": {\"0.weight\": {\"shape\": {|NG0033:[1, -2]|}, \"data\": [1, 2]}}}", "the shape of tensor \"0.weight\" must be an array of non-negative integers, such as [2, 3]")]
    [InlineData("{\"format\": \"netgen-weights/1\", \"tensors\": {\"0.weight\": {\"shape\": {|NG0033:[1, 2.0]|}, \"data\": [1, 2]}}}", "the shape of tensor \"0.weight\" must be an array of non-negative integers, such as [2, 3]")]
    [InlineData("{\"format\": \"netgen-weights/1\", \"tensors\": {\"0.weight\": {\"shape\": {|NG0033:2|}, \"data\": [1, 2]}}}", "the shape of tensor \"0.weight\" must be an array of non-negative integers, such as [2, 3]")]
    [InlineData("{\"format\": \"netgen-weights/1\", \"tensors\": {\"0.weight\": {\"shape\": [1, 2], \"data\": {|NG0033:\"1, 2\"|}}}}", "the data of tensor \"0.weight\" is a string; it must be an array of numbers")]
    [InlineData("{\"format\": \"netgen-weights/1\", \"tensors\": {\"0.weight\": {\"shape\": [1, 2], \"data\": [1, {|NG0033:[2]|}]}}}", "item 1 of the data of tensor \"0.weight\" is an array; the data must be an array of numbers")]
    [InlineData("{\"format\": \"netgen-weights/1\", \"tensors\": {\"0.weight\": {\"shape\": [1, 2], \"data\": [{|NG0033:null|}, 2]}}}", "item 0 of the data of tensor \"0.weight\" is null; the data must be an array of numbers")]
    public void NG0033_SchemaErrors(string markup, string detail) => VerifyMalformed(markup, detail);

    private static void VerifyMalformed(string markup, string detail)
    {
        var (plain, marks) = ParseMarkup(markup);
        var position = Microsoft.CodeAnalysis.Text.SourceText.From(plain).Lines.GetLinePosition(marks.Single().Span.Start);
        Verify("""
            using NetGen;
            [Network(2, Weights = "xnor.weights.json")]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net;
            """, Json(markup),
            E("NG0033", $"The weights file 'xnor.weights.json' is not a valid netgen-weights/1 file: {detail} (line {position.Line + 1}, column {position.Character + 1})"));
    }

    [Fact]
    public void NG0033_SeveralSchemaErrorsAreAllReported() => Verify(XnorSource, Json("""
        {"format": "netgen-weights/1", "tensors": {
          "0.weight": {"shape": {|NG0033:[2, "2"]|}, "data": [20, 20, -20, -20]},
          "0.bias": {"shape": [2], "data": [-30, {|NG0033:"10"|}]},
          "1.weight": {"shape": [1, 2], "data": [20, 20]},
          "1.bias": {"shape": [1], "data": [-10]}}}
        """),
        E("NG0033", "The weights file 'xnor.weights.json' is not a valid netgen-weights/1 file: the shape of tensor \"0.weight\" must be an array of non-negative integers, such as [2, 3] (line 2, column 25)"),
        E("NG0033", "The weights file 'xnor.weights.json' is not a valid netgen-weights/1 file: item 1 of the data of tensor \"0.bias\" is a string; the data must be an array of numbers (line 3, column 42)"));

    [Fact]
    public void FileErrorsAreReportedOnceHoweverManyNetworksUseTheFile() => Verify("""
        using NetGen;
        [Network(2, Weights = "xnor.weights.json")] [Dense(2, Activation.Sigmoid)] [Dense(1, Activation.Sigmoid)] public partial class A;
        [Network(2, Weights = "xnor.weights.json")] [Dense(2, Activation.Tanh)] [Dense(1, Activation.Sigmoid)] public partial class B;
        """, Json(XnorWith("0.bias", "\"0.bias\": { \"shape\": [2], \"data\": [-30, {|NG0033:10.|}] },")),
        E("NG0033", "The weights file 'xnor.weights.json' is not a valid netgen-weights/1 file: '10.' is not a valid number (expected a digit after '.') (line 6, column 45)"));

    // ── NG0034–NG0037: the file against the layers ────────────────────────────────────────────────

    [Fact]
    public void NG0034_MissingTensor() => Verify(XnorSource, Json(XnorWith("1.bias", "").Replace("\"tensors\"", "{|NG0034:\"tensors\"|}").Replace("[20, 20] },", "[20, 20] }")),
        E("NG0034", "The weights file 'xnor.weights.json' has no tensor '1.bias', which 'XnorNet' needs for the 1 bias of layer 2"));

    [Fact]
    public void NG0034_EachMissingTensorIsReported() => Verify(XnorSource,
        Json("""{"format": "netgen-weights/1", {|NG0034:{|NG0034:{|NG0034:"tensors"|}|}|}: {"0.weight": {"shape": [2, 2], "data": [1, 2, 3, 4]}}}"""),
        E("NG0034", "The weights file 'xnor.weights.json' has no tensor '0.bias', which 'XnorNet' needs for the 2 biases of layer 1"),
        E("NG0034", "The weights file 'xnor.weights.json' has no tensor '1.weight', which 'XnorNet' needs for the 1×2 weights of layer 2"),
        E("NG0034", "The weights file 'xnor.weights.json' has no tensor '1.bias', which 'XnorNet' needs for the 1 bias of layer 2"));

    [Fact]
    public void NG0035_TransposedWeight() => Verify(XnorSource,
        Json(XnorWith("1.weight", "\"1.weight\": { \"shape\": {|NG0035:[2, 1]|}, \"data\": [20, 20] },")),
        E("NG0035", "Tensor '1.weight' in 'xnor.weights.json': expected [1, 2] for layer 2 of 'XnorNet' (1 unit × 2 inputs) but the file has [2, 1]"));

    [Fact]
    public void NG0035_BiasOfTheWrongLengthAndRank() => Verify(XnorSource, Json(XnorWith("0.bias", "\"0.bias\": { \"shape\": {|NG0035:[1, 2]|}, \"data\": [-30, 10] },")
        .Replace("\"1.bias\": { \"shape\": [1], \"data\": [-10] }", "\"1.bias\": { \"shape\": {|NG0035:[]|}, \"data\": [-10] }")),
        E("NG0035", "Tensor '0.bias' in 'xnor.weights.json': expected [2] for layer 1 of 'XnorNet' (2 units) but the file has [1, 2]"),
        E("NG0035", "Tensor '1.bias' in 'xnor.weights.json': expected [1] for layer 2 of 'XnorNet' (1 unit) but the file has []"));

    [Fact]
    public void NG0035_TheLayersChangedAfterTheFileWasMade() => Verify("""
        using NetGen;
        namespace Gates;
        [Network(3, Weights = "xnor.weights.json")]
        [Dense(4, Activation.Sigmoid)]
        [Dense(1, Activation.Sigmoid)]
        public partial class XnorNet;
        """, Json(XnorJson.Replace("[2, 2]", "{|NG0035:[2, 2]|}").Replace("\"shape\": [2]", "\"shape\": {|NG0035:[2]|}").Replace("[1, 2]", "{|NG0035:[1, 2]|}")),
        E("NG0035", "Tensor '0.weight' in 'xnor.weights.json': expected [4, 3] for layer 1 of 'XnorNet' (4 units × 3 inputs) but the file has [2, 2]"),
        E("NG0035", "Tensor '0.bias' in 'xnor.weights.json': expected [4] for layer 1 of 'XnorNet' (4 units) but the file has [2]"),
        E("NG0035", "Tensor '1.weight' in 'xnor.weights.json': expected [1, 4] for layer 2 of 'XnorNet' (1 unit × 4 inputs) but the file has [1, 2]"));

    [Fact]
    public void NG0035_ConvolutionWeightsAreCheckedInPyTorchsLayout() => Verify("""
        using NetGen;
        namespace Gates;
        [Network(2, 5, 5, Weights = "xnor.weights.json")]
        [Conv2D(2, 2, Activation.Sigmoid)]
        [MaxPool2D(2)]
        [Flatten]
        [Dense(1, Activation.Sigmoid)]
        public partial class XnorNet;
        """, Json(XnorJson.Replace("[2, 2]", "{|NG0035:[2, 2]|}").Replace("[1, 2]", "{|NG0035:[1, 2]|}")),
        E("NG0035", "Tensor '0.weight' in 'xnor.weights.json': expected [2, 2, 2, 2] for layer 1 of 'XnorNet' (2 filters × 2 channels × 2 × 2) but the file has [2, 2]"),
        E("NG0035", "Tensor '1.weight' in 'xnor.weights.json': expected [1, 8] for layer 4 of 'XnorNet' (1 unit × 8 inputs) but the file has [1, 2]"));

    [Fact]
    public void NG0036_DataLengthDiffersFromTheShape() => Verify(XnorSource,
        Json(XnorWith("0.weight", "\"0.weight\": { \"shape\": [2, 2], \"data\": {|NG0036:[20, 20, -20]|} },")),
        E("NG0036", "Tensor '0.weight' in 'xnor.weights.json' has shape [2, 2], which holds 4 values, but its data has 3"));

    [Fact]
    public void NG0037_ExtraTensor() => Verify(XnorSource,
        Json(XnorJson.Replace("\"1.bias\": { \"shape\": [1], \"data\": [-10] }",
            "\"1.bias\": { \"shape\": [1], \"data\": [-10] },\n    {|NG0037:\"2.weight\"|}: { \"shape\": [1, 1], \"data\": [1] }")),
        E("NG0037", "Tensor '2.weight' in 'xnor.weights.json' is not a parameter of 'XnorNet' (2 layers: tensors '0.weight' to '1.bias'); remove it or use the file made for this network"));

    [Fact]
    public void NG0037_AFileForADeeperNetwork() => Verify("""
        using NetGen;
        [Network(2, Weights = "xnor.weights.json")]
        [Dense(2, Activation.Sigmoid)]
        public partial class Half;
        """, Json(XnorJson.Replace("\"1.weight\"", "{|NG0037:\"1.weight\"|}").Replace("\"1.bias\"", "{|NG0037:\"1.bias\"|}")),
        E("NG0037", "Tensor '1.weight' in 'xnor.weights.json' is not a parameter of 'Half' (1 layer: tensors '0.weight' to '0.bias'); remove it or use the file made for this network"),
        E("NG0037", "Tensor '1.bias' in 'xnor.weights.json' is not a parameter of 'Half' (1 layer: tensors '0.weight' to '0.bias'); remove it or use the file made for this network"));

    [Fact]
    public void NG0034_NG0037_SequentialIndicesInsteadOfLayerIndices() => Verify(XnorSource, Json("""
        {"format": "netgen-weights/1", {|NG0034:{|NG0034:"tensors"|}|}: {
          "0.weight": {"shape": [2, 2], "data": [20, 20, -20, -20]},
          "0.bias": {"shape": [2], "data": [-30, 10]},
          {|NG0037:"2.weight"|}: {"shape": [1, 2], "data": [20, 20]},
          {|NG0037:"2.bias"|}: {"shape": [1], "data": [-10]}}}
        """),
        E("NG0034", "The weights file 'xnor.weights.json' has no tensor '1.weight', which 'XnorNet' needs for the 1×2 weights of layer 2"),
        E("NG0034", "The weights file 'xnor.weights.json' has no tensor '1.bias', which 'XnorNet' needs for the 1 bias of layer 2"),
        E("NG0037", "Tensor '2.weight' in 'xnor.weights.json' is not a parameter of 'XnorNet' (2 layers: tensors '0.weight' to '1.bias'); remove it or use the file made for this network"),
        E("NG0037", "Tensor '2.bias' in 'xnor.weights.json' is not a parameter of 'XnorNet' (2 layers: tensors '0.weight' to '1.bias'); remove it or use the file made for this network"));

    // ── NG0038: values that are not finite floats ───────────────────────────────────────────────────

    [Theory]
    [InlineData("NaN", "NaN", "1 ([0, 1])")]
    [InlineData("Infinity", "Infinity", "1 ([0, 1])")]
    [InlineData("-Infinity", "-Infinity", "1 ([0, 1])")]
    [InlineData("1e39", "1e39 (beyond the float range)", "1 ([0, 1])")]
    [InlineData("-3.5e38", "-3.5e38 (beyond the float range)", "1 ([0, 1])")]
    [InlineData("1e400", "1e400 (beyond the float range)", "1 ([0, 1])")]
    public void NG0038_NonFiniteValue(string written, string shown, string index) => Verify(XnorSource,
        Json(XnorWith("0.weight", $"\"0.weight\": {{ \"shape\": [2, 2], \"data\": [20, {{|NG0038:{written}|}}, -20, -20] }},")),
        E("NG0038", $"Tensor '0.weight' in 'xnor.weights.json' has the value {shown} at index {index}, which is not a finite float"));

    [Fact]
    public void NG0038_InAVector() => Verify(XnorSource,
        Json(XnorWith("0.bias", "\"0.bias\": { \"shape\": [2], \"data\": [-30, {|NG0038:NaN|}] },")),
        E("NG0038", "Tensor '0.bias' in 'xnor.weights.json' has the value NaN at index 1, which is not a finite float"));

    [Fact]
    public void TheLargestFloatIsFinite()
    {
        var result = Verify(XnorSource, Json(XnorWith("1.bias", "\"1.bias\": { \"shape\": [1], \"data\": [-3.4028235e38] }")));
        Assert.Contains("    -3.4028235E+38f,\n", result.GeneratedSource("Gates.XnorNet.g.cs"));
    }

    // ── NG0039 and errors of the declaration ──────────────────────────────────────────────────────

    [Fact]
    public void NG0039_MemberNamedLikeTheEmbeddedParameters() => Verify("""
        using NetGen;
        [Network(2, Weights = "xnor.weights.json")]
        [Dense(2, Activation.Sigmoid)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net
        {
            public static float[] {|NG0039:EmbeddedParameters|} => [];
        }
        """, Json(XnorJson),
        E("NG0039", "The property 'EmbeddedParameters' conflicts with 'EmbeddedParameters', which NetGen generates for a network with embedded weights; rename or remove it"));

    [Fact]
    public void NG0039_Inherited() => Verify("""
        using NetGen;
        public class Base { protected void EmbeddedParameters() { } }
        [Network(2, Weights = "xnor.weights.json")]
        [Dense(2, Activation.Sigmoid)]
        [Dense(1, Activation.Sigmoid)]
        public partial class {|NG0039:Net|} : Base;
        """, Json(XnorJson),
        E("NG0039", "The method 'EmbeddedParameters' inherited from 'Base' conflicts with 'EmbeddedParameters', which NetGen generates for a network with embedded weights; rename or remove it"));

    [Fact]
    public void TheNameIsFreeWithoutWeights() => Verify("""
        using NetGen;
        [Network(2)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net
        {
            public static float[] EmbeddedParameters => [];
        }
        """, []);

    [Fact]
    public void ADeclarationErrorAndAFileErrorAreBothReported() => Verify("""
        using NetGen;
        [Network(2, Weights = "xnor.weights.json")]
        [Dense(2, Activation.Sigmoid)]
        [Dense(1, Activation.Sigmoid)]
        public class {|NG0001:XnorNet|};
        """, Json(XnorWith("0.bias", "\"0.bias\": { \"shape\": [2], \"data\": [-30, {|NG0038:Infinity|}] },")),
        E("NG0001", "The network class 'XnorNet' must be declared 'partial' so NetGen can generate its members"),
        E("NG0038", "Tensor '0.bias' in 'xnor.weights.json' has the value Infinity at index 1, which is not a finite float"));

    [Fact]
    public void ADeclarationErrorSkipsTheChecksAgainstTheLayers() => Verify("""
        using NetGen;
        [Network(2, Weights = "xnor.weights.json")]
        [Dense({|NG0007:0|}, Activation.Sigmoid)]
        [Dense(1, Activation.Sigmoid)]
        public partial class XnorNet;
        """, Json(XnorJson),
        E("NG0007", "The units of layer 1 must be positive, but it is 0"));

    [Fact]
    public void NotFoundIsReportedAtTheArgumentInTheUsersSyntaxTree()
    {
        // The file-not-found error sits in the user's syntax tree, so the IDE underlines the argument itself.
        var result = WeightsHarness.Run(XnorSource.Replace("xnor.weights.json", "nope.json"), Xnor());
        var error = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("NG0030", error.Id);
        Assert.True(error.Location.IsInSource);
        Assert.Equal("Weights = \"nope.json\"", error.Location.SourceTree!.GetText().ToString(error.Location.SourceSpan));
        Assert.Equal("https://github.com/netgen/netgen/blob/main/docs/diagnostics.md#ng0030", error.Descriptor.HelpLinkUri);
    }

    [Fact]
    public void FileDiagnosticsPointIntoTheFileWithLineAndColumn()
    {
        var result = WeightsHarness.Run(XnorSource, new TestFile("/proj/xnor.weights.json", "{\n  \"format\": \"netgen-weights/1\",\n  \"tensors\": 7\n}"));
        var error = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("NG0033", error.Id);
        var span = error.Location.GetLineSpan();
        Assert.Equal("/proj/xnor.weights.json", span.Path);
        Assert.Equal((2, 13), (span.StartLinePosition.Line, span.StartLinePosition.Character));
        Assert.Equal("/proj/xnor.weights.json(3,14): error NG0033: The weights file 'xnor.weights.json' is not a valid netgen-weights/1 file: \"tensors\" is a number; it must be an object mapping tensor names to their shape and data (line 3, column 14)",
            error.ToString());
    }
}
