namespace NetGen.Generator.Tests;

public class HarnessTests
{
    [Fact]
    public void ValidNetworkGeneratesCompilingCode()
    {
        var result = GeneratorHarness.Run("""
            using NetGen;
            namespace Demo;
            [Network(2, Loss = Loss.BinaryCrossEntropy)]
            [Dense(4, Activation.Tanh)]
            [Dense(1, Activation.Sigmoid)]
            public partial class XorNet;
            """);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationDiagnostics);
        Assert.Equal(["Demo.XorNet.g.cs"], result.HintNames);
    }
}
