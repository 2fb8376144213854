using NetGen.Generator.Model;

namespace NetGen.Generator.Layers.Convolution;

/// <summary>
/// A convolution layer l (Conv2D on C × H × W, Conv1D on C × L): Z = W ⋆ A_prev + b, a correlation over zero-padded
/// input with W of Filters × C × Kernel (× Kernel), A = g(Z). Output Filters × ⌊(n + 2·Padding − Kernel) / Stride⌋ + 1
/// along each spatial axis, as PyTorch's Conv2d/Conv1d.
/// </summary>
internal sealed record ConvolutionLayer(int Number, TensorShape Input, TensorShape Output, int Kernel, int Stride, int Padding,
    ActivationKind Function, float NegativeSlope = ActivationRules.DefaultSlope) : LayerModel(Number, Input, Output)
{
    public override float Slope => NegativeSlope;
    public bool IsTwoDimensional => Input.Rank == 3;
    public int Filters => Output.Channels;
    public int KernelHeight => IsTwoDimensional ? Kernel : 1;
    public override string Kind => IsTwoDimensional ? "Conv2D" : "Conv1D";
    public override ActivationKind? Activation => Function;
    public override int WeightRows => Filters;
    public override int WeightRowLength => Input.Channels * KernelHeight * Kernel;
    public override long[] WeightShape => IsTwoDimensional ? [Filters, Input.Channels, Kernel, Kernel] : [Filters, Input.Channels, Kernel];

    /// <summary>Output positions per filter: OH·OW (or the output length).</summary>
    public int Positions => Output.Height * Output.Width;

    public override long MultiplyAdds => (long)WeightCount * Positions;
}
