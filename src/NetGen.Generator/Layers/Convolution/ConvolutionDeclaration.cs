using NetGen.Generator.Model;
using NetGen.Generator.Parsing;

namespace NetGen.Generator.Layers.Convolution;

/// <summary>
/// <c>[Conv2D(filters, kernel, activation, Stride = 1, Padding = 0)]</c> and <c>[Conv1D(…)]</c>. Shape rule: the input is
/// C × H × W for Conv2D, C × L for Conv1D (NG0043); the kernel fits the padded input along each axis (NG0041); output
/// ⌊(n + 2·padding − kernel) / stride⌋ + 1 per axis; weights and output within the limits (NG0008, NG0045); no Softmax (NG0046).
/// </summary>
internal sealed class ConvolutionDeclaration : LayerDeclaration
{
    private readonly bool _twoDimensional;
    private readonly int? _filters, _kernel, _stride, _padding;
    private readonly LocationInfo? _filtersLocation, _kernelLocation;
    private readonly ActivationKind? _activation;
    private readonly LocationInfo? _activationLocation;
    private readonly float? _slope;

    public ConvolutionDeclaration(int number, AttributeArguments args, bool twoDimensional) : base(number, args)
    {
        _twoDimensional = twoDimensional;
        _filters = args.ReadPositiveInt(0, "filters", $"The filters of layer {number}", out _filtersLocation);
        _kernel = args.ReadPositiveInt(1, "kernel", $"The kernel of layer {number}", out _kernelLocation);
        _activation = args.ReadEnum(2, "activation", KnownNames.ActivationEnum, ActivationKind.Identity, out _activationLocation);
        _stride = args.ReadOptionalPositiveInt("Stride", 1, $"The stride of layer {number}");
        _padding = args.ReadOptionalNonNegativeInt("Padding", 0, $"The padding of layer {number}");
        _slope = args.ReadSlope(number, _activation);
    }

    public override bool IsWellFormed => _filters is not null && _kernel is not null && _stride is not null && _padding is not null && _activation is not null && _slope is not null;
    public override string Kind => _twoDimensional ? "Conv2D" : "Conv1D";
    public override ActivationKind? Activation => _activation;
    public override bool HasParameters => true;
    public override LocationInfo? ActivationLocation => _activationLocation;

    public override LayerModel? Infer(TensorShape input, ShapeContext context)
    {
        int rank = _twoDimensional ? 3 : 2;
        if (input.Rank != rank)
        {
            context.Report(DiagnosticDescriptors.LayerInputRank, AttributeLocation, Number, Kind, _twoDimensional ? "C×H×W" : "C×L",
                context.DescribeInput(input), input.Rank == 1 ? "" : _twoDimensional ? "; use Conv1D on a C×L input" : "; use Conv2D on a C×H×W input");
            return null;
        }
        if (_activation == ActivationKind.Softmax)
        {
            context.Report(DiagnosticDescriptors.ActivationNotSupported, _activationLocation, Number, Kind);
            return null;
        }
        if (_filters is not int filters || _kernel is not int kernel || _stride is not int stride || _padding is not int padding
            || _activation is not ActivationKind activation || _slope is not float slope)
            return null;

        if (kernel > (long)input.Width + 2L * padding || (_twoDimensional && kernel > (long)input.Height + 2L * padding))
        {
            context.Report(DiagnosticDescriptors.WindowTooLarge, _kernelLocation, Kind, "kernel", kernel, input.Spatial, Number, $"padding {padding}");
            return null;
        }
        int outWidth = (int)(((long)input.Width + 2L * padding - kernel) / stride + 1);
        int outHeight = _twoDimensional ? (int)(((long)input.Height + 2L * padding - kernel) / stride + 1) : 1;
        var output = _twoDimensional ? TensorShape.Image(filters, outHeight, outWidth) : TensorShape.Sequence(filters, outWidth);

        long weightsPerFilter = (long)input.Channels * kernel * (_twoDimensional ? kernel : 1);
        long weights = filters * weightsPerFilter;
        if (weights > DiagnosticDescriptors.MaxLayerWeights)
        {
            string perFilter = input.Channels + "×" + kernel + (_twoDimensional ? "×" + kernel : "");
            context.Report(DiagnosticDescriptors.LayerTooLarge, _filtersLocation, Number, filters, perFilter, weights);
        }
        long outputSize = (long)filters * outHeight * outWidth;
        if (outputSize > DiagnosticDescriptors.MaxLayerOutput)
        {
            context.Report(DiagnosticDescriptors.LayerOutputTooLarge, _filtersLocation, $"Layer {Number} outputs", $"{filters}×{(_twoDimensional ? outHeight + "×" : "")}{outWidth}", outputSize);
            return null; // its size may not even fit an int: the layers after it are not inferred
        }
        return new ConvolutionLayer(Number, input, output, kernel, stride, padding, activation, slope);
    }
}
