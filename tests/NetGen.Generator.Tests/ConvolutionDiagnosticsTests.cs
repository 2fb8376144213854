using static NetGen.Generator.Tests.DiagnosticsVerifier;

namespace NetGen.Generator.Tests;

/// <summary>The shape checks of convolution, pooling and flatten layers (NG0041–NG0046, and NG0007/NG0010/NG0008 for them), exact.</summary>
public class ConvolutionDiagnosticsTests
{
    private static Expected E(string id, string? message = null) => new(id, message);

    [Fact]
    public void LeNetIsClean() => VerifyClean("""
        using NetGen;
        [Network(1, 28, 28, Loss = Loss.CrossEntropy)]
        [Conv2D(6, 5, Activation.ReLU, Padding = 2)]
        [MaxPool2D(2)]
        [Conv2D(16, 5, Activation.ReLU)]
        [AvgPool2D(2)]
        [Flatten]
        [Dense(120, Activation.ReLU, Inputs = 400)]
        [Dense(84, Activation.ReLU)]
        [Dense(10, Activation.Softmax)]
        public partial class LeNet;

        [Network(3, 64, Loss = Loss.BinaryCrossEntropy)]
        [Conv1D(8, 5, Activation.Tanh, Stride = 2, Padding = 2)]
        [MaxPool1D(2)]
        [Flatten]
        [Dense(1, Activation.Sigmoid)]
        public partial class SequenceNet;
        """, "LeNet.g.cs", "SequenceNet.g.cs");

    [Fact]
    public void NG0041_KernelLargerThanThePaddedInput() => Verify("""
        using NetGen;
        [Network(1, 12, 12)]
        [Conv2D(4, 5, Activation.ReLU)]
        [MaxPool2D(2)]
        [Conv2D(8, {|NG0041:5|}, Activation.ReLU)]
        [Flatten]
        [Dense(10)]
        public partial class Net;
        """,
        E("NG0041", "Conv2D kernel 5 does not fit the 4×4 input of layer 3 (padding 0)"));

    [Fact]
    public void NG0041_PaddingMakesTheKernelFit() => VerifyClean("""
        using NetGen;
        [Network(1, 4, 4)]
        [Conv2D(2, 5, Padding = 1)]
        [Flatten]
        [Dense(1)]
        public partial class Net;
        """, "Net.g.cs");

    [Fact]
    public void NG0041_PoolingWindowLargerThanItsInput() => Verify("""
        using NetGen;
        [Network(2, 10)]
        [Conv1D(4, 3, Activation.ReLU, Stride = 4)]
        [MaxPool1D({|NG0041:4|})]
        [Flatten]
        [Dense(1)]
        public partial class Net;
        """,
        E("NG0041", "MaxPool1D window 4 does not fit the 2 input of layer 2 (pooling has no padding)"));

    [Fact]
    public void NG0042_DenseAfterAShapedLayer() => Verify("""
        using NetGen;
        [Network(1, 28, 28)]
        [Conv2D(6, 5, Activation.ReLU)]
        [{|NG0042:Dense(10, Activation.Sigmoid)|}]
        public partial class Net;
        """,
        E("NG0042", "Layer 2 is Dense, which needs a flat input, but it receives the 6×24×24 output (C×H×W) of layer 1; put [Flatten] before it to feed it those 3456 values as one vector"));

    [Fact]
    public void NG0042_DenseOnAShapedNetworkInput() => Verify("""
        using NetGen;
        [Network(3, 64)]
        [{|NG0042:Dense(1)|}]
        public partial class Net;
        """,
        E("NG0042", "Layer 1 is Dense, which needs a flat input, but it receives the network's 3×64 input (C×L); put [Flatten] before it to feed it those 192 values as one vector"));

    [Fact]
    public void NG0010_InputsAfterFlattenNameTheFlattenedShape() => Verify("""
        using NetGen;
        [Network(1, 28, 28)]
        [Conv2D(6, 5, Activation.ReLU, Padding = 2)]
        [MaxPool2D(2)]
        [Flatten]
        [Dense(10, Activation.Sigmoid, {|NG0010:Inputs = 784|})]
        public partial class Net;
        """,
        E("NG0010", "Layer 4 declares Inputs = 784, but it receives 1176 values from the 6×14×14 = 1176 values flattened by layer 3; expected Inputs = 1176"));

    [Fact]
    public void NG0043_TwoDimensionalLayerOnASequence() => Verify("""
        using NetGen;
        [Network(3, 64)]
        [{|NG0043:Conv2D(8, 3, Activation.ReLU)|}]
        [Flatten]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net;
        """,
        E("NG0043", "Layer 1 is Conv2D, which needs a C×H×W input, but it receives the network's 3×64 input (C×L); use Conv1D on a C×L input"));

    [Fact]
    public void NG0043_PoolingAfterFlatten() => Verify("""
        using NetGen;
        [Network(1, 8, 8)]
        [Conv2D(2, 3)]
        [Flatten]
        [{|NG0043:MaxPool2D(2)|}]
        [Dense(1)]
        public partial class Net;
        """,
        E("NG0043", "Layer 3 is MaxPool2D, which needs a C×H×W input, but it receives the 72 values (flat) of layer 2"));

    [Fact]
    public void NG0043_OneDimensionalPoolingOnAnImage() => Verify("""
        using NetGen;
        [Network(1, 8, 8)]
        [{|NG0043:AvgPool1D(2)|}]
        [Flatten]
        [Dense(1)]
        public partial class Net;
        """,
        E("NG0043", "Layer 1 is AvgPool1D, which needs a C×L input, but it receives the network's 1×8×8 input (C×H×W); use AvgPool2D on a C×H×W input"));

    [Fact]
    public void NG0007_NonPositiveConvolutionAndPoolingArguments() => Verify("""
        using NetGen;
        [Network(1, 8, {|NG0007:0|})]
        [Conv2D({|NG0007:0|}, {|NG0007:-1|}, {|NG0007:Stride = 0|})]
        [MaxPool2D({|NG0007:0|})]
        [AvgPool2D(2, {|NG0007:Stride = -2|})]
        [Flatten]
        [Dense(1)]
        public partial class Net;
        """,
        E("NG0007", "The network's width must be positive, but it is 0"),
        E("NG0007", "The filters of layer 1 must be positive, but it is 0"),
        E("NG0007", "The kernel of layer 1 must be positive, but it is -1"),
        E("NG0007", "The stride of layer 1 must be positive, but it is 0"),
        E("NG0007", "The size of layer 2 must be positive, but it is 0"),
        E("NG0007", "The stride of layer 3 must be positive, but it is -2"));

    [Fact]
    public void NG0044_NegativePadding() => Verify("""
        using NetGen;
        [Network(1, 8, 8)]
        [Conv2D(2, 3, {|NG0044:Padding = -1|})]
        [Flatten]
        [Dense(1)]
        public partial class Net;
        """,
        E("NG0044", "The padding of layer 1 must be 0 or more, but it is -1"));

    [Fact]
    public void NG0045_LayerOutputOverTheLimit() => Verify("""
        using NetGen;
        [Network(1, 1024, 1024)]
        [Conv2D({|NG0045:64|}, 3, Padding = 1)]
        [MaxPool2D(64)]
        [Flatten]
        [Dense(1)]
        public partial class Net;
        """,
        E("NG0045", "Layer 1 outputs 64×1024×1024 = 67108864 values per example, more than the limit of 16777216 (2^24)"));

    /// <summary>An input over the limit is named as the network's input (not as a "layer 0").</summary>
    [Fact]
    public void NG0045_NetworkInputOverTheLimit() => Verify("""
        using NetGen;
        [{|NG0045:Network(3, 4096, 4096)|}]
        [MaxPool2D(4096)]
        [Flatten]
        [Dense(1)]
        public partial class Net;
        """,
        E("NG0045", "The network's input has 3×4096×4096 = 50331648 values per example, more than the limit of 16777216 (2^24)"));

    [Fact]
    public void NG0008_ConvolutionWeightsOverTheLimit() => Verify("""
        using NetGen;
        [Network(4096, 4, 4)]
        [Conv2D({|NG0008:1024|}, 4)]
        [Flatten]
        [Dense(1)]
        public partial class Net;
        """,
        E("NG0008", "Layer 1 has 1024×4096×4×4 = 67108864 weights, more than the limit of 16777216 (2^24) per layer"));

    [Fact]
    public void NG0046_SoftmaxOnAConvolution() => Verify("""
        using NetGen;
        [Network(1, 8, 8, Loss = Loss.CrossEntropy)]
        [Conv2D(2, 3, {|NG0046:Activation.Softmax|})]
        [Flatten]
        [Dense(3, Activation.Softmax)]
        public partial class Net;
        """,
        E("NG0046", "Layer 1 is Conv2D, which cannot use Softmax; Softmax normalises the outputs of a Dense output layer"));

    [Fact]
    public void NG0047_SlopeOnAnotherActivation() => Verify("""
        using NetGen;
        [Network(4)]
        [Dense(3, Activation.ReLU, {|NG0047:Slope = 0.2f|})]
        [Dense(1)]
        public partial class Net;
        """,
        E("NG0047", "Layer 1 sets Slope = 0.2 but its activation is ReLU; Slope is LeakyReLU's negative slope (use Activation.LeakyReLU, or remove Slope)"));

    [Fact]
    public void NG0047_SlopeOnAConvolutionWithoutActivation() => Verify("""
        using NetGen;
        [Network(1, 8, 8)]
        [Conv2D(2, 3, {|NG0047:Slope = 0.1f|})]
        [Flatten]
        [Dense(1)]
        public partial class Net;
        """,
        E("NG0047", "Layer 1 sets Slope = 0.1 but its activation is Identity; Slope is LeakyReLU's negative slope (use Activation.LeakyReLU, or remove Slope)"));

    [Fact]
    public void NG0048_SlopeNotFinite() => Verify("""
        using NetGen;
        [Network(4)]
        [Dense(3, Activation.LeakyReLU, {|NG0048:Slope = float.NaN|})]
        [Dense(2, Activation.LeakyReLU, {|NG0048:Slope = float.PositiveInfinity|})]
        public partial class Net;
        """,
        E("NG0048", "Layer 1 sets Slope = NaN; LeakyReLU's negative slope must be a finite number"),
        E("NG0048", "Layer 2 sets Slope = Infinity; LeakyReLU's negative slope must be a finite number"));

    [Fact]
    public void ASlopeOnLeakyReLUIsClean() => VerifyClean("""
        using NetGen;
        [Network(1, 8, 8)]
        [Conv2D(2, 3, Activation.LeakyReLU, Slope = 0.2f)]
        [Flatten]
        [Dense(3, Activation.LeakyReLU, Slope = -1)]
        [Dense(1, Activation.LeakyReLU, Slope = 0.01f)]
        public partial class Net;
        """, "Net.g.cs");

    [Fact]
    public void NG0005_ConvolutionWithoutNetwork() => Verify("""
        using NetGen;
        [{|NG0005:Conv2D(2, 3)|}]
        [{|NG0005:Flatten|}]
        public partial class Net;
        """,
        E("NG0005", "'Net' has [Conv2D] layers but no [Network(inputs)] attribute, so no network is generated"),
        E("NG0005", "'Net' has [Flatten] layers but no [Network(inputs)] attribute, so no network is generated"));

    [Fact]
    public void NG0013_PoolingOutputHasNoSigmoid() => Verify("""
        using NetGen;
        [Network(1, 8, Loss = Loss.BinaryCrossEntropy)]
        [Conv1D(2, 3, Activation.Sigmoid)]
        [{|NG0013:MaxPool1D(2)|}]
        [Flatten]
        public partial class Net;
        """,
        E("NG0013", "Loss.BinaryCrossEntropy needs a Sigmoid output layer, but the output layer (layer 2) uses Identity"));

    [Fact]
    public void NG0018_ViewsOnlyForLayersWithParameters() => Verify("""
        using NetGen;
        [Network(1, 8, 8)]
        [Conv2D(2, 3)]
        [MaxPool2D(2)]
        [Flatten]
        [Dense(1)]
        public partial class Net
        {
            public int W2 => 0;   // layer 2 is a pooling layer: no W2 is generated
            public int {|NG0018:b4|} => 0;
        }
        """,
        E("NG0018", "The property 'b4' conflicts with 'b4', which NetGen generates in every network; rename or remove it"));
}
