using NetGen.Generator.Model;
using NetGen.Generator.Parsing;

namespace NetGen.Generator.Layers.Dense;

/// <summary>
/// <c>[Dense(units, activation = Identity, Inputs = k)]</c>. Shape rule: the input must be flat (after a shaped layer,
/// [Flatten] comes first: NG0042); a written <c>Inputs</c> must equal the size received (NG0010); at most 2^24 weights (NG0008).
/// </summary>
internal sealed class DenseDeclaration : LayerDeclaration
{
    private readonly int? _units;
    private readonly LocationInfo? _unitsLocation;
    private readonly ActivationKind? _activation;
    private readonly LocationInfo? _activationLocation;
    private readonly bool _inputsWritten;
    private readonly int? _inputs;
    private readonly LocationInfo? _inputsLocation;
    private readonly float? _slope;

    public DenseDeclaration(int number, AttributeArguments args) : base(number, args)
    {
        _units = args.ReadPositiveInt(0, "units", $"The units of layer {number}", out _unitsLocation);
        _activation = args.ReadEnum(1, "activation", KnownNames.ActivationEnum, ActivationKind.Identity, out _activationLocation);
        _inputsWritten = args.TryReadNamedInt("Inputs", out _inputs, out _inputsLocation);
        _slope = args.ReadSlope(number, _activation);
    }

    public override bool IsWellFormed => _units is not null && _activation is not null && _slope is not null;
    public override string Kind => "Dense";
    public override ActivationKind? Activation => _activation;
    public override bool HasParameters => true;
    public override LocationInfo? ActivationLocation => _activationLocation;

    public override int? OutputSize => _units;

    public override LayerModel? Infer(TensorShape input, ShapeContext context)
    {
        if (!input.IsFlat)
        {
            context.Report(DiagnosticDescriptors.DenseNeedsFlatten, AttributeLocation, Number, context.DescribeInput(input), input.Size);
            input = TensorShape.Flat(input.Size); // as the fix would have it, so the layers after are still checked
        }
        else if (_inputsWritten && _inputs is int k && k != input.Size)
        {
            string source = context.Previous switch
            {
                null => "the network's inputs",
                Flatten.FlattenLayer flatten => $"the {flatten.Input} = {input.Size} values flattened by layer {flatten.Number}",
                var previous => $"the {input.Size} units of layer {previous.Number}",
            };
            context.Report(DiagnosticDescriptors.InputsMismatch, _inputsLocation, Number, k, input.Size, source);
        }

        if (_units is not int units) return null;
        long weights = (long)units * input.Size;
        if (weights > DiagnosticDescriptors.MaxLayerWeights)
        {
            context.Report(DiagnosticDescriptors.LayerTooLarge, _unitsLocation, Number, units, input.Size, weights);
        }
        return _activation is ActivationKind activation && _slope is float slope ? new DenseLayer(Number, input.Size, units, activation, slope) : null;
    }
}
