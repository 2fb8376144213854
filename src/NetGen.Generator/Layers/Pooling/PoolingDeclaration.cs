using NetGen.Generator.Model;
using NetGen.Generator.Parsing;

namespace NetGen.Generator.Layers.Pooling;

/// <summary>
/// <c>[MaxPool2D(size, Stride = size)]</c>, <c>[AvgPool2D]</c>, <c>[MaxPool1D]</c>, <c>[AvgPool1D]</c>. Shape rule: the
/// input is C × H × W (2D) or C × L (1D) (NG0043); the window fits it (no padding, NG0041); output
/// ⌊(n − size) / stride⌋ + 1 per axis, the channels unchanged.
/// </summary>
internal sealed class PoolingDeclaration : LayerDeclaration
{
    private readonly PoolingOperation _operation;
    private readonly bool _twoDimensional;
    private readonly int? _size, _stride;
    private readonly LocationInfo? _sizeLocation;

    public PoolingDeclaration(int number, AttributeArguments args, PoolingOperation operation, bool twoDimensional) : base(number, args)
    {
        _operation = operation;
        _twoDimensional = twoDimensional;
        _size = args.ReadPositiveInt(0, "size", $"The size of layer {number}", out _sizeLocation);
        _stride = _size is int size ? args.ReadOptionalPositiveInt("Stride", size, $"The stride of layer {number}") : null;
    }

    public override bool IsWellFormed => _size is not null && _stride is not null;
    public override string Kind => (_operation == PoolingOperation.Max ? "MaxPool" : "AvgPool") + (_twoDimensional ? "2D" : "1D");

    public override ActivationKind? OutputActivation => ActivationKind.Identity;

    public override LayerModel? Infer(TensorShape input, ShapeContext context)
    {
        int rank = _twoDimensional ? 3 : 2;
        if (input.Rank != rank)
        {
            context.Report(DiagnosticDescriptors.LayerInputRank, AttributeLocation, Number, Kind, _twoDimensional ? "C×H×W" : "C×L",
                context.DescribeInput(input), input.Rank == 1 ? "" : _twoDimensional ? $"; use {Kind.Replace("2D", "1D")} on a C×L input" : $"; use {Kind.Replace("1D", "2D")} on a C×H×W input");
            return null;
        }
        if (_size is not int size || _stride is not int stride) return null;
        if (size > input.Width || (_twoDimensional && size > input.Height))
        {
            context.Report(DiagnosticDescriptors.WindowTooLarge, _sizeLocation, Kind, "window", size, input.Spatial, Number, "pooling has no padding");
            return null;
        }
        int outWidth = (input.Width - size) / stride + 1;
        var output = _twoDimensional
            ? TensorShape.Image(input.Channels, (input.Height - size) / stride + 1, outWidth)
            : TensorShape.Sequence(input.Channels, outWidth);
        return new PoolingLayer(Number, input, output, _operation, size, stride);
    }
}
