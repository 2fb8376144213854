using System.Linq;

namespace NetGen.Generator.Tests;

/// <summary>Declarations at the edges of what the emitter handles: clashing file names, very wide layers.</summary>
public class EmitterEdgeCaseTests
{
    [Fact]
    public void TypesWhoseSanitisedNamesCoincideGetDistinctFiles()
    {
        var result = GeneratorHarness.Run("""
            using NetGen;
            public partial class A<T> { [Network(2)] [Dense(1)] public partial class Net; }
            namespace A_T_ { [Network(2)] [Dense(1)] public partial class Net; }
            """);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationDiagnostics);
        var names = result.HintNames.ToArray();
        Assert.Equal(2, names.Length);
        Assert.Contains("A_T_.Net.g.cs", names);                                            // namespace A_T_: already a file name
        Assert.Single(names, n => System.Text.RegularExpressions.Regex.IsMatch(n, @"^A_T_\.Net\.[0-9a-f]{8}\.g\.cs$")); // A<T>.Net: sanitised + hash
    }

    [Fact]
    public void HiddenLayersTooWideForTheStackUsePooledBuffers()
    {
        var result = GeneratorHarness.Run("""
            using NetGen;
            [Network(2)] [Dense(20000, Activation.ReLU)] [Dense(1)] public partial class WideNet;
            [Network(2)] [Dense(16384, Activation.ReLU)] [Dense(1)] public partial class StackNet;
            """);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationDiagnostics);
        string wide = result.GeneratedSource("WideNet.g.cs");
        Assert.Contains("ArrayPool<float>.Shared.Rent(chunk * 20000)", wide);
        Assert.DoesNotContain("stackalloc float[chunk", wide);
        Assert.Contains("stackalloc float[chunk * 16384]", result.GeneratedSource("StackNet.g.cs"));
    }
}
