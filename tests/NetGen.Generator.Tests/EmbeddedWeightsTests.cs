using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NetGen.Generator.Tests;

/// <summary>
/// [Network(…, Weights = "file")]: the file's values compiled into the network (checked against the layers), the
/// generated data and constructor, and the program that runs them.
/// </summary>
public class EmbeddedWeightsTests
{
    internal const string XnorSource = """
        using NetGen;
        namespace Gates;
        [Network(2, Loss = Loss.BinaryCrossEntropy, Weights = "xnor.weights.json")]
        [Dense(2, Activation.Sigmoid)]
        [Dense(1, Activation.Sigmoid)]
        public partial class XnorNet;
        """;

    /// <summary>The classic construction: hidden AND and NOR units, then OR of the two.</summary>
    internal const string XnorJson = """
        {
          "format": "netgen-weights/1",
          "metadata": { "description": "XNOR = OR(AND(a, b), NOR(a, b))" },
          "tensors": {
            "0.weight": { "shape": [2, 2], "data": [20, 20, -20, -20] },
            "0.bias": { "shape": [2], "data": [-30, 10] },
            "1.weight": { "shape": [1, 2], "data": [20, 20] },
            "1.bias": { "shape": [1], "data": [-10] }
          }
        }
        """;

    internal static TestFile Xnor(string json = XnorJson) => new("xnor.weights.json", json);

    [Fact]
    public void EmbedsTheValuesAsStaticDataAndTheParameterlessConstructorUsesThem()
    {
        var result = WeightsHarness.Run(XnorSource, Xnor());
        Assert.Empty(WeightsHarness.Errors(result));
        string code = result.GeneratedSource("Gates.XnorNet.g.cs");

        Assert.Contains("// The parameters are compiled in from the weights file 'xnor.weights.json' (see EmbeddedParameters).", code);
        Assert.Contains("""
                /// <summary>
                /// Creates the network with the parameters compiled in from <c>xnor.weights.json</c> (see <see cref="EmbeddedParameters"/>).
                /// Use <c>new XnorNet(seed)</c> for a random initialisation instead.
                /// </summary>
                public XnorNet()
                {
                    EmbeddedParameters.CopyTo(Parameters);
                }
        """.Replace("\r\n", "\n"), code);
        Assert.Contains("""
                public static global::System.ReadOnlySpan<float> EmbeddedParameters => new float[]
                {
                    // W1[2×2] ← tensor '0.weight', one row (unit) per line
                    20f, 20f,
                    -20f, -20f,
                    // b1[2] ← tensor '0.bias'
                    -30f, 10f,
                    // W2[1×2] ← tensor '1.weight', one row (unit) per line
                    20f, 20f,
                    // b2[1] ← tensor '1.bias'
                    -10f,
                };
        """.Replace("\r\n", "\n"), code);
        // The seeded constructor is still there, and still random.
        Assert.Contains("public XnorNet(int seed)", code);
        Assert.DoesNotContain(": this(DefaultSeed)", code);
    }

    /// <summary>
    /// The whole generated file, compared with Baselines/EmbeddedWeightsXnor/Gates.XnorNet.g.cs.txt like
    /// <see cref="BaselineTests"/> (NETGEN_UPDATE_BASELINES=1 rewrites it and fails).
    /// </summary>
    [Fact]
    public void Baseline()
    {
        var result = WeightsHarness.Run(XnorSource, Xnor());
        Assert.Empty(WeightsHarness.Errors(result));
        string actual = Normalize(result.GeneratedSource("Gates.XnorNet.g.cs")).Replace(Emit.NetworkEmitter.Version, "{VERSION}");
        string path = Path.Combine(BaselineDirectory(), "EmbeddedWeightsXnor", "Gates.XnorNet.g.cs.txt");
        if (Environment.GetEnvironmentVariable("NETGEN_UPDATE_BASELINES") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            Assert.Fail("Baselines were rewritten (NETGEN_UPDATE_BASELINES=1); review the diff and run again without it.");
        }
        Assert.True(File.Exists(path), $"No baseline {path}; run the tests with NETGEN_UPDATE_BASELINES=1 and review the file.");
        Assert.Equal(Normalize(File.ReadAllText(path)), actual);

        static string Normalize(string text) => text.Replace("\r\n", "\n").TrimStart('\uFEFF');
    }

    private static string BaselineDirectory([CallerFilePath] string thisFile = "") => Path.Combine(Path.GetDirectoryName(thisFile)!, "Baselines");

    [Fact]
    public void EveryGeneratedMemberNameIsReservedWithWeights()
    {
        var result = WeightsHarness.Run(XnorSource, Xnor());
        var tree = CSharpSyntaxTree.ParseText(result.GeneratedSource("Gates.XnorNet.g.cs"));
        var network = tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>().First(c => c.Identifier.Text == "XnorNet");
        var names = network.Members.Select(m => m switch
        {
            MethodDeclarationSyntax { ExplicitInterfaceSpecifier: null } method => method.Identifier.Text,
            PropertyDeclarationSyntax { ExplicitInterfaceSpecifier: null } property => property.Identifier.Text,
            BaseFieldDeclarationSyntax field => field.Declaration.Variables[0].Identifier.Text,
            BaseTypeDeclarationSyntax type => type.Identifier.Text,
            _ => null,
        }).OfType<string>().ToList();
        Assert.Contains("EmbeddedParameters", names);
        Assert.All(names, n => Assert.True(Parsing.DeclarationChecks.IsGeneratedName(n, 2) || n == Parsing.WeightsReferenceParser.EmbeddedParametersName,
            $"'{n}' is generated but neither NG0018 nor NG0039 reserves it"));
    }

    [Fact]
    public void ThePropertyNameMatchesTheRuntimeAttribute() =>
        Assert.Equal(nameof(NetGen.NetworkAttribute.Weights), Parsing.WeightsReferenceParser.PropertyName);

    [Fact]
    public void NetworksWithoutWeightsAreGeneratedAsBefore()
    {
        var result = WeightsHarness.Run(XnorSource.Replace(", Weights = \"xnor.weights.json\"", ""), Xnor());
        Assert.Empty(WeightsHarness.Errors(result));
        string code = result.GeneratedSource("Gates.XnorNet.g.cs");
        Assert.Contains("public XnorNet() : this(DefaultSeed)", code);
        Assert.DoesNotContain("EmbeddedParameters", code);
    }

    [Fact]
    public void CompiledXnorComputesTheTruthTable()
    {
        var result = WeightsHarness.Run(XnorSource, Xnor());
        Assert.Empty(WeightsHarness.Errors(result));
        var assembly = WeightsHarness.Load(result.Output);

        var net = WeightsHarness.Create(assembly, "Gates.XnorNet");
        float[] expected = [20, 20, -20, -20, -30, 10, 20, 20, -10];
        Assert.Equal(WeightsHarness.Bits(expected), WeightsHarness.Bits(net.Parameters));
        Assert.Equal(WeightsHarness.Bits(expected), WeightsHarness.Bits(WeightsHarness.EmbeddedParameters(assembly, "Gates.XnorNet")));

        float[] inputs = [0, 0, 0, 1, 1, 0, 1, 1];
        float[] truth = [1, 0, 0, 1];
        var outputs = new float[4];
        net.Forward(inputs, outputs);
        for (int i = 0; i < 4; i++)
            Assert.True(Math.Abs(outputs[i] - truth[i]) < 1e-3f, $"row {i}: {outputs[i]} for {truth[i]}");

        // Each instance owns its parameters: training one does not touch the embedded data or other instances.
        net.Parameters.Clear();
        Assert.Equal(WeightsHarness.Bits(expected), WeightsHarness.Bits(WeightsHarness.Create(assembly, "Gates.XnorNet").Parameters));
        Assert.NotEqual(WeightsHarness.Bits(expected), WeightsHarness.Bits(WeightsHarness.Create(assembly, "Gates.XnorNet", 1).Parameters));
    }

    /// <summary>Every value the file holds is the float PyTorch would read (nearest double, then nearest float), bit for bit.</summary>
    [Fact]
    public void ValuesRoundTripExactly()
    {
        string[] texts =
        [
            "0.1", "-0.1", "1e-45", "1.401298464324817e-45", "-0", "0", "0.0", "3.4028234663852886e38", "-3.4028235e38",
            "16777217", "0.30000001192092896", "1.0000001", "1E-7", "2.5e+3", "123456789", "1.17549435E-38",
            "1.1754942E-38", "0.333333343267440796", "-7.006492321624085e-46", "6.02214076e23", "9.999999e-39",
        ];
        string json = "{\"format\": \"netgen-weights/1\", \"tensors\": {\n"
            + $"  \"0.weight\": {{\"shape\": [{texts.Length}, 1], \"data\": [{string.Join(", ", texts)}]}},\n"
            + $"  \"0.bias\": {{\"shape\": [{texts.Length}], \"data\": [{string.Join(", ", texts.Reverse())}]}}}}}}\n";
        var result = WeightsHarness.Run($$"""
            using NetGen;
            [Network(1, Weights = "values.json")]
            [Dense({{texts.Length}})]
            public partial class Values;
            """, new TestFile("values.json", json));
        Assert.Empty(WeightsHarness.Errors(result));
        var assembly = WeightsHarness.Load(result.Output);

        float[] expected = [.. texts.Select(Parse), .. texts.Reverse().Select(Parse)];
        Assert.Equal(WeightsHarness.Bits(expected), WeightsHarness.Bits(WeightsHarness.EmbeddedParameters(assembly, "Values")));
        Assert.Equal(WeightsHarness.Bits(expected), WeightsHarness.Bits(WeightsHarness.Create(assembly, "Values").Parameters));

        static float Parse(string text) => (float)double.Parse(text, CultureInfo.InvariantCulture);
    }

    [Theory]
    [InlineData(0f, "0f")]
    [InlineData(-0f, "-0f")]
    [InlineData(0.1f, "0.1f")]
    [InlineData(-20f, "-20f")]
    [InlineData(1e-45f, "1E-45f")]
    [InlineData(3.4028235e38f, "3.4028235E+38f")]
    [InlineData(16777216f, "16777216f")]
    public void LiteralsAreShortestRoundTripAndInvariant(float value, string literal)
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            // A culture whose minus sign is U+2212 must not leak into the code.
            var culture = (CultureInfo)CultureInfo.GetCultureInfo("sv-SE").Clone();
            culture.NumberFormat.NegativeSign = "\u2212";
            CultureInfo.CurrentCulture = culture;
            Assert.Equal(literal, Emit.EmbeddedWeightsEmitter.Literal(value));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void WideLayersWrapSixteenValuesPerLineAndStartEachRowOnANewLine()
    {
        string data = string.Join(", ", Enumerable.Range(1, 40));
        var result = WeightsHarness.Run("""
            using NetGen;
            [Network(20, Weights = "wide.json")]
            [Dense(2)]
            public partial class Wide;
            """, new TestFile("wide.json",
            "{\"format\": \"netgen-weights/1\", \"tensors\": {\"0.weight\": {\"shape\": [2, 20], \"data\": [" + data + "]}, "
            + "\"0.bias\": {\"shape\": [2], \"data\": [0.5, -0.5]}}}"));
        Assert.Empty(WeightsHarness.Errors(result));
        Assert.Contains("""
                {
                    // W1[2×20] ← tensor '0.weight', one row (unit) per line
                    1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f, 12f, 13f, 14f, 15f, 16f,
                    17f, 18f, 19f, 20f,
                    21f, 22f, 23f, 24f, 25f, 26f, 27f, 28f, 29f, 30f, 31f, 32f, 33f, 34f, 35f, 36f,
                    37f, 38f, 39f, 40f,
                    // b1[2] ← tensor '0.bias'
                    0.5f, -0.5f,
                };
            """.Replace("\r\n", "\n"), result.GeneratedSource("Wide.g.cs"));
    }

    [Fact]
    public void TwoNetworksMayShareAFileAndTheOrderOfTensorsDoesNotMatter()
    {
        var result = WeightsHarness.Run("""
            using NetGen;
            namespace Gates;
            [Network(2, Weights = "xnor.weights.json")] [Dense(2, Activation.Sigmoid)] [Dense(1, Activation.Sigmoid)] public partial class A;
            [Network(2, Weights = "./xnor.weights.json")] [Dense(2, Activation.Tanh)] [Dense(1, Activation.Identity)] public partial class B;
            """, Xnor("""
            {"tensors": {"1.bias": {"data": [-10], "shape": [1]}, "1.weight": {"shape": [1, 2], "data": [20, 20]},
                         "0.bias": {"shape": [2], "data": [-30, 10]}, "0.weight": {"shape": [2, 2], "data": [20, 20, -20, -20]}},
             "format": "netgen-weights/1"}
            """));
        Assert.Empty(WeightsHarness.Errors(result));
        var assembly = WeightsHarness.Load(result.Output);
        float[] expected = [20, 20, -20, -20, -30, 10, 20, 20, -10];
        Assert.Equal(expected, WeightsHarness.EmbeddedParameters(assembly, "Gates.A"));
        Assert.Equal(expected, WeightsHarness.EmbeddedParameters(assembly, "Gates.B"));
    }

    /// <summary>An MNIST-sized network (109 386 parameters): the file is read, checked, emitted and compiled, values intact.</summary>
    [Fact]
    public void LargeNetworksEmbedExactly()
    {
        int[] sizes = [784, 128, 64, 10];
        var rng = new Random(5);
        var expected = new System.Collections.Generic.List<float>();
        var json = new System.Text.StringBuilder("{\"format\": \"netgen-weights/1\", \"tensors\": {");
        for (int l = 0; l < 3; l++)
        {
            float[] w = Enumerable.Range(0, sizes[l + 1] * sizes[l]).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
            float[] b = Enumerable.Range(0, sizes[l + 1]).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
            expected.AddRange(w);
            expected.AddRange(b);
            json.Append(l == 0 ? "" : ",").Append($"\"{l}.weight\": {{\"shape\": [{sizes[l + 1]}, {sizes[l]}], \"data\": [")
                .AppendJoin(", ", w.Select(v => v.ToString("R", CultureInfo.InvariantCulture))).Append("]},")
                .Append($"\"{l}.bias\": {{\"shape\": [{sizes[l + 1]}], \"data\": [")
                .AppendJoin(", ", b.Select(v => v.ToString("R", CultureInfo.InvariantCulture))).Append("]}");
        }
        json.Append("}}");

        var result = WeightsHarness.Run("""
            using NetGen;
            [Network(784, Loss = Loss.CrossEntropy, Weights = "mnist.weights.json")]
            [Dense(128, Activation.ReLU)]
            [Dense(64, Activation.ReLU)]
            [Dense(10, Activation.Softmax)]
            public partial class MnistNet;
            """, new TestFile("mnist.weights.json", json.ToString()));
        Assert.Empty(WeightsHarness.Errors(result));
        var assembly = WeightsHarness.Load(result.Output);
        Assert.Equal(WeightsHarness.Bits(expected.ToArray()), WeightsHarness.Bits(WeightsHarness.Create(assembly, "MnistNet").Parameters));
    }

    // ── Finding the file ───────────────────────────────────────────────────────────────────────────

    [Theory]
    [InlineData("xnor.weights.json", "/repo/App/Models/xnor.weights.json")]
    [InlineData("Models/xnor.weights.json", "/repo/App/Models/xnor.weights.json")]
    [InlineData("Models\\xnor.weights.json", "/repo/App/Models/xnor.weights.json")]
    [InlineData("./Models/../Models/xnor.weights.json", "/repo/App/Models/xnor.weights.json")]
    [InlineData("../Shared/xnor.weights.json", "/repo/Shared/xnor.weights.json")]
    [InlineData("/repo/Shared/xnor.weights.json", "/repo/Shared/xnor.weights.json")]
    public void FindsTheFileRelativeToTheSourceOrByTheEndOfItsPath(string written, string actual)
    {
        var result = WeightsHarness.Run(
            [new TestFile("/repo/App/Nets.cs", XnorSource.Replace("xnor.weights.json", written.Replace("\\", "\\\\")))],
            [new TestFile("/repo/App/Other/readme.json", "not json"), new TestFile(actual, XnorJson)]);
        Assert.Empty(WeightsHarness.Errors(result));
        Assert.Contains("EmbeddedParameters", result.GeneratedSource("Gates.XnorNet.g.cs"));
    }

    [Fact]
    public void TheFileNextToTheSourceWinsOverOthersWithTheSameName()
    {
        var result = WeightsHarness.Run(
            [new TestFile("/repo/App/Gates/Nets.cs", XnorSource)],
            [new TestFile("/repo/App/Other/xnor.weights.json", XnorJson.Replace("-10", "-11")), new TestFile("/repo/App/Gates/xnor.weights.json", XnorJson)]);
        Assert.Empty(WeightsHarness.Errors(result));
        Assert.Contains("    -10f,\n", result.GeneratedSource("Gates.XnorNet.g.cs"));
    }

    [Fact]
    public void OtherAdditionalFilesAreNeverRead()
    {
        var read = new System.Collections.Generic.List<string>();
        var compilation = GeneratorHarness.CreateCompilation(XnorSource);
        var driver = WeightsHarness.CreateDriver([
            new CountingText("other.json", read), new CountingText("data/big.csv", read), new InMemoryAdditionalText("xnor.weights.json", XnorJson)]);
        driver.RunGenerators(compilation);
        Assert.Empty(read);
    }

    private sealed class CountingText(string path, System.Collections.Generic.List<string> read) : Microsoft.CodeAnalysis.AdditionalText
    {
        public override string Path => path;

        public override Microsoft.CodeAnalysis.Text.SourceText GetText(System.Threading.CancellationToken cancellationToken = default)
        {
            read.Add(path);
            return Microsoft.CodeAnalysis.Text.SourceText.From("{}");
        }
    }
}
