using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using static NetGen.Generator.Tests.DiagnosticsVerifier;

namespace NetGen.Generator.Tests;

/// <summary>
/// One test (or theory) per diagnostic of the declaration: ID, full message and span, and no other diagnostic
/// (C# errors included), with nothing generated when there is an error.
/// </summary>
public class DiagnosticsTests
{
    private static Expected E(string id, string? message = null) => new(id, message);

    // ── NG0001–NG0003: the declaration's form ───────────────────────────────────────────────────────

    [Fact]
    public void NG0001_NetworkNotPartial() => Verify("""
        using NetGen;
        [Network(2)]
        [Dense(1)]
        public class {|NG0001:Net|};
        """,
        E("NG0001", "The network class 'Net' must be declared 'partial' so NetGen can generate its members"));

    [Fact]
    public void NG0002_ContainingTypeNotPartial() => Verify("""
        using NetGen;
        public partial class Outer
        {
            public class {|NG0002:Middle|}
            {
                [Network(2)]
                [Dense(1)]
                public partial class Net;
            }
        }
        """,
        E("NG0002", "'Middle' contains the network 'Net' and must be declared 'partial'"));

    [Fact]
    public void NG0003_Static() => Verify("""
        using NetGen;
        [Network(2)]
        [Dense(1)]
        public {|NG0003:static|} partial class Net;
        """,
        E("NG0003", "The network 'Net' cannot be static; remove 'static': NetGen generates constructors and instance members"));

    [Fact]
    public void NG0003_Generic() => Verify("""
        using NetGen;
        [Network(2)]
        [Dense(1)]
        public partial class Net{|NG0003:<T>|};
        """,
        E("NG0003", "The network 'Net' cannot be generic; remove the type parameters: a network's shapes are fixed at compile time"));

    [Fact]
    public void NG0003_Record() => Verify("""
        using NetGen;
        [Network(2)]
        [Dense(1)]
        public partial {|NG0003:record|} Net;
        """,
        E("NG0003", "The network 'Net' cannot be a record; declare it as a 'partial class' instead"));

    [Fact]
    public void NG0003_PrimaryConstructor() => Verify("""
        using NetGen;
        [Network(2)]
        [Dense(1)]
        public partial class Net{|NG0003:(int size)|}
        {
            public int Size => size;
        }
        """,
        E("NG0003", "The network 'Net' cannot be declared with a primary constructor; remove the parameter list: NetGen generates the constructors"));

    [Fact]
    public void NG0003_Struct() => Verify("""
        using NetGen;
        [{|CS0592:Network|}(2)]
        [{|CS0592:Dense|}(1)]
        public partial {|NG0003:struct|} Net;
        """,
        E("CS0592"), E("CS0592"),
        E("NG0003", "The network 'Net' cannot be a struct; declare it as a 'partial class' instead"));

    [Fact]
    public void NG0003_FileLocal() => Verify("""
        using NetGen;
        [Network(2)]
        [Dense(1)]
        {|NG0003:file|} partial class Net;
        """,
        E("NG0003", "The network 'Net' cannot be file-local; remove 'file': the generated members are declared in another file"));

    [Fact]
    public void NG0003_NestedInFileLocalType() => Verify("""
        using NetGen;
        {|NG0003:file|} partial class Outer
        {
            [Network(2)]
            [Dense(1)]
            public partial class Net;
        }
        """,
        E("NG0003", "The network 'Net' cannot be nested in the file-local type 'Outer'; remove 'file' from 'Outer': the generated members are declared in another file"));

    // ── NG0004–NG0006: layers ───────────────────────────────────────────────────────────────────────

    [Fact]
    public void NG0004_NoLayers() => Verify("""
        using NetGen;
        [Network(2)]
        public partial class {|NG0004:Net|};
        """,
        E("NG0004", "The network 'Net' has no layers; add at least one [Dense(units, activation)] after [Network]"));

    [Fact]
    public void NG0005_DenseWithoutNetwork() => Verify("""
        using NetGen;
        [{|NG0005:Dense(4, Activation.ReLU)|}]
        [{|NG0005:Dense(1)|}]
        public partial class Net;
        """,
        E("NG0005", "'Net' has [Dense] layers but no [Network(inputs)] attribute, so no network is generated"),
        E("NG0005", "'Net' has [Dense] layers but no [Network(inputs)] attribute, so no network is generated"));

    [Fact]
    public void NG0006_LayersSplitAcrossPartialDeclarations() => Verify("""
        using NetGen;
        [Network(2)]
        [Dense(4, Activation.ReLU)]
        public partial class Net;

        [{|NG0006:Dense(1)|}]
        public partial class Net;
        """,
        E("NG0006", "Layer attributes of 'Net' appear on more than one partial declaration; put every [Dense] on the declaration that has [Network] so their order is defined"));

    [Fact]
    public void NG0006_AllLayersOnAnotherDeclaration_IsNotAlsoNoLayers() => Verify("""
        using NetGen;
        [Network(2)]
        public partial class Net;

        [{|NG0006:Dense(1)|}]
        public partial class Net;
        """,
        E("NG0006", "Layer attributes of 'Net' appear on more than one partial declaration; put every [Dense] on the declaration that has [Network] so their order is defined"));

    [Fact]
    public void NetworkOnTwoPartialDeclarations_IsTheCompilersErrorOnly() => Verify("""
        using NetGen;
        [Network(2)]
        [Dense(1)]
        public partial class Net;

        [{|CS0579:Network|}(2)]
        public partial class Net;
        """,
        E("CS0579"));

    // ── NG0007–NG0010: sizes ────────────────────────────────────────────────────────────────────────

    [Fact]
    public void NG0007_NonPositiveInputs() => Verify("""
        using NetGen;
        [Network({|NG0007:0|})]
        [Dense(1)]
        public partial class Net;
        """,
        E("NG0007", "The network's inputs must be positive, but it is 0"));

    [Fact]
    public void NG0007_NonPositiveUnits() => Verify("""
        using NetGen;
        [Network(2)]
        [Dense(4, Activation.ReLU)]
        [Dense({|NG0007:units: -3|}, Activation.Sigmoid)]
        public partial class Net;
        """,
        E("NG0007", "The units of layer 2 must be positive, but it is -3"));

    [Fact]
    public void NG0008_LayerOver2To24Weights() => Verify("""
        using NetGen;
        [Network(4096)]
        [Dense({|NG0008:4097|}, Activation.ReLU)]
        [Dense(1)]
        public partial class Net;
        """,
        E("NG0008", "Layer 1 has 4097×4096 = 16781312 weights, more than the limit of 16777216 (2^24) per layer"));

    [Fact]
    public void NG0008_ExactlyTheLimitIsAllowed() => VerifyClean("""
        using NetGen;
        [Network(4096)]
        [Dense(4096, Activation.ReLU)]
        [Dense(1)]
        public partial class Net;
        """, "Net.g.cs");

    [Fact]
    public void NG0009_NetworkOver2To28Parameters() => Verify("""
        using NetGen;
        [Network(4096)]
        [Dense(4096, Activation.ReLU)]
        [Dense(4096, Activation.ReLU)]
        [Dense(4096, Activation.ReLU)]
        [Dense(4096, Activation.ReLU)]
        [Dense(4096, Activation.ReLU)]
        [Dense(4096, Activation.ReLU)]
        [Dense(4096, Activation.ReLU)]
        [Dense(4096, Activation.ReLU)]
        [Dense(4096, Activation.ReLU)]
        [Dense(4096, Activation.ReLU)]
        [Dense(4096, Activation.ReLU)]
        [Dense(4096, Activation.ReLU)]
        [Dense(4096, Activation.ReLU)]
        [Dense(4096, Activation.ReLU)]
        [Dense(4096, Activation.ReLU)]
        [Dense(4096, Activation.ReLU)]
        public partial class {|NG0009:Net|};
        """,
        E("NG0009", "The network 'Net' has 268500992 parameters, more than the limit of 268435456 (2^28)"));

    [Fact]
    public void NG0010_FirstLayerInputsDifferFromNetworkInputs() => Verify("""
        using NetGen;
        [Network(3)]
        [Dense(4, Activation.ReLU, {|NG0010:Inputs = 2|})]
        [Dense(1)]
        public partial class Net;
        """,
        E("NG0010", "Layer 1 declares Inputs = 2, but it receives 3 values from the network's inputs; expected Inputs = 3"));

    [Fact]
    public void NG0010_LaterLayerInputsDifferFromPreviousUnits() => Verify("""
        using NetGen;
        [Network(3)]
        [Dense(4, Activation.ReLU, Inputs = 3)]
        [Dense(8, Activation.ReLU)]
        [Dense(1, Activation.Sigmoid, {|NG0010:Inputs = 4|})]
        public partial class Net;
        """,
        E("NG0010", "Layer 3 declares Inputs = 4, but it receives 8 values from the 8 units of layer 2; expected Inputs = 8"));

    [Fact]
    public void NG0010_MatchingInputsAreClean() => VerifyClean("""
        using NetGen;
        [Network(3)]
        [Dense(4, Activation.ReLU, Inputs = 3)]
        [Dense(units: 2, Inputs = 4)]
        public partial class Net;
        """, "Net.g.cs");

    // ── NG0011–NG0015: activations and loss ─────────────────────────────────────────────────────────

    [Fact]
    public void NG0011_SoftmaxOnHiddenLayer() => Verify("""
        using NetGen;
        [Network(2)]
        [Dense(4, {|NG0011:Activation.Softmax|})]
        [Dense(1)]
        public partial class Net;
        """,
        E("NG0011", "Layer 1 of 2 uses Softmax, which is only supported on the output layer (layer 2)"));

    [Fact]
    public void NG0012_SoftmaxOverOneUnit() => Verify("""
        using NetGen;
        [Network(2, Loss = Loss.CrossEntropy)]
        [Dense(1, {|NG0012:Activation.Softmax|})]
        public partial class Net;
        """,
        E("NG0012", "The output layer (layer 1) applies Softmax to 1 unit, which always outputs 1; use Activation.Sigmoid with Loss.BinaryCrossEntropy for a binary output, or at least 2 units"));

    [Fact]
    public void NG0013_BinaryCrossEntropyWithoutSigmoid() => Verify("""
        using NetGen;
        [Network(2, Loss = Loss.BinaryCrossEntropy)]
        [Dense(4, Activation.Tanh)]
        [Dense(1, {|NG0013:Activation.Tanh|})]
        public partial class Net;
        """,
        E("NG0013", "Loss.BinaryCrossEntropy needs a Sigmoid output layer, but the output layer (layer 2) uses Tanh"));

    [Fact]
    public void NG0013_OnTheWholeLayerWhenTheActivationIsTheDefault() => Verify("""
        using NetGen;
        [Network(2, Loss = Loss.BinaryCrossEntropy)]
        [{|NG0013:Dense(1)|}]
        public partial class Net;
        """,
        E("NG0013", "Loss.BinaryCrossEntropy needs a Sigmoid output layer, but the output layer (layer 1) uses Identity"));

    [Fact]
    public void NG0014_CrossEntropyWithoutSoftmax() => Verify("""
        using NetGen;
        [Network(2, Loss = Loss.CrossEntropy)]
        [Dense(3, {|NG0014:activation: Activation.Sigmoid|})]
        public partial class Net;
        """,
        E("NG0014", "Loss.CrossEntropy needs a Softmax output layer, but the output layer (layer 1) uses Sigmoid"));

    [Fact]
    public void NG0015_MeanSquaredErrorWithSoftmax_OnTheLoss() => Verify("""
        using NetGen;
        [Network(2, {|NG0015:Loss = Loss.MeanSquaredError|})]
        [Dense(3, Activation.Softmax)]
        public partial class Net;
        """,
        E("NG0015", "Loss.MeanSquaredError with a Softmax output layer learns slowly; use Loss = Loss.CrossEntropy"));

    [Fact]
    public void NG0015_MeanSquaredErrorByDefault_OnTheSoftmax()
    {
        // A warning: the network is still generated.
        var result = Verify("""
            using NetGen;
            [Network(2)]
            [Dense(3, {|NG0015:Activation.Softmax|})]
            public partial class Net;
            """,
            E("NG0015", "Loss.MeanSquaredError (the default loss) with a Softmax output layer learns slowly; use Loss = Loss.CrossEntropy"));
        Assert.Equal(["Net.g.cs"], result.HintNames);
    }

    // ── NG0016–NG0017: attribute arguments ──────────────────────────────────────────────────────────

    [Fact]
    public void NG0016_UndefinedActivation() => Verify("""
        using NetGen;
        [Network(2)]
        [Dense(1, {|NG0016:(Activation)42|})]
        public partial class Net;
        """,
        E("NG0016", "(Activation)42 is not a defined NetGen.Activation value; use one of Identity, ReLU, LeakyReLU, Sigmoid, Tanh, Softmax, GELU, SiLU, ELU, Softplus"));

    [Fact]
    public void NG0016_UndefinedLoss() => Verify("""
        using NetGen;
        [Network(2, {|NG0016:Loss = (Loss)(-1)|})]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net;
        """,
        E("NG0016", "(Loss)-1 is not a defined NetGen.Loss value; use one of BinaryCrossEntropy, CrossEntropy, MeanSquaredError"));

    [Fact]
    public void NG0017_NonConstantSize() => Verify("""
        using NetGen;
        [Network({|CS0120:{|NG0017:Size|}|})]
        [Dense(1)]
        public partial class Net
        {
            public int Size = 2;
        }
        """,
        E("CS0120"),
        E("NG0017", "The argument 'inputs' of [Network] must be a constant int, but 'Size' is not a compile-time constant"));

    [Fact]
    public void NG0017_StaticReadonlySize() => Verify("""
        using NetGen;
        [Network(2)]
        [Dense({|CS0182:{|NG0017:Sizes.Hidden|}|})]
        public partial class Net;
        static class Sizes { public static readonly int Hidden = 4; }
        """,
        E("CS0182"),
        E("NG0017", "The argument 'units' of [Dense] must be a constant int, but 'Sizes.Hidden' is not a compile-time constant"));

    [Fact]
    public void NG0017_WrongType() => Verify("""
        using NetGen;
        [Network({|CS1503:{|NG0017:"2"|}|})]
        [Dense(1)]
        public partial class Net;
        """,
        E("CS1503"),
        E("NG0017", "The argument 'inputs' of [Network] must be a constant int, but '\"2\"' is of type 'string'"));

    [Fact]
    public void NG0017_Missing() => Verify("""
        using NetGen;
        [{|NG0017:{|CS1729:Network|}|}]
        [Dense(1)]
        public partial class Net;
        """,
        E("CS1729"),
        E("NG0017", "The argument 'inputs' of [Network] must be a constant int, but it is missing"));

    [Fact]
    public void NG0017_OneBadArgumentDoesNotCondemnTheOthers() => Verify("""
        using NetGen;
        [Network(2)]
        [Dense({|CS1503:{|NG0017:4.5|}|}, Activation.ReLU)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net;
        """,
        E("CS1503"),
        E("NG0017", "The argument 'units' of [Dense] must be a constant int, but '4.5' is of type 'double'"));

    [Fact]
    public void NG0017_InputsPropertyNotConstant() => Verify("""
        using NetGen;
        [Network(2)]
        [Dense(1, {|NG0017:Inputs = {|CS0182:Net.N|}|})]
        public partial class Net
        {
            public static int N = 2;
        }
        """,
        E("NG0017", "The argument 'Inputs' of [Dense] must be a constant int, but 'Net.N' is not a compile-time constant"),
        E("CS0182"));

    [Fact]
    public void NG0017_NamedInputsOfTheWrongType() => Verify("""
        using NetGen;
        [Network(2)]
        [Dense(1, {|NG0017:Inputs = {|CS0029:"2"|}|})]
        public partial class Net;
        """,
        E("NG0017", "The argument 'Inputs' of [Dense] must be a constant int, but '\"2\"' is of type 'string'"),
        E("CS0029"));

    [Fact]
    public void MissingInputsDoNotCondemnTheLoss() => Verify("""
        using NetGen;
        [{|NG0017:{|CS1729:Network(Loss = Loss.BinaryCrossEntropy)|}|}]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net;
        """,
        E("CS1729"),
        E("NG0017", "The argument 'inputs' of [Network] must be a constant int, but it is missing"));

    [Fact]
    public void CompilerErrorsInTheAttributesGenerateNothing() => Verify("""
        using NetGen;
        [Network(2, {|NG0017:Loss = {|CS0266:1|}|})]
        [{|CS1729:Dense(1, Activation.Sigmoid, 7)|}]
        public partial class Net;
        """,
        E("NG0017", "The argument 'Loss' of [Network] must be a constant NetGen.Loss value, but '1' is of type 'int'"),
        E("CS0266"),
        E("CS1729"));

    [Fact]
    public void SyntaxErrorsInTheAttributesGenerateNothing() => Verify("""
        using NetGen;
        [Network(2,{|CS1525:)|}]
        [Dense(3, {|NG0017:Activation.|}{|CS1001:)|}]
        public partial class Net;
        """,
        E("CS1525"),
        E("NG0017", "The argument 'activation' of [Dense] must be a constant NetGen.Activation value, but 'Activation.' is not a compile-time constant"),
        E("CS1001"));

    // ── NG0018–NG0019: members ──────────────────────────────────────────────────────────────────────

    [Fact]
    public void NG0018_UserForwardMethod() => Verify("""
        using System;
        using NetGen;
        [Network(2)]
        [Dense(1)]
        public partial class Net
        {
            public void {|NG0018:Forward|}(ReadOnlySpan<float> inputs, Span<float> outputs) { }
        }
        """,
        E("NG0018", "The method 'Forward' conflicts with 'Forward', which NetGen generates in every network; rename or remove it"));

    [Fact]
    public void NG0018_UserParametersProperty() => Verify("""
        using NetGen;
        [Network(2)]
        [Dense(1)]
        public partial class Net
        {
            public float[] {|NG0018:Parameters|} => [];
        }
        """,
        E("NG0018", "The property 'Parameters' conflicts with 'Parameters', which NetGen generates in every network; rename or remove it"));

    [Fact]
    public void NG0018_UserConstructorsWithTheGeneratedSignatures() => Verify("""
        using NetGen;
        [Network(2)]
        [Dense(1)]
        public partial class Net
        {
            public {|NG0018:Net|}() { }
            public {|NG0018:Net|}(int size) { }
            public Net(string path) : this() { }
        }
        """,
        E("NG0018", "The constructor 'Net()' conflicts with 'Net()', which NetGen generates in every network; rename or remove it"),
        E("NG0018", "The constructor 'Net(int)' conflicts with 'Net(int seed)', which NetGen generates in every network; rename or remove it"));

    [Fact]
    public void NG0018_LayerViewsOnlyForExistingLayers() => Verify("""
        using NetGen;
        [Network(2)]
        [Dense(3, Activation.ReLU)]
        [Dense(1)]
        public partial class Net
        {
            private int {|NG0018:b2|} = 1;
            private int W3 = 1, b0 = 1, W01 = 1;
            public int Sum => b2 + W3 + b0 + W01;
        }
        """,
        E("NG0018", "The field 'b2' conflicts with 'b2', which NetGen generates in every network; rename or remove it"));

    [Fact]
    public void NG0018_ClassNamedLikeAGeneratedMember() => Verify("""
        using NetGen;
        [Network(2)]
        [Dense(1)]
        public partial class {|NG0018:Cache|};
        """,
        E("NG0018", "The class name 'Cache' conflicts with 'Cache', which NetGen generates in every network; rename or remove it"));

    [Fact]
    public void NG0018_MemberInAnotherPartialDeclaration() => Verify("""
        using NetGen;
        [Network(2)]
        [Dense(1)]
        public partial class Net;

        public partial class Net
        {
            public const int {|NG0018:InputSize|} = 2;
        }
        """,
        E("NG0018", "The constant 'InputSize' conflicts with 'InputSize', which NetGen generates in every network; rename or remove it"));

    [Fact]
    public void NG0018_ExplicitINetworkProperty() => Verify("""
        using NetGen;
        [Network(2)]
        [Dense(1)]
        public partial class Net
        {
            int {|CS0540:INetwork|}.{|NG0018:LayerCount|} => 1;
        }
        """,
        E("CS0540"),
        E("NG0018", "The property 'NetGen.INetwork.LayerCount' conflicts with 'NetGen.INetwork.LayerCount', which NetGen generates in every network; rename or remove it"));

    [Fact]
    public void NG0019_InheritedMembersWithGeneratedNames() => Verify("""
        using NetGen;
        public abstract class Model
        {
            public abstract void Fit();
            public int InputSize => 0;
            private int Parameters => 0;
        }

        [Network(2)]
        [Dense(1)]
        public partial class Net : {|NG0019:Model|}
        {
            public override void {|NG0018:Fit|}() { }
        }
        """,
        E("NG0019", "'Net' inherits 'Fit', 'InputSize' from 'Model', which NetGen generates in every network and would hide; derive from another type or rename the base members"),
        E("NG0018", "The method 'Fit' conflicts with 'Fit', which NetGen generates in every network; rename or remove it"));

    // ── NG0024: language version ────────────────────────────────────────────────────────────────────

    [Theory]
    [InlineData(LanguageVersion.CSharp11, "11.0")]
    [InlineData(LanguageVersion.CSharp10, "10.0")]
    public void NG0024_OlderLanguageVersionGetsOneErrorAndNoGeneratedCode(LanguageVersion version, string shown)
    {
        const string source = """
            using NetGen;
            [Network(2, Loss = Loss.BinaryCrossEntropy)]
            [Dense(4, Activation.Tanh)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net { }
            """;
        var options = new CSharpParseOptions(version);
        var compilation = CSharpCompilation.Create("User", [CSharpSyntaxTree.ParseText(source, options)],
            GeneratorHarness.CreateCompilation().References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var driver = CSharpGeneratorDriver.Create([new NetworkGenerator().AsSourceGenerator()], parseOptions: options)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);

        var error = Assert.Single(diagnostics);
        Assert.Equal("NG0024", error.Id);
        Assert.Equal(
            $"NetGen generates C# 12 for 'Net' (inline arrays, static abstract interface members) but the project compiles C# {shown}; set <LangVersion> to 12 or later (the default for .NET 8 and later)",
            error.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Network(2, Loss = Loss.BinaryCrossEntropy)", error.Location.SourceTree!.GetText().ToString(error.Location.SourceSpan));
        Assert.Empty(driver.GetRunResult().GeneratedTrees);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void NG0024_IsNotReportedForCSharp12()
    {
        const string source = "using NetGen; [Network(2)] [Dense(1)] public partial class Net;";
        var options = new CSharpParseOptions(LanguageVersion.CSharp12);
        var compilation = CSharpCompilation.Create("User", [CSharpSyntaxTree.ParseText(source, options)],
            GeneratorHarness.CreateCompilation().References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        CSharpGeneratorDriver.Create([new NetworkGenerator().AsSourceGenerator()], parseOptions: options)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        Assert.Empty(diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    // ── Valid declarations ──────────────────────────────────────────────────────────────────────────

    [Fact]
    public void NamedAndNonTrailingNamedArgumentsAreRead() => VerifyClean("""
        using NetGen;
        namespace Demo;
        [Network(inputs: 2, Loss = Loss.CrossEntropy)]
        [Dense(units: 4, Activation.ReLU)]
        [Dense(activation: Activation.Softmax, units: 3)]
        public partial class Net;
        """, "Demo.Net.g.cs");

    [Fact]
    public void NestedInPartialTypesOfEveryKind() => VerifyClean("""
        using NetGen;
        namespace Demo.Inner;
        public partial class A<T> where T : class
        {
            internal partial struct B
            {
                private partial record C
                {
                    public partial interface D
                    {
                        [Network(2, Loss = Loss.BinaryCrossEntropy)]
                        [Dense(1, Activation.Sigmoid)]
                        public partial class Net;
                    }
                }
            }
        }
        public static partial class S
        {
            [Network(1)]
            [Dense(1)]
            internal sealed partial class Net;
        }
        """, "Demo.Inner.A_T_.B.C.D.Net.5b5dbd35.g.cs", "Demo.Inner.S.Net.g.cs");

    [Fact]
    public void KeywordNamesAreEscaped() => VerifyClean("""
        using NetGen;
        namespace @class.@event;
        [Network(2)]
        [Dense(1)]
        public partial class @struct;
        """, "class.event.struct.g.cs");

    [Fact]
    public void UserMembersThatDoNotCollideAreAllowed() => VerifyClean("""
        using NetGen;
        [Network(2)]
        [Dense(3, Activation.Tanh)]
        [Dense(1)]
        public partial class Net
        {
            public Net(string name) : this() { Name = name; }
            public Net(long seed) : this((int)seed) { Name = ""; }
            public string Name { get; } = "";
            public float[] W3 = [];
            public override string ToString() => Name;
        }
        """, "Net.g.cs");

    // ── The catalogue ───────────────────────────────────────────────────────────────────────────────

    [Fact]
    public void MirrorEnumsMatchTheRuntime()
    {
        Assert.Equal(Enum.GetNames<Activation>(), Enum.GetNames<Model.ActivationKind>());
        Assert.Equal(Enum.GetValues<Activation>().Select(v => (int)v), Enum.GetValues<Model.ActivationKind>().Select(v => (int)v));
        Assert.Equal(Enum.GetNames<Loss>(), Enum.GetNames<Model.LossKind>());
        Assert.Equal(Enum.GetValues<Loss>().Select(v => (int)v), Enum.GetValues<Model.LossKind>().Select(v => (int)v));
    }
}
