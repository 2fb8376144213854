using System.Linq;

namespace NetGen.Generator.Tests;

/// <summary>The fixed-size Input/Output types make wrongly sized single-example calls impossible to compile.</summary>
public class TypedVectorTests
{
    private const string Networks = """
        using NetGen;
        namespace App;
        [Network(4, Loss = Loss.CrossEntropy)] [Dense(8, Activation.ReLU)] [Dense(3, Activation.Softmax)] public partial class First;
        [Network(5)] [Dense(2)] public partial class Second;
        """;

    [Fact]
    public void ChainingIntoANetworkWithAnotherInputSizeDoesNotCompile()
    {
        var result = GeneratorHarness.Run(Networks, """
            namespace App;
            public static class Use
            {
                public static Second.Output Run(First first, Second second, First.Input x) => second.Predict(first.Predict(x));
            }
            """);
        Assert.Empty(result.GeneratorDiagnostics);
        var error = Assert.Single(result.CompilationDiagnostics);
        Assert.Equal("CS1503", error.Id); // cannot convert First.Output to Second.Input
        Assert.Contains("App.First.Output", error.GetMessage());
        Assert.Contains("App.Second.Input", error.GetMessage());
    }

    [Fact]
    public void TypedPredictCompilesForTheRightType()
    {
        var result = GeneratorHarness.Run(Networks, """
            namespace App;
            public static class Use
            {
                public static float Run(First first, First.Input x) { var y = first.Predict(x); return y[0] + y[1] + y[2]; }
            }
            """);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationDiagnostics);
    }
}
