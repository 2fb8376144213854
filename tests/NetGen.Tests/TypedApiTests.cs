using System;

namespace NetGen.Tests;

public class TypedApiTests
{
    [Fact]
    public void TypedPredictMatchesSpanForward()
    {
        var net = new CancerNet(8);
        var (x, _) = GradientCheck.GradientCheckTests.Batch(net, Loss.BinaryCrossEntropy, 1, seed: 4);
        CancerNet.Input input = CancerNet.Input.From(x);
        CancerNet.Output output = net.Predict(input);
        var expected = new float[1];
        net.Forward(x, expected);
        Assert.Equal(expected[0], output[0]);
        Assert.Equal(net.PredictClass(x), net.PredictClass(input));
        ReadOnlySpan<float> view = output;
        Assert.Equal(CancerNet.OutputSize, view.Length);
    }

    [Fact]
    public void InputFromChecksTheLength()
    {
        var ex = Assert.Throws<ArgumentException>(() => CancerNet.Input.From(new float[29]));
        Assert.Equal("values", ex.ParamName);
        Assert.Contains("Expected length 30 (InputSize) but the length is 29", ex.Message);
    }

    [Fact]
    public void TypedVectorsHaveTheNetworksSizes()
    {
        Assert.Equal(CancerNet.InputSize * sizeof(float), System.Runtime.CompilerServices.Unsafe.SizeOf<CancerNet.Input>());
        Assert.Equal(MnistNet.OutputSize * sizeof(float), System.Runtime.CompilerServices.Unsafe.SizeOf<MnistNet.Output>());
    }
}
