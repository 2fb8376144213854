using NetGen.Generator.Model;

namespace NetGen.Generator.Layers.Dense;

/// <summary>A fully connected layer l: Z = W·A_prev + b with W of Units × Inputs, A = g(Z). Its input is flat.</summary>
internal sealed record DenseLayer(int Number, int Inputs, int Units, ActivationKind Function, float NegativeSlope = ActivationRules.DefaultSlope)
    : LayerModel(Number, TensorShape.Flat(Inputs), TensorShape.Flat(Units))
{
    public override string Kind => "Dense";
    public override ActivationKind? Activation => Function;
    public override float Slope => NegativeSlope;
    public override int WeightRows => Units;
    public override int WeightRowLength => Inputs;
}
