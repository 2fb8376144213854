using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace NetGen.Generator.Tests;

/// <summary>
/// Random declarations, valid and invalid (sizes, enum values, argument kinds, named arguments, nesting, partial
/// splits, colliding members, base classes, syntax errors) and random call sites, from a fixed seed. Neither the
/// generator nor the analyzer may throw; an oracle written here, independently of the parser, says which NetGen
/// diagnostics each declaration must produce and whether it is generated; generated networks must compile with no
/// diagnostic other than the ones the oracle expects.
/// </summary>
public class FuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261124;
    private const int Declarations = 520;
    private const int PerCompilation = 130;

    private const string Shared = """
        public static class FuzzShared
        {
            public static readonly int Dynamic = 3;
            public const int Three = 3;
            public abstract class BaseWithFit { public virtual void Fit() { } public int InputSize => 0; }
            public abstract class EmptyBase { public int Other => 1; }
        }
        """;

    /// <summary>Declaration IDs the fuzz must reach at least once, so a change in the generator cannot make it vacuous.</summary>
    private static readonly string[] MustCover =
    [
        "NG0001", "NG0002", "NG0003", "NG0004", "NG0005", "NG0006", "NG0007", "NG0008", "NG0010", "NG0011", "NG0012",
        "NG0013", "NG0014", "NG0015", "NG0016", "NG0017", "NG0018", "NG0019", "NG0020", "NG0021", "NG0022", "NG0023",
    ];

    [Fact]
    public void RandomDeclarationsNeverThrowAndMatchTheOracle()
    {
        var watch = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var rng = new Random(Seed);
        var cases = Enumerable.Range(0, Declarations).Select(i => FuzzCase.Create(rng, i)).ToList();
        var driver = GeneratorHarness.CreateDriver(trackSteps: false);
        var seen = new HashSet<string>();
        var failures = new List<string>();

        foreach (var batch in cases.Chunk(PerCompilation))
        {
            var compilation = GeneratorHarness.CreateCompilation([.. batch.Select(c => c.Source), Shared]);
            driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var outputCompilation, out var generatorDiagnostics);
            var run = driver.GetRunResult();
            Assert.All(run.Results, r => Assert.Null(r.Exception));

            var diagnostics = generatorDiagnostics.Concat(DiagnosticsVerifier.AnalyzeAll(outputCompilation))
                .Where(d => d.Severity >= DiagnosticSeverity.Warning || d.Id.StartsWith("NG", StringComparison.Ordinal))
                .ToList();
            var fatal = diagnostics.Where(d => d.Id is "CS8784" or "CS8785" or "AD0001" or "NG0099").ToList();
            Assert.True(fatal.Count == 0, "The generator or the analyzer failed:\n" + string.Join("\n", fatal));

            var generated = run.Results.Single().GeneratedSources
                .Select(s => HintIndex(s.HintName)).ToHashSet();
            for (int k = 0; k < batch.Length; k++)
            {
                var c = batch[k];
                string file = $"Source{k}.cs";
                var inUserFile = diagnostics.Where(d => d.Location.SourceTree?.FilePath == file).ToList();
                var inGeneratedFile = diagnostics.Where(d => d.Location.SourceTree?.FilePath is { } path
                    && path != file && HintIndex(path) == c.Index).ToList();
                foreach (var d in inUserFile) if (d.Id.StartsWith("NG", StringComparison.Ordinal)) seen.Add(d.Id);
                if (c.Chaos) continue; // only robustness is asserted for syntax errors

                var actualIds = inUserFile.Where(d => d.Id.StartsWith("NG", StringComparison.Ordinal)).Select(d => d.Id).Order(StringComparer.Ordinal).ToList();
                var expectedIds = c.Expected.Order(StringComparer.Ordinal).ToList();
                string Explain() => $"\nExpected NG: [{string.Join(", ", expectedIds)}], generated: {c.Generates}\nActual:\n  "
                    + string.Join("\n  ", inUserFile.Concat(inGeneratedFile)) + "\nSource:\n" + c.Source;
                if (!actualIds.SequenceEqual(expectedIds))
                    failures.Add($"Case {c.Index}: NetGen diagnostics differ." + Explain());
                else if (generated.Contains(c.Index) != c.Generates)
                    failures.Add($"Case {c.Index}: generated = {generated.Contains(c.Index)}." + Explain());
                else if (c.Generates && inUserFile.Concat(inGeneratedFile).Any(d => !d.Id.StartsWith("NG", StringComparison.Ordinal)))
                    failures.Add($"Case {c.Index}: a generated network does not compile cleanly." + Explain());
                else if (!c.Generates && !inUserFile.Any(d => d.Severity == DiagnosticSeverity.Error))
                    failures.Add($"Case {c.Index}: nothing is generated but no error says why." + Explain());
            }
        }

        int valid = cases.Count(c => !c.Chaos && c.Generates && c.Expected.Count == 0);
        int generatedWithDiagnostics = cases.Count(c => !c.Chaos && c.Generates && c.Expected.Count > 0);
        int invalid = cases.Count(c => !c.Chaos && !c.Generates);
        int chaos = cases.Count(c => c.Chaos);
        output.WriteLine($"{cases.Count} declarations in {watch.Elapsed.TotalSeconds:F1} s ({(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} s of CPU): {valid} valid and clean, " +
            $"{generatedWithDiagnostics} generated with warnings or call-site errors, {invalid} invalid, {chaos} with syntax errors.");
        output.WriteLine("Expected IDs in invalid cases: " + string.Join(", ", cases.Where(c => !c.Chaos && !c.Generates)
            .SelectMany(c => c.Expected.Distinct()).GroupBy(id => id).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}")));
        output.WriteLine("NetGen IDs seen: " + string.Join(", ", seen.Order(StringComparer.Ordinal)));

        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} cases failed. First ones:\n" + string.Join("\n\n", failures.Take(3)));
        Assert.Empty(MustCover.Except(seen));
        Assert.InRange(valid, 80, Declarations);
        Assert.InRange(invalid, 80, Declarations);
    }

    private static readonly Regex NetName = new(@"(?:^|[./\\])Net(\d+)(?:\.[0-9a-f]{8})?\.g\.cs$", RegexOptions.CultureInvariant);

    private static int HintIndex(string path) => NetName.Match(path) is { Success: true } m ? int.Parse(m.Groups[1].Value) : -1;

    /// <summary>One random declaration (its own file), the NetGen IDs the oracle expects in that file, and whether it is generated.</summary>
    private sealed class FuzzCase
    {
        public int Index { get; private init; }
        public string Source { get; private set; } = "";
        public bool Chaos { get; private set; }
        public bool Generates { get; private set; }
        public List<string> Expected { get; } = [];

        private static readonly string[] ActivationNames = ["Identity", "ReLU", "LeakyReLU", "Sigmoid", "Tanh", "Softmax", "GELU", "SiLU", "ELU", "Softplus"];
        private const int Identity = 0, Sigmoid = 3, Softmax = 5;

        /// <summary>Any element-wise activation (every name but Softmax).</summary>
        private static int HiddenActivation(Random rng)
        {
            int a = rng.Next(ActivationNames.Length - 1);
            return a >= Softmax ? a + 1 : a;
        }
        private const int BinaryCrossEntropy = 0, CrossEntropy = 1, MeanSquaredError = 2;

        public static FuzzCase Create(Random rng, int index)
        {
            var c = new FuzzCase { Index = index };
            if (rng.NextDouble() < 0.03) c.BuildOrphan(rng);
            else c.BuildNetwork(rng);
            if (rng.NextDouble() < 0.04) c.Mutate(rng);
            return c;
        }

        private bool _error;

        private void Ng(string id)
        {
            Expected.Add(id);
            if (id != "NG0015") _error = true;
        }

        private void BuildOrphan(Random rng)
        {
            int n = rng.Next(1, 4);
            var sb = new StringBuilder("using NetGen;\n");
            for (int i = 0; i < n; i++) { sb.Append($"[Dense({rng.Next(1, 5)})]\n"); Expected.Add("NG0005"); }
            sb.Append($"public partial class Orphan{Index};\n");
            Source = sb.ToString();
            Generates = false;
        }

        private static T Pick<T>(Random rng, params (double Weight, T Value)[] choices)
        {
            double total = choices.Sum(c => c.Weight), x = rng.NextDouble() * total;
            foreach (var (weight, value) in choices)
            {
                if (x < weight) return value;
                x -= weight;
            }
            return choices[^1].Value;
        }

        /// <summary>A size argument: its text and its value (null when it is not a valid constant int: NG0017).</summary>
        private static (string Text, int? Value) Size(Random rng, string parameter, int small)
        {
            int v = rng.Next(1, small + 1);
            return Pick(rng,
                (150.0, "small"), (3.0, "6000"), (1.0, "20000"), (3.0, "0"), (2.0, "negative"), (2.0, "dynamic"), (2.0, "string"),
                (4.0, "named"), (2.0, "const"), (1.0, "sum"), (1.0, "short")) switch
            {
                "small" => (v.ToString(), v),
                "6000" => ("6000", 6000),
                "20000" => ("20000", 20000),
                "0" => ("0", 0),
                "negative" => ((-v).ToString(), -v),
                "dynamic" => ("FuzzShared.Dynamic", null),
                "string" => ("\"3\"", null),
                "named" => ($"{parameter}: {v}", v),
                "const" => ("FuzzShared.Three", 3),
                "sum" => ("1 + 2", 3),
                _ => ($"(short){v}", v),
            };
        }

        private void BuildNetwork(Random rng)
        {
            string name = "Net" + Index;
            var sb = new StringBuilder("using System;\nusing NetGen;\n");

            // Namespace.
            string ns = Pick(rng, (40.0, ""), (30.0, "file"), (30.0, "block"));
            string nsName = ns == "" ? "" : $"Fz{Index}" + (ns == "block" ? ".Inner" : "");
            if (ns == "file") sb.Append($"namespace {nsName};\n");
            if (ns == "block") sb.Append($"namespace {nsName}\n{{\n");

            // Containing types.
            int depth = Pick(rng, (70.0, 0), (20.0, 1), (10.0, 2));
            var containerRefs = new List<string>();
            for (int d = 0; d < depth; d++)
            {
                string kind = Pick(rng, (55.0, "class"), (12.0, "struct"), (8.0, "record"), (4.0, "record struct"), (8.0, "interface"),
                    (6.0, "static class"), (4.0, "readonly struct"), (3.0, "file class"));
                if (kind == "file class" && d > 0) kind = "class";
                bool partial = rng.NextDouble() < 0.95;
                bool generic = rng.NextDouble() < 0.15;
                string outer = $"O{Index}x{d}";
                if (!partial) Ng("NG0002");
                string modifiers = kind switch
                {
                    "static class" => "public static ",
                    "readonly struct" => "public readonly ",
                    "file class" => "file ",
                    _ => "public ",
                };
                if (kind == "file class") Ng("NG0003");
                string keyword = kind switch { "static class" or "file class" => "class", "readonly struct" => "struct", _ => kind };
                sb.Append($"{modifiers}{(partial ? "partial " : "")}{keyword} {outer}{(generic ? $"<T{d}>" : "")}\n{{\n");
                containerRefs.Add(outer + (generic ? "<int>" : ""));
            }

            // The network's own form.
            string form = Pick(rng, (200.0, "class"), (3.0, "record"), (3.0, "struct"), (2.0, "record struct"), (1.0, "interface"),
                (3.0, "static class"));
            bool isPartial = rng.NextDouble() < 0.96;
            bool generic2 = rng.NextDouble() < 0.02;
            bool primary = form is "class" or "struct" && rng.NextDouble() < 0.02;
            bool file = depth == 0 && rng.NextDouble() < 0.02;
            if (!isPartial) Ng("NG0001");
            if (form is "record" or "struct" or "record struct" or "interface" or "static class") Ng("NG0003");
            if (file) Ng("NG0003");
            if (generic2) Ng("NG0003");
            if (primary) Ng("NG0003");
            string keyword2 = form == "static class" ? "class" : form;
            string header = $"{(file ? "file" : "public")} {(form == "static class" ? "static " : "")}{(isPartial ? "partial " : "")}{keyword2} {name}{(generic2 ? "<T>" : "")}";

            // [Network(inputs, Loss = …)]
            var (inputsText, inputs) = Size(rng, "inputs", 8);
            bool wide = rng.NextDouble() < 0.03; // 5000 inputs into 5000 units: NG0008
            if (wide) (inputsText, inputs) = ("5000", 5000);
            if (rng.NextDouble() < 0.015) { inputsText = ""; inputs = null; } // missing
            if (inputs is null) Ng("NG0017");
            else if (inputs <= 0) { Ng("NG0007"); inputs = null; }
            var (lossText, loss) = Pick(rng,
                (35.0, ("", (int?)MeanSquaredError)),
                (20.0, ("Loss = Loss.BinaryCrossEntropy", (int?)BinaryCrossEntropy)),
                (20.0, ("Loss = Loss.CrossEntropy", (int?)CrossEntropy)),
                (15.0, ("Loss = Loss.MeanSquaredError", (int?)MeanSquaredError)),
                (2.0, ("Loss = (Loss)7", (int?)null)),
                (3.0, ("Loss = 0", (int?)BinaryCrossEntropy)),
                (1.5, ("Loss = 1", (int?)null)));
            if (lossText == "Loss = (Loss)7") Ng("NG0016");
            if (lossText == "Loss = 1") Ng("NG0017");
            string networkArgs = string.Join(", ", new[] { inputsText, lossText }.Where(t => t != ""));
            var attributes = new StringBuilder(networkArgs == "" ? "[Network]\n" : $"[Network({networkArgs})]\n");

            // [Dense(units, activation, Inputs = k)] on the declaration that has [Network].
            int layerCount = Pick(rng, (5.0, 0), (30.0, 1), (35.0, 2), (20.0, 3), (10.0, 4));
            int? previous = inputs;
            long parameters = 0;
            bool layersValid = true;
            int? lastUnits = null, lastActivation = null;
            for (int l = 0; l < layerCount; l++)
            {
                bool last = l == layerCount - 1;
                var (unitsText, units) = Size(rng, "units", 6);
                if (wide && l == 0) (unitsText, units) = ("5000", 5000);
                if (units is null) Ng("NG0017");
                else if (units <= 0) { Ng("NG0007"); units = null; }

                // Softmax is for output layers; hidden layers mostly use the others.
                int a = !last && rng.NextDouble() < 0.8 ? HiddenActivation(rng) : rng.Next(ActivationNames.Length);
                if (last && rng.NextDouble() < 0.8) a = loss == CrossEntropy ? Softmax : loss == BinaryCrossEntropy ? Sigmoid : a;
                var (activationText, activation) = Pick(rng,
                    (20.0, ("", (int?)Identity)),
                    (80.0, ($"Activation.{ActivationNames[a]}", (int?)a)),
                    (2.0, ("(Activation)42", (int?)null)),
                    (3.0, ("0", (int?)Identity)),
                    (6.0, ($"activation: Activation.{ActivationNames[a]}", (int?)a)),
                    (3.0, ("(Activation)3", (int?)Sigmoid)),
                    (2.0, ("Activation.ReLU | Activation.Tanh", (int?)Softmax)),
                    (1.0, ("1", (int?)null)));
                if (activationText == "(Activation)42") Ng("NG0016");
                if (activationText == "1") Ng("NG0017");

                string inputsArgument = "";
                switch (Pick(rng, (75.0, "none"), (18.0, "right"), (4.0, "wrong"), (1.5, "dynamic")))
                {
                    case "right":
                        inputsArgument = $"Inputs = {previous ?? 5}";
                        break;
                    case "wrong":
                        int wrong = (previous ?? 5) + rng.Next(1, 3);
                        inputsArgument = $"Inputs = {wrong}";
                        if (previous is not null) Ng("NG0010");
                        break;
                    case "dynamic":
                        inputsArgument = "Inputs = FuzzShared.Dynamic";
                        Ng("NG0017");
                        break;
                }

                // Positional arguments cannot follow a named one written out of position.
                var args = new List<string> { unitsText };
                if (activationText != "") args.Add(activationText);
                if (unitsText.StartsWith("units:", StringComparison.Ordinal) && activationText.StartsWith("activation:", StringComparison.Ordinal)
                    && rng.NextDouble() < 0.5)
                    args.Reverse();
                if (inputsArgument != "") args.Add(inputsArgument);
                attributes.Append($"[Dense({string.Join(", ", args)})]\n");

                if (activation == Softmax && !last) Ng("NG0011");
                if (previous is int n && units is int u)
                {
                    long weights = (long)n * u;
                    if (weights > 1L << 24) Ng("NG0008");
                    parameters += weights + u;
                }
                if (units is null || activation is null) layersValid = false;
                previous = units;
                lastUnits = units;
                lastActivation = activation;
            }
            if (parameters > 1L << 28) Ng("NG0009");
            if (layerCount > 0 && layersValid && loss is int lossValue)
            {
                if (lastActivation == Softmax && lastUnits == 1) Ng("NG0012");
                if (lossValue == BinaryCrossEntropy && lastActivation != Sigmoid) Ng("NG0013");
                if (lossValue == CrossEntropy && lastActivation != Softmax) Ng("NG0014");
                if (lossValue == MeanSquaredError && lastActivation == Softmax && lastUnits > 1) Ng("NG0015");
            }

            // Another partial declaration: with more layers (NG0006), or with a second [Network] (CS0579 only).
            string extra = Pick(rng, (92.0, "none"), (5.0, "split"), (3.0, "duplicate"));
            var other = new StringBuilder();
            if (extra == "split")
            {
                int n = rng.Next(1, 3);
                for (int i = 0; i < n; i++) { other.Append("[Dense(2)]\n"); Ng("NG0006"); }
            }
            if (extra == "duplicate") other.Append("[Network(2)]\n");
            if (layerCount == 0 && extra != "split") Ng("NG0004");

            // Members of the declaration, colliding or not, and a base class.
            var members = new List<string>();
            if (rng.NextDouble() < 0.2)
            {
                int count = rng.Next(1, 3);
                for (int i = 0; i < count; i++)
                {
                    var (member, collides) = Pick(rng,
                        (1.0, ("public void Forward(float[] x) { }", true)),
                        (1.0, ("public int Parameters => 0;", true)),
                        (1.0, ($"public {name}() {{ }}", true)),
                        (1.0, ($"public {name}(int seed) {{ }}", true)),
                        (1.0, ("public int b1 = 0;", layerCount >= 1)),
                        (1.0, ("public class Cache { }", true)),
                        (1.0, ("public const int InputSize = 1;", true)),
                        (2.0, ("public void Train() { }", false)),
                        (2.0, ($"public {name}(string s) : this() {{ }}", false)),
                        (2.0, ($"public int W{layerCount + 1} = 0;", false)),
                        (2.0, ("public override string ToString() => \"\";", false)));
                    if (members.Contains(member)) continue;
                    members.Add(member);
                    if (collides) Ng("NG0018");
                }
            }
            string baseList = "";
            if (form == "class" && rng.NextDouble() < 0.06)
            {
                bool fit = rng.NextDouble() < 0.5;
                baseList = fit ? " : FuzzShared.BaseWithFit" : " : FuzzShared.EmptyBase";
                if (fit) Ng("NG0019");
            }
            if (primary) header += "(int size)";

            if (extra == "duplicate")
            {
                // [Network] on two declarations: the compiler reports CS0579 and NetGen stays silent.
                Expected.Clear();
                _error = true;
            }

            sb.Append(attributes);
            sb.Append(header).Append(baseList);
            if (members.Count == 0) sb.Append(";\n");
            else sb.Append("\n{\n").Append(string.Concat(members.Select(m => "    " + m + "\n"))).Append("}\n");
            if (extra != "none")
                sb.Append(other).Append($"public {(isPartial ? "partial " : "partial ")}{keyword2} {name}{(generic2 ? "<T>" : "")} {{ }}\n");
            for (int d = 0; d < depth; d++) sb.Append("}\n");

            Generates = !_error;

            // Call sites, after the declaration (outside the containing types).
            string typeRef = "global::" + (nsName == "" ? "" : nsName + ".") + string.Concat(containerRefs.Select(r => r + ".")) + name;
            if (Generates && inputs is int inputSize && lastUnits is int outputSize)
                sb.Append(CallSites(rng, typeRef, inputSize, outputSize, (int)parameters));
            else
                sb.Append(CallSites(rng, typeRef, 2, 1, 5, expect: false));
            if (ns == "block") sb.Append("}\n");
            Source = sb.ToString();
        }

        /// <summary>Random calls with known and unknown lengths; the expected analyzer IDs follow the documented rules.</summary>
        private string CallSites(Random rng, string type, int inputSize, int outputSize, int parameterCount, bool expect = true)
        {
            var sb = new StringBuilder($"public static class Use{Index}\n{{\n    public static void Run(float[] u)\n    {{\n        var net = new {type}();\n");
            int locals = 0;
            string Arg(long length, bool span)
            {
                string kind = Pick(rng, (40.0, "new"), (20.0, "collection"), (15.0, "local"), (10.0, "stackalloc"), (15.0, "unknown"));
                if (kind == "collection" && length > 6) kind = "new";
                if (kind == "stackalloc" && !span) kind = "new";
                switch (kind)
                {
                    case "collection": return "[" + string.Join(", ", Enumerable.Repeat("0f", (int)length)) + "]";
                    case "stackalloc": return $"stackalloc float[{length}]";
                    case "local":
                        sb.Append($"        float[] a{locals} = new float[{length}];\n");
                        return "a" + locals++;
                    case "unknown": return "u";
                    default: return $"new float[{length}]";
                }
            }
            long Around(long length) => Math.Max(0, length + Pick(rng, (88.0, 0), (5.0, 1), (5.0, -1), (2.0, 7)));
            void Expect(string id) { if (expect) Expected.Add(id); }

            int calls = rng.Next(1, 3);
            for (int i = 0; i < calls; i++)
            {
                long m = rng.Next(1, 4);
                string method = Pick(rng, (3.0, "Forward"), (2.0, "ComputeGradients"), (2.0, "Predict"), (1.0, "PredictClass"), (1.0, "Cost"), (1.0, "Accuracy"));
                var arguments = new List<string>();
                long? examples = null;
                // Each argument: (text, known length or null); the checks mirror the analyzer's rules.
                void Batch(long length)
                {
                    string text = Arg(length, span: false);
                    arguments.Add(text);
                    if (text == "u") return;
                    if (length > 0 && length % inputSize == 0) examples = length / inputSize;
                    else Expect("NG0020");
                }
                void PerExample(long length, bool span)
                {
                    string text = Arg(length, span);
                    arguments.Add(text);
                    if (text == "u") return;
                    if (examples is long e ? length != e * outputSize : length <= 0 || length % outputSize != 0) Expect("NG0021");
                }
                void Exact(long length, long expected, string id, bool span)
                {
                    string text = Arg(length, span);
                    arguments.Add(text);
                    if (text != "u" && length != expected) Expect(id);
                }
                switch (method)
                {
                    case "Forward":
                        Batch(Around(m * inputSize));
                        PerExample(Around(m * outputSize), span: true);
                        break;
                    case "ComputeGradients":
                        Batch(Around(m * inputSize));
                        PerExample(Around(m * outputSize), span: false);
                        Exact(Around(parameterCount), parameterCount, "NG0022", span: true);
                        break;
                    case "Cost":
                    case "Accuracy":
                        Batch(Around(m * inputSize));
                        PerExample(Around(m * outputSize), span: false);
                        break;
                    case "Predict":
                        Exact(Around(inputSize), inputSize, "NG0023", span: false);
                        Exact(Around(outputSize), outputSize, "NG0023", span: true);
                        break;
                    case "PredictClass":
                        Exact(Around(inputSize), inputSize, "NG0023", span: false);
                        break;
                }
                string discard = method is "Forward" or "Predict" ? "" : "_ = ";
                sb.Append($"        {discard}net.{method}({string.Join(", ", arguments)});\n");
            }
            sb.Append("    }\n}\n");
            return sb.ToString();
        }

        /// <summary>A syntax error somewhere in the declaration: only robustness is asserted.</summary>
        private void Mutate(Random rng)
        {
            Chaos = true;
            int end = Source.IndexOf("public static class Use", StringComparison.Ordinal);
            if (end < 0) end = Source.Length;
            int at = rng.Next(0, end);
            const string Noise = "()[],;{}<>=:\".";
            Source = rng.NextDouble() < 0.5
                ? Source.Remove(at, 1)
                : Source.Insert(at, Noise[rng.Next(Noise.Length)].ToString());
        }
    }
}
