using NetGen.Generator.Model;

namespace NetGen.Generator.Layers.Flatten;

/// <summary>
/// [Flatten] at position l: the C × H × W (or C × L) values of A[l−1] read as one vector of C·H·W values, in the same
/// order (PyTorch's nn.Flatten). It moves no data: the generated code names A[l−1]'s buffer A[l].
/// </summary>
internal sealed record FlattenLayer(int Number, TensorShape Input) : LayerModel(Number, Input, TensorShape.Flat(Input.Size))
{
    public override string Kind => "Flatten";
    public override bool HasOwnBuffers => false;
}
