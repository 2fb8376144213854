using System.Linq;

namespace NetGen.Generator.Tests;

/// <summary>Declarations at the edges of what the emitter handles: clashing file names, very wide layers, the unrolling limit.</summary>
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
        Assert.Contains("ParameterStorage.Aligned(stackalloc float[chunk * 16384 + 15], chunk * 16384)", result.GeneratedSource("StackNet.g.cs"));
    }

    [Fact]
    public void LayersUpToThirtyTwoWeightsAreWrittenOutAndLargerOnesCallKernels()
    {
        // 8×4 = 32 weights: written out; 11×3 = 33: kernels. The output layers (4×1, 3×1) are small enough either way.
        var result = GeneratorHarness.Run("""
            using NetGen;
            [Network(4, Loss = Loss.BinaryCrossEntropy)] [Dense(8, Activation.Tanh)] [Dense(4, Activation.ReLU)] [Dense(1, Activation.Sigmoid)] public partial class Small;
            [Network(3, Loss = Loss.BinaryCrossEntropy)] [Dense(11, Activation.Tanh)] [Dense(3, Activation.ReLU)] [Dense(1, Activation.Sigmoid)] public partial class Larger;
            """);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationDiagnostics);

        string small = result.GeneratedSource("Small.g.cs");
        Assert.DoesNotContain("Dense.Forward<", small);
        Assert.DoesNotContain("Dense.BackwardWeights<", small);
        Assert.DoesNotContain("Dense.BackwardInputFromOutput<", small);
        // Unit 3 of layer 1 reads row 3 of W1 (offsets 12–15) against the example's four features.
        Assert.Contains("zi[3] = b[3] + w[12] * x0 + w[13] * x1 + w[14] * x2 + w[15] * x3;", small);
        // Layer 2 → 1: the sum over layer 2's four units of column 7 of W2 (8 wide), times tanh′ from A1.
        Assert.Contains("back_i[7] = (w[7] * d0 + w[15] * d1 + w[23] * d2 + w[31] * d3) * (1f - x7 * x7);", small);
        // Layer 3 → 2 through ReLU′, from A2's sign.
        Assert.Contains("back_i[0] = x0 > 0f ? w[0] * d0 : 0f;", small);

        string larger = result.GeneratedSource("Larger.g.cs");
        Assert.Contains("Dense.Forward<Sizes.N3, Sizes.N11, global::NetGen.Kernels.Tanh>", larger);
        Assert.Contains("Dense.BackwardWeights<Sizes.N3, Sizes.N11>", larger);
        Assert.Contains("Dense.BackwardInputFromOutput<Sizes.N11, Sizes.N3, global::NetGen.Kernels.Tanh>", larger);
        Assert.Contains("Dense.Forward<Sizes.N11, Sizes.N3, global::NetGen.Kernels.ReLU>", larger); // 33 weights in layer 2 as well
        Assert.Contains("zi[0] = b[0] + w[0] * x0 + w[1] * x1 + w[2] * x2;", larger); // the 3-weight output layer

        // Every layer of Small is written out, so its cache-free training pass runs in vector lanes; Larger's does not.
        Assert.Contains("return ComputeGradientsInLanes(inputs, targets, gradients, m, countCorrect: false, out _);", small);
        Assert.Contains("return ComputeGradientsInLanes(inputs, targets, gradients, m, countCorrect: true, out correct);", small);
        Assert.Contains("var a1_7 = global::NetGen.Kernels.Tanh.Apply(b1_7 + w1_7_0 * a0_0 + w1_7_1 * a0_1 + w1_7_2 * a0_2 + w1_7_3 * a0_3);", small);
        Assert.Contains("var dz1_7 = (w2_0_7 * dz2_0 + w2_1_7 * dz2_1 + w2_2_7 * dz2_2 + w2_3_7 * dz2_3) * (one - a1_7 * a1_7);", small);
        Assert.Contains("var dz2_0 = (w3_0_0 * dz3_0) & global::System.Runtime.Intrinsics.Vector256.GreaterThan(a2_0, global::System.Runtime.Intrinsics.Vector256<float>.Zero);", small);
        // 32 + 8 + 32 + 4 + 4 + 1 = 81 sums: ten full groups of eight and one of one.
        Assert.Contains("Lanes.StoreSums(g, 80, 1, db3_0, default, default, default, default, default, default, default);", small);
        Assert.DoesNotContain("ComputeGradientsInLanes", larger);
    }

    [Fact]
    public void SoftmaxUnderMeanSquaredErrorKeepsTheCachedTrainingPass()
    {
        // The softmax Jacobian couples the output units, which the lane pass does not implement: it must not be used.
        var result = GeneratorHarness.Run("""
            using NetGen;
            #pragma warning disable NG0015
            [Network(3, Loss = Loss.MeanSquaredError)] [Dense(4, Activation.Tanh)] [Dense(3, Activation.Softmax)] public partial class SoftMse;
            [Network(3, Loss = Loss.CrossEntropy)] [Dense(4, Activation.Tanh)] [Dense(3, Activation.Softmax)] public partial class SoftCe;
            """);
        Assert.Empty(result.CompilationDiagnostics);
        Assert.DoesNotContain("ComputeGradientsInLanes", result.GeneratedSource("SoftMse.g.cs"));
        string ce = result.GeneratedSource("SoftCe.g.cs");
        Assert.Contains("var logSum = global::NetGen.Kernels.VectorMath.Log(sum) + max;", ce);
        Assert.Contains("cost += global::NetGen.Kernels.Lanes.Widen((y_0 * (logSum - z2_0) + y_1 * (logSum - z2_1) + y_2 * (logSum - z2_2)) & live);", ce);
    }
}
