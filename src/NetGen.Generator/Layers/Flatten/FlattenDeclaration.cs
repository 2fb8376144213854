using NetGen.Generator.Model;
using NetGen.Generator.Parsing;

namespace NetGen.Generator.Layers.Flatten;

/// <summary><c>[Flatten]</c>. Shape rule: any input becomes a flat vector of its C·H·W values (a flat input stays as it is).</summary>
internal sealed class FlattenDeclaration(int number, AttributeArguments args) : LayerDeclaration(number, args)
{
    public override bool IsWellFormed => true;
    public override string Kind => "Flatten";

    public override ActivationKind? OutputActivation => null;

    public override LayerModel? Infer(TensorShape input, ShapeContext context) => new FlattenLayer(Number, input);
}
