using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using NetGen.CodeFixes;

namespace NetGen.Generator.Tests;

/// <summary>
/// Each code fix applied to the diagnostic it fixes: the exact text it produces, and that the fixed source then
/// generates its network with no diagnostic at all.
/// </summary>
public class CodeFixTests
{
    /// <summary>Runs the generator in a workspace, applies <paramref name="provider"/>'s only fix for the diagnostic, returns the new text.</summary>
    private static async Task<string?> ApplyAsync(string source, string id, CodeFixProvider provider)
    {
        using var workspace = new AdhocWorkspace();
        var template = GeneratorHarness.CreateCompilation(source);
        var project = workspace.AddProject("User", LanguageNames.CSharp)
            .WithParseOptions(GeneratorHarness.ParseOptions)
            .WithCompilationOptions(template.Options)
            .WithMetadataReferences(template.References);
        var document = project.AddDocument("Source0.cs", SourceText.From(source), filePath: "Source0.cs");
        var compilation = (await document.Project.GetCompilationAsync())!;
        GeneratorHarness.CreateDriver(trackSteps: false).RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics);
        var diagnostic = diagnostics.Single(d => d.Id == id);
        Assert.Contains(id, provider.FixableDiagnosticIds);

        var actions = new List<CodeAction>();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        if (actions.Count == 0) return null;
        var operations = await Assert.Single(actions).GetOperationsAsync(CancellationToken.None);
        var solution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        return (await solution.GetDocument(document.Id)!.GetTextAsync()).ToString();
    }

    private static async Task VerifyFixAsync(CodeFixProvider provider, string id, string before, string after)
    {
        string? fixedText = await ApplyAsync(before, id, provider);
        Assert.Equal(after.ReplaceLineEndings(), fixedText?.ReplaceLineEndings());
        var (_, diagnostics) = DiagnosticsVerifier.Run(fixedText!);
        Assert.True(diagnostics.IsEmpty, "The fixed source still has diagnostics:\n" + string.Join("\n", diagnostics));
    }

    [Fact]
    public Task NG0001_MakesTheClassPartial() => VerifyFixAsync(new MakePartialCodeFixProvider(), "NG0001", """
        using NetGen;
        [Network(2)]
        [Dense(1)]
        public sealed class Net;
        """, """
        using NetGen;
        [Network(2)]
        [Dense(1)]
        public sealed partial class Net;
        """);

    [Fact]
    public Task NG0001_WithoutModifiers() => VerifyFixAsync(new MakePartialCodeFixProvider(), "NG0001", """
        using NetGen;
        namespace Demo
        {
            [Network(2)]
            [Dense(1)]
            class Net { }
        }
        """, """
        using NetGen;
        namespace Demo
        {
            [Network(2)]
            [Dense(1)]
            partial class Net { }
        }
        """);

    [Fact]
    public Task NG0002_MakesTheContainingTypePartial() => VerifyFixAsync(new MakePartialCodeFixProvider(), "NG0002", """
        using NetGen;
        public static class Models
        {
            [Network(2)]
            [Dense(1)]
            public partial class Net;
        }
        """, """
        using NetGen;
        public static partial class Models
        {
            [Network(2)]
            [Dense(1)]
            public partial class Net;
        }
        """);

    [Fact]
    public Task NG0010_SetsInputsToThePreviousLayersUnits() => VerifyFixAsync(new SetInputsCodeFixProvider(), "NG0010", """
        using NetGen;
        [Network(3)]
        [Dense(units: 8, Activation.ReLU)]
        [Dense(1, Activation.Sigmoid, Inputs = 4)]
        public partial class Net;
        """, """
        using NetGen;
        [Network(3)]
        [Dense(units: 8, Activation.ReLU)]
        [Dense(1, Activation.Sigmoid, Inputs = 8)]
        public partial class Net;
        """);

    [Fact]
    public Task NG0010_FirstLayerTakesTheNetworksInputs() => VerifyFixAsync(new SetInputsCodeFixProvider(), "NG0010", """
        using NetGen;
        [Network(Dims.Features)]
        [Dense(4, Inputs = 2)]
        public partial class Net;
        static class Dims { public const int Features = 5; }
        """, """
        using NetGen;
        [Network(Dims.Features)]
        [Dense(4, Inputs = 5)]
        public partial class Net;
        static class Dims { public const int Features = 5; }
        """);

    [Fact]
    public Task NG0013_ReplacesTheOutputActivation() => VerifyFixAsync(new OutputActivationCodeFixProvider(), "NG0013", """
        using NetGen;
        [Network(2, Loss = Loss.BinaryCrossEntropy)]
        [Dense(4, Activation.Tanh)]
        [Dense(1, Activation.Tanh)]
        public partial class Net;
        """, """
        using NetGen;
        [Network(2, Loss = Loss.BinaryCrossEntropy)]
        [Dense(4, Activation.Tanh)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net;
        """);

    [Fact]
    public Task NG0013_AddsTheActivationWhenItIsTheDefault() => VerifyFixAsync(new OutputActivationCodeFixProvider(), "NG0013", """
        using NetGen;
        [Network(2, Loss = Loss.BinaryCrossEntropy)]
        [Dense(1, Inputs = 2)]
        public partial class Net;
        """, """
        using NetGen;
        [Network(2, Loss = Loss.BinaryCrossEntropy)]
        [Dense(1, Activation.Sigmoid, Inputs = 2)]
        public partial class Net;
        """);

    [Fact]
    public Task NG0014_KeepsTheArgumentName() => VerifyFixAsync(new OutputActivationCodeFixProvider(), "NG0014", """
        using NetGen;
        [Network(2, Loss = Loss.CrossEntropy)]
        [Dense(activation: Activation.Sigmoid, units: 3)]
        public partial class Net;
        """, """
        using NetGen;
        [Network(2, Loss = Loss.CrossEntropy)]
        [Dense(activation: Activation.Softmax, units: 3)]
        public partial class Net;
        """);

    [Fact]
    public Task NG0014_QualifiesTheEnumWithoutAUsing() => VerifyFixAsync(new OutputActivationCodeFixProvider(), "NG0014", """
        [NetGen.Network(2, Loss = NetGen.Loss.CrossEntropy)]
        [NetGen.Dense(units: 3)]
        public partial class Net;
        """, """
        [NetGen.Network(2, Loss = NetGen.Loss.CrossEntropy)]
        [NetGen.Dense(units: 3, activation: NetGen.Activation.Softmax)]
        public partial class Net;
        """);

    [Fact]
    public async Task NG0010_NoFixAfterFlatten()
    {
        // The size after [Flatten] (2×4×4 = 32) comes from shape inference, which the message states. The plain-stack rule
        // would offer the network's first argument (1, the channels) instead, so no fix is offered.
        string? fixedText = await ApplyAsync("""
            using NetGen;
            [Network(1, 6, 6)]
            [Conv2D(2, 3)]
            [Flatten]
            [Dense(4, Inputs = 10)]
            [Dense(1)]
            public partial class Net;
            """, "NG0010", new SetInputsCodeFixProvider());
        Assert.Null(fixedText);
    }

    [Fact]
    public async Task NG0014_NoFixForASingleUnit()
    {
        // Softmax over one unit would be NG0012: the right fix (Sigmoid with BinaryCrossEntropy) changes the loss, so none is offered.
        string? fixedText = await ApplyAsync("""
            using NetGen;
            [Network(2, Loss = Loss.CrossEntropy)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net;
            """, "NG0014", new OutputActivationCodeFixProvider());
        Assert.Null(fixedText);
    }

    [Fact]
    public Task NG0015_ReplacesTheLoss() => VerifyFixAsync(new UseCrossEntropyCodeFixProvider(), "NG0015", """
        using NetGen;
        [Network(2, Loss = Loss.MeanSquaredError)]
        [Dense(3, Activation.Softmax)]
        public partial class Net;
        """, """
        using NetGen;
        [Network(2, Loss = Loss.CrossEntropy)]
        [Dense(3, Activation.Softmax)]
        public partial class Net;
        """);

    [Fact]
    public Task NG0015_AddsTheLossWhenItIsTheDefault() => VerifyFixAsync(new UseCrossEntropyCodeFixProvider(), "NG0015", """
        using NetGen;
        [Network(2)]
        [Dense(3, Activation.Softmax)]
        public partial class Net;
        """, """
        using NetGen;
        [Network(2, Loss = Loss.CrossEntropy)]
        [Dense(3, Activation.Softmax)]
        public partial class Net;
        """);

    [Fact]
    public Task NG0042_InsertsFlattenBeforeTheDenseLayer() => VerifyFixAsync(new InsertFlattenCodeFixProvider(), "NG0042", """
        using NetGen;
        [Network(1, 8, 8, Loss = Loss.CrossEntropy)]
        [Conv2D(4, 3, Activation.ReLU)]
        [Dense(10, Activation.Softmax)]
        public partial class Net;
        """, """
        using NetGen;
        [Network(1, 8, 8, Loss = Loss.CrossEntropy)]
        [Conv2D(4, 3, Activation.ReLU)]
        [Flatten]
        [Dense(10, Activation.Softmax)]
        public partial class Net;
        """);

    [Fact]
    public Task NG0042_InsertsFlattenInsideSharedBrackets() => VerifyFixAsync(new InsertFlattenCodeFixProvider(), "NG0042", """
        using NetGen;
        [Network(2, 6, 6), MaxPool2D(2), Dense(3)]
        public partial class Net;
        """, """
        using NetGen;
        [Network(2, 6, 6), MaxPool2D(2), Flatten, Dense(3)]
        public partial class Net;
        """);

    [Fact]
    public void EveryFixerHandlesOnlyNetGenIds()
    {
        CodeFixProvider[] providers = [new MakePartialCodeFixProvider(), new SetInputsCodeFixProvider(), new OutputActivationCodeFixProvider(),
            new UseCrossEntropyCodeFixProvider(), new InsertFlattenCodeFixProvider()];
        var ids = providers.SelectMany(p => p.FixableDiagnosticIds).ToList();
        Assert.Equal(ids.Distinct().Count(), ids.Count);
        Assert.All(ids, id => Assert.Contains(DiagnosticDescriptors.All, d => d.Id == id));
        Assert.All(providers, p => Assert.NotNull(p.GetFixAllProvider()));
    }
}
