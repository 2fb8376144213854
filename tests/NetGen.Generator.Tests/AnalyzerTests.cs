using System;
using static NetGen.Generator.Tests.DiagnosticsVerifier;

namespace NetGen.Generator.Tests;

/// <summary>
/// The call-site analyzer (NG0020–NG0023): span arguments whose length is known at compile time are checked against
/// the generated shapes, on the argument; everything else is left alone.
/// </summary>
public class AnalyzerTests
{
    private static Expected E(string id, string message) => new(id, message);

    /// <summary>Net: 2 inputs → 3 → 1 output, 13 parameters. Clf: 4 inputs → 3 outputs (Softmax), 15 parameters.</summary>
    private const string Networks = """
        using System;
        using NetGen;

        [Network(2, Loss = Loss.BinaryCrossEntropy)]
        [Dense(3, Activation.ReLU)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net;

        [Network(4, Loss = Loss.CrossEntropy)]
        [Dense(3, Activation.Softmax)]
        public partial class Clf;

        """;

    private static void VerifyCalls(string body, params Expected[] expected) =>
        Verify(Networks + "public static class Use\n{\n    public static void Run(Net net, Clf clf, float[] unknown)\n    {\n" + body + "\n    }\n}\n", expected);

    [Fact]
    public void ValidCallsAreClean() => VerifyCalls("""
                net.Forward([1f, 2f, 3f, 4f], new float[2]);
                net.Forward(new float[] { 1, 2 }, stackalloc float[1]);
                Span<float> g = stackalloc float[Net.ParameterCount];
                _ = net.ComputeGradients(new float[6], [0f, 1f, 0f], g);
                net.Predict([1f, 2f], new float[1]);
                _ = net.PredictClass(new float[Net.InputSize]);
                _ = clf.Cost(new float[8], new float[6]);
                _ = clf.Accuracy(new float[4], [0f, 0f, 1f]);
                _ = clf.Fit(new float[12], new float[9], new GradientDescent(0.1f), epochs: 1);
                _ = clf.Fit(new float[12], new float[9], new Adam(), epochs: 1, validationInputs: new float[8], validationTargets: new float[6]);
                _ = clf.Fit(new float[12], new float[9], new Adam(), epochs: 1, validationInputs: [], validationTargets: []);
                net.Forward(unknown, new float[3]);
        """);

    [Fact]
    public void NG0020_InputsNotAMultipleOfInputSize() => VerifyCalls("""
                net.Forward({|NG0020:[1f, 2f, 3f]|}, new float[1]);
        """,
        E("NG0020", "'inputs' of Net.Forward has length 3, but it must be a positive multiple of Net.InputSize (2)"));

    [Fact]
    public void NG0020_EmptyInputs() => VerifyCalls("""
                _ = clf.Cost({|NG0020:inputs: []|}, targets: new float[3]);
        """,
        E("NG0020", "'inputs' of Clf.Cost has length 0, but it must be a positive multiple of Clf.InputSize (4)"));

    [Fact]
    public void NG0021_OutputsDoNotMatchTheExamples() => VerifyCalls("""
                clf.Forward(new float[8], {|NG0021:new float[3]|});
        """,
        E("NG0021", "'outputs' of Clf.Forward has length 3, but the 2 examples of 'inputs' need 2 × Clf.OutputSize (3) = 6 values"));

    [Fact]
    public void NG0021_TargetsWithNamedArgumentsInAnyOrder() => VerifyCalls("""
                _ = clf.Accuracy({|NG0021:targets: new float[] { 1, 0, 0, 0 }|}, inputs: new float[4]);
        """,
        E("NG0021", "'targets' of Clf.Accuracy has length 4, but the 1 example of 'inputs' needs 1 × Clf.OutputSize (3) = 3 values"));

    [Fact]
    public void NG0021_WithUnknownInputsTargetsMustBeAMultipleOfOutputSize() => VerifyCalls("""
                _ = clf.Fit(unknown, {|NG0021:new float[7]|}, new Adam(), epochs: 3);
        """,
        E("NG0021", "'targets' of Clf.Fit has length 7, but it must be a positive multiple of Clf.OutputSize (3)"));

    [Fact]
    public void NG0020_ValidationInputsNotAMultipleOfInputSize() => VerifyCalls("""
                _ = clf.Fit(new float[12], new float[9], new Adam(), epochs: 1, {|NG0020:validationInputs: new float[6]|});
        """,
        E("NG0020", "'validationInputs' of Clf.Fit has length 6, but it must be a positive multiple of Clf.InputSize (4)"));

    [Fact]
    public void NG0021_ValidationTargetsFollowTheValidationInputsNotTheTrainingSet() => VerifyCalls("""
                _ = clf.Fit(new float[12], new float[9], new Adam(), epochs: 1, validationInputs: new float[8], {|NG0021:validationTargets: new float[9]|});
        """,
        E("NG0021", "'validationTargets' of Clf.Fit has length 9, but the 2 examples of 'validationInputs' need 2 × Clf.OutputSize (3) = 6 values"));

    [Fact]
    public void NG0022_GradientsNotParameterCount() => VerifyCalls("""
                Span<float> gradients = stackalloc float[12];
                _ = net.ComputeGradients(new float[2], new float[1], {|NG0022:gradients|});
        """,
        E("NG0022", "'gradients' of Net.ComputeGradients has length 12, but it must be Net.ParameterCount (13)"));

    [Fact]
    public void NG0022_Backward() => VerifyCalls("""
                var cache = new Net.Cache(4);
                net.Forward(new float[8], new float[4], cache);
                _ = net.Backward(cache, new float[4], {|NG0022:new float[14]|});
        """,
        E("NG0022", "'gradients' of Net.Backward has length 14, but it must be Net.ParameterCount (13)"));

    [Fact]
    public void NG0023_PredictTakesOneExample() => VerifyCalls("""
                net.Predict({|NG0023:new float[4]|}, {|NG0023:new float[2]|});
                _ = clf.PredictClass({|NG0023:[1f, 2f, 3f]|});
        """,
        E("NG0023", "'input' of Net.Predict has length 4, but it must be Net.InputSize (2) for one example"),
        E("NG0023", "'output' of Net.Predict has length 2, but it must be Net.OutputSize (1) for one example"),
        E("NG0023", "'input' of Clf.PredictClass has length 3, but it must be Clf.InputSize (4) for one example"));

    [Fact]
    public void LocalsInitialisedWithAKnownLength() => VerifyCalls("""
                const int n = 5;
                float[] a = new float[n];
                ReadOnlySpan<float> s = a;
                var b = new float[] { 1, 2, 3 };
                float[] c = [1f, 2f, 3f, 4f];
                Span<float> d = stackalloc float[] { 1, 2, 3 };
                net.Forward({|NG0020:s|}, new float[2]);
                net.Forward({|NG0020:b|}, new float[2]);
                net.Forward(c, {|NG0021:d|});
        """,
        E("NG0020", "'inputs' of Net.Forward has length 5, but it must be a positive multiple of Net.InputSize (2)"),
        E("NG0020", "'inputs' of Net.Forward has length 3, but it must be a positive multiple of Net.InputSize (2)"),
        E("NG0021", "'outputs' of Net.Forward has length 3, but the 2 examples of 'inputs' need 2 × Net.OutputSize (1) = 2 values"));

    [Fact]
    public void LocalsThatMayChangeAreUnknown() => VerifyCalls("""
                float[] reassigned = new float[3];
                reassigned = new float[4];
                net.Forward(reassigned, new float[2]);

                float[] resized = new float[3];
                Array.Resize(ref resized, 4);
                net.Forward(resized, new float[2]);

                float[] inLambda = new float[3];
                Action grow = () => inLambda = new float[4];
                grow();
                net.Forward(inLambda, new float[2]);

                float[] deconstructed = new float[3], other = new float[2];
                (deconstructed, other) = (other, deconstructed);
                net.Forward(deconstructed, new float[1]);

                Span<float> sliced = stackalloc float[3];
                sliced = sliced.Slice(1);
                net.Forward(sliced, new float[1]);

                float[] noInitializer;
                noInitializer = new float[3];
                net.Forward(noInitializer, new float[2]);

                float[] fromCall = Array.Empty<float>();
                net.Forward(fromCall, new float[2]);
                net.Forward([.. fromCall], new float[2]);
                net.Forward(new float[3].AsSpan(1), new float[1]);
        """);

    [Fact]
    public void MethodsOfOtherTypesAreIgnored() => Verify("""
        using System;
        public class NotANetwork
        {
            public const int InputSize = 2, OutputSize = 1, ParameterCount = 3;
            public void Forward(ReadOnlySpan<float> inputs, Span<float> outputs) { }
        }
        public static class Use
        {
            public static void Run(NotANetwork n) => n.Forward([1f, 2f, 3f], new float[9]);
        }
        """);

    [Fact]
    public void NothingIsReportedWithoutNetGen()
    {
        // A compilation that does not reference NetGen at all: the analyzer stays silent and does not throw.
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("NoNetGen",
            [Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("class C { void M() { System.Console.WriteLine(new float[3].Length); } }")],
            [Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(typeof(object).Assembly.Location)]);
        var diagnostics = AnalyzeAll(compilation);
        Assert.DoesNotContain(diagnostics, d => d.Id.StartsWith("NG", StringComparison.Ordinal) || d.Id == "AD0001");
    }

    [Fact]
    public void ConvolutionalNetworksAreCheckedAgainstTheirFlatInputSize() => Verify("""
        using NetGen;
        [Network(1, 8, 8, Loss = Loss.CrossEntropy)]
        [Conv2D(2, 3, Activation.ReLU)]
        [MaxPool2D(2)]
        [Flatten]
        [Dense(3, Activation.Softmax)]
        public partial class Cnn;
        public static class Use
        {
            public static void Run(Cnn cnn)
            {
                cnn.Forward(new float[128], new float[6]);
                cnn.Forward({|NG0020:new float[28]|}, new float[6]);
                _ = cnn.PredictClass({|NG0023:new float[8]|});
            }
        }
        """,
        E("NG0020", "'inputs' of Cnn.Forward has length 28, but it must be a positive multiple of Cnn.InputSize (64)"),
        E("NG0023", "'input' of Cnn.PredictClass has length 8, but it must be Cnn.InputSize (64) for one example"));
}
