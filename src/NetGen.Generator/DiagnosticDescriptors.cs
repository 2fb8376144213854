using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace NetGen.Generator;

/// <summary>
/// Every diagnostic NetGen reports, in one place. Each ID has a section in docs/diagnostics.md
/// (the help link) with a wrong example, the message and the fix.
/// </summary>
public static class DiagnosticDescriptors
{
    /// <summary>Category of all NetGen diagnostics.</summary>
    public const string Category = "NetGen";

    /// <summary>Base of the help links.</summary>
    public const string HelpBase = "https://github.com/netgen/netgen/blob/main/docs/diagnostics.md#";

#pragma warning disable CS1591 // the IDs are documented in docs/diagnostics.md
    public const string NotPartialId = "NG0001";
    public const string ContainingTypeNotPartialId = "NG0002";
    public const string UnsupportedTypeId = "NG0003";
    public const string NoLayersId = "NG0004";
    public const string LayerWithoutNetworkId = "NG0005";
    public const string LayersSplitId = "NG0006";
    public const string NonPositiveSizeId = "NG0007";
    public const string LayerTooLargeId = "NG0008";
    public const string NetworkTooLargeId = "NG0009";
    public const string InputsMismatchId = "NG0010";
    public const string SoftmaxHiddenId = "NG0011";
    public const string SoftmaxSingleUnitId = "NG0012";
    public const string BinaryCrossEntropyNeedsSigmoidId = "NG0013";
    public const string CrossEntropyNeedsSoftmaxId = "NG0014";
    public const string MeanSquaredErrorWithSoftmaxId = "NG0015";
    public const string InvalidEnumValueId = "NG0016";
    public const string InvalidArgumentId = "NG0017";
    public const string MemberCollisionId = "NG0018";
    public const string InheritedMemberCollisionId = "NG0019";
    public const string BatchInputLengthId = "NG0020";
    public const string BatchLengthMismatchId = "NG0021";
    public const string GradientLengthId = "NG0022";
    public const string ExampleLengthId = "NG0023";
    public const string LanguageVersionId = "NG0024";
    public const string WindowTooLargeId = "NG0041";
    public const string DenseNeedsFlattenId = "NG0042";
    public const string LayerInputRankId = "NG0043";
    public const string NegativePaddingId = "NG0044";
    public const string LayerOutputTooLargeId = "NG0045";
    public const string ActivationNotSupportedId = "NG0046";
    public const string SlopeWithoutLeakyReluId = "NG0047";
    public const string SlopeNotFiniteId = "NG0048";
    public const string InternalErrorId = "NG0099";
    public const string WeightsFileNotFoundId = "NG0030";
    public const string WeightsFileAmbiguousId = "NG0031";
    public const string WeightsFileUnreadableId = "NG0032";
    public const string WeightsFileMalformedId = "NG0033";
    public const string WeightsTensorMissingId = "NG0034";
    public const string WeightsTensorShapeId = "NG0035";
    public const string WeightsDataLengthId = "NG0036";
    public const string WeightsExtraTensorId = "NG0037";
    public const string WeightsNonFiniteId = "NG0038";
    public const string EmbeddedMemberCollisionId = "NG0039";
#pragma warning restore CS1591

    /// <summary>Most weights one layer may have (2^24): beyond it a float accumulation loses integer precision and the code stops being "small".</summary>
    public const long MaxLayerWeights = 1L << 24;

    /// <summary>Most values one layer may output per example (2^24): the same bound as a layer's weights.</summary>
    public const long MaxLayerOutput = 1L << 24;

    /// <summary>Most parameters one network may have (2^28 floats = 1 GiB).</summary>
    public const long MaxNetworkParameters = 1L << 28;

    // ── Declaration form ────────────────────────────────────────────────────────────────────────

    internal static readonly DiagnosticDescriptor NotPartial = Error(NotPartialId,
        "Network class must be partial",
        "The network class '{0}' must be declared 'partial' so NetGen can generate its members",
        "NetGen adds the network's members to the class in a generated file, which requires the 'partial' modifier.");

    internal static readonly DiagnosticDescriptor ContainingTypeNotPartial = Error(ContainingTypeNotPartialId,
        "Type containing a network must be partial",
        "'{0}' contains the network '{1}' and must be declared 'partial'",
        "A network nested in another type is generated inside a partial declaration of every containing type.");

    internal static readonly DiagnosticDescriptor UnsupportedType = Error(UnsupportedTypeId,
        "Unsupported network declaration",
        "The network '{0}' cannot be {1}; {2}",
        "A network is a non-generic, non-static, non-record partial class without a primary constructor, declared in a type that is not file-local: NetGen generates its constructors and instance members with fixed shapes in a separate file.");

    // ── Layers ──────────────────────────────────────────────────────────────────────────────────

    internal static readonly DiagnosticDescriptor NoLayers = Error(NoLayersId,
        "Network has no layers",
        "The network '{0}' has no layers; add at least one [Dense(units, activation)] after [Network]",
        "A network needs at least one dense layer; its last layer is the output.");

    internal static readonly DiagnosticDescriptor LayerWithoutNetwork = Error(LayerWithoutNetworkId,
        "Layer attributes without [Network]",
        "'{0}' has [{1}] layers but no [Network(inputs)] attribute, so no network is generated",
        "Layers only take effect on a class that also has [Network(inputs)], which fixes the input size.");

    internal static readonly DiagnosticDescriptor LayersSplit = Error(LayersSplitId,
        "Layers split across partial declarations",
        "Layer attributes of '{0}' appear on more than one partial declaration; put every [Dense] on the declaration that has [Network] so their order is defined",
        "Layers are applied in the order written, which is only defined within one declaration.");

    // ── Sizes ───────────────────────────────────────────────────────────────────────────────────

    internal static readonly DiagnosticDescriptor NonPositiveSize = Error(NonPositiveSizeId,
        "Size must be positive",
        "{0} must be positive, but it is {1}",
        "Every input and layer size is a number of units and must be at least 1.");

    internal static readonly DiagnosticDescriptor LayerTooLarge = Error(LayerTooLargeId,
        "Layer too large",
        "Layer {0} has {1}×{2} = {3} weights, more than the limit of 16777216 (2^24) per layer",
        "NetGen targets small fixed-shape networks; a layer may hold at most 2^24 weights (units × inputs).");

    internal static readonly DiagnosticDescriptor NetworkTooLarge = Error(NetworkTooLargeId,
        "Network too large",
        "The network '{0}' has {1} parameters, more than the limit of 268435456 (2^28)",
        "NetGen targets small fixed-shape networks; a network may hold at most 2^28 parameters (1 GiB of floats).");

    internal static readonly DiagnosticDescriptor InputsMismatch = Error(InputsMismatchId,
        "Layer inputs do not match the previous layer",
        "Layer {0} declares Inputs = {1}, but it receives {2} values from {3}; expected Inputs = {2}",
        "The Inputs of a layer must equal the units of the layer before it, or the network's inputs for the first layer.");

    // ── Shaped layers (convolution, pooling, flatten) ───────────────────────────────────────────

    internal static readonly DiagnosticDescriptor WindowTooLarge = Error(WindowTooLargeId,
        "Kernel or window larger than its input",
        "{0} {1} {2} does not fit the {3} input of layer {4} ({5})",
        "A convolution's kernel must fit its input plus padding, and a pooling window its input, along every axis; otherwise the layer has no output.");

    internal static readonly DiagnosticDescriptor DenseNeedsFlatten = Error(DenseNeedsFlattenId,
        "Dense layer after a shaped layer needs [Flatten]",
        "Layer {0} is Dense, which needs a flat input, but it receives {1}; put [Flatten] before it to feed it those {2} values as one vector",
        "A Dense layer multiplies a vector; [Flatten] turns C×H×W (or C×L) into one in the same order, as PyTorch's nn.Flatten, and makes the conversion visible.");

    internal static readonly DiagnosticDescriptor LayerInputRank = Error(LayerInputRankId,
        "Layer does not fit its input's dimensions",
        "Layer {0} is {1}, which needs a {2} input, but it receives {3}{4}",
        "Conv2D and the 2D pooling layers take C×H×W inputs ([Network(channels, height, width)]); Conv1D and the 1D pooling layers take C×L inputs ([Network(channels, length)]).");

    internal static readonly DiagnosticDescriptor NegativePadding = Error(NegativePaddingId,
        "Padding must not be negative",
        "{0} must be 0 or more, but it is {1}",
        "Padding is the number of zeros added on each side of the input.");

    internal static readonly DiagnosticDescriptor LayerOutputTooLarge = Error(LayerOutputTooLargeId,
        "Layer output too large",
        "{0} {1} = {2} values per example, more than the limit of 16777216 (2^24)",
        "NetGen targets small fixed-shape networks; a layer may output at most 2^24 values per example.");

    internal static readonly DiagnosticDescriptor ActivationNotSupported = Error(ActivationNotSupportedId,
        "Softmax on a convolution",
        "Layer {0} is {1}, which cannot use Softmax; Softmax normalises the outputs of a Dense output layer",
        "Softmax turns a Dense output layer into a probability distribution; a convolution uses an element-wise activation (ReLU, LeakyReLU, Tanh, Sigmoid or Identity).");

    internal static readonly DiagnosticDescriptor SlopeWithoutLeakyRelu = Error(SlopeWithoutLeakyReluId,
        "Slope set on an activation other than LeakyReLU",
        "Layer {0} sets Slope = {1} but its activation is {2}; Slope is LeakyReLU's negative slope (use Activation.LeakyReLU, or remove Slope)",
        "Slope is the negative slope of LeakyReLU (PyTorch's negative_slope); on any other activation it would be ignored, which hides a mistake.");

    internal static readonly DiagnosticDescriptor SlopeNotFinite = Error(SlopeNotFiniteId,
        "LeakyReLU slope is not a finite number",
        "Layer {0} sets Slope = {1}; LeakyReLU's negative slope must be a finite number",
        "The negative slope multiplies every negative pre-activation; NaN or an infinity would make the layer's outputs and gradients meaningless.");

    // ── Activations and loss ────────────────────────────────────────────────────────────────────

    internal static readonly DiagnosticDescriptor SoftmaxHidden = Error(SoftmaxHiddenId,
        "Softmax on a hidden layer",
        "Layer {0} of {1} uses Softmax, which is only supported on the output layer (layer {1})",
        "Softmax normalises the output into a probability distribution; use ReLU, LeakyReLU, Tanh or Sigmoid in hidden layers.");

    internal static readonly DiagnosticDescriptor SoftmaxSingleUnit = Error(SoftmaxSingleUnitId,
        "Softmax over a single unit",
        "The output layer (layer {0}) applies Softmax to 1 unit, which always outputs 1; use Activation.Sigmoid with Loss.BinaryCrossEntropy for a binary output, or at least 2 units",
        "Softmax over one value is constant, so the network could not learn.");

    internal static readonly DiagnosticDescriptor BinaryCrossEntropyNeedsSigmoid = Error(BinaryCrossEntropyNeedsSigmoidId,
        "BinaryCrossEntropy needs a Sigmoid output",
        "Loss.BinaryCrossEntropy needs a Sigmoid output layer, but the output layer (layer {0}) uses {1}",
        "Binary cross-entropy is defined for outputs in (0, 1) and is computed stably from the Sigmoid's input.");

    internal static readonly DiagnosticDescriptor CrossEntropyNeedsSoftmax = Error(CrossEntropyNeedsSoftmaxId,
        "CrossEntropy needs a Softmax output",
        "Loss.CrossEntropy needs a Softmax output layer, but the output layer (layer {0}) uses {1}",
        "Cross-entropy is defined for a probability distribution over the outputs and is computed stably from the Softmax's input.");

    internal static readonly DiagnosticDescriptor MeanSquaredErrorWithSoftmax = Warning(MeanSquaredErrorWithSoftmaxId,
        "MeanSquaredError with a Softmax output",
        "Loss.MeanSquaredError{0} with a Softmax output layer learns slowly; use Loss = Loss.CrossEntropy",
        "The softmax Jacobian shrinks squared-error gradients; cross-entropy gives the well-conditioned gradient A − Y.");

    // ── Attribute arguments ─────────────────────────────────────────────────────────────────────

    internal static readonly DiagnosticDescriptor InvalidEnumValue = Error(InvalidEnumValueId,
        "Invalid enum value",
        "{0} is not a defined {1} value; use one of {2}",
        "Only the named members of NetGen.Activation and NetGen.Loss are supported.");

    internal static readonly DiagnosticDescriptor InvalidArgument = Error(InvalidArgumentId,
        "Invalid attribute argument",
        "The argument '{0}' of [{1}] must be a constant {2}, but {3}",
        "NetGen reads sizes, activations and the loss at compile time, so they must be valid constants.");

    // ── Members ─────────────────────────────────────────────────────────────────────────────────

    internal static readonly DiagnosticDescriptor MemberCollision = Error(MemberCollisionId,
        "Member collides with a generated member",
        "{0} conflicts with '{1}', which NetGen generates in every network; rename or remove it",
        "NetGen generates the network's contract (constants, constructors, Forward, ComputeGradients, Parameters, the layer views W1, b1, …); a user member with the same name, or a constructor with the same signature, would conflict.");

    internal static readonly DiagnosticDescriptor InheritedMemberCollision = Error(InheritedMemberCollisionId,
        "Inherited member collides with a generated member",
        "'{0}' inherits {1} from '{2}', which NetGen generates in every network and would hide; derive from another type or rename the base members",
        "The generated members would hide (or fail to implement) members of the base class with the same names.");

    internal static readonly DiagnosticDescriptor LanguageVersionTooLow = Error(LanguageVersionId,
        "NetGen needs C# 12 or later",
        "NetGen generates C# 12 for '{0}' (inline arrays, static abstract interface members) but the project compiles C# {1}; set <LangVersion> to 12 or later (the default for .NET 8 and later)",
        "The generated network uses C# 12 features. Projects that target .NET 8 or later get C# 12 or later by default; an explicit older <LangVersion> must be raised.");

    // ── Call sites (NetworkCallAnalyzer) ────────────────────────────────────────────────────────

    internal static readonly DiagnosticDescriptor BatchInputLength = Error(BatchInputLengthId,
        "Input length is not a multiple of InputSize",
        "'{0}' of {1}.{2} has length {3}, but it must be a positive multiple of {1}.InputSize ({4})",
        "A batch holds m examples of InputSize contiguous features, so its length is m × InputSize with m ≥ 1.");

    internal static readonly DiagnosticDescriptor BatchLengthMismatch = Error(BatchLengthMismatchId,
        "Length does not match the number of examples",
        "'{0}' of {1}.{2} has length {3}, but {4}",
        "Outputs and targets hold OutputSize values for each of the m examples of the inputs.");

    internal static readonly DiagnosticDescriptor GradientLength = Error(GradientLengthId,
        "Gradient length is not ParameterCount",
        "'{0}' of {1}.{2} has length {3}, but it must be {1}.ParameterCount ({4})",
        "The gradient has one value per parameter, in the layout of Parameters.");

    internal static readonly DiagnosticDescriptor ExampleLength = Error(ExampleLengthId,
        "Length does not match one example",
        "'{0}' of {1}.{2} has length {3}, but it must be {1}.{4} ({5}) for one example",
        "Predict and PredictClass take exactly one example: InputSize features in, OutputSize values out.");

    // ── Embedded weights ([Network(…, Weights = "file")]) ──────────────────────────────────────────────

    internal static readonly DiagnosticDescriptor WeightsFileNotFound = Error(WeightsFileNotFoundId,
        "Weights file not found among the AdditionalFiles",
        "The weights file '{0}' of '{1}' is not among the project's AdditionalFiles; add it to the project file as <AdditionalFiles Include=\"{0}\" /> (the path relative to the project file)",
        "A generator can only read files the project passes to the compiler as AdditionalFiles items. The path is matched relative to the source file that declares the network, then as the end of an AdditionalFiles path.");

    internal static readonly DiagnosticDescriptor WeightsFileAmbiguous = Error(WeightsFileAmbiguousId,
        "Weights file path matches several AdditionalFiles",
        "The weights file '{0}' of '{1}' matches {2} AdditionalFiles ({3}); write more of its path so that it names one",
        "A path that is not relative to the declaring source file is matched against the end of each AdditionalFiles path, and must match exactly one.");

    internal static readonly DiagnosticDescriptor WeightsFileUnreadable = Error(WeightsFileUnreadableId,
        "Weights file cannot be read",
        "The weights file '{0}' of '{1}' could not be read from '{2}'",
        "The compiler could not read the AdditionalFiles item (it is missing on disk, locked or not text).");

    internal static readonly DiagnosticDescriptor WeightsFileMalformed = Error(WeightsFileMalformedId,
        "Weights file is not valid",
        "The weights file '{0}' is not a valid netgen-weights/1 file: {1} (line {2}, column {3})",
        "A weights file is a JSON object {\"format\": \"netgen-weights/1\", \"tensors\": {\"0.weight\": {\"shape\": [units, inputs], \"data\": [...]}, ...}} with an optional \"metadata\" object; see docs/embedded-weights.md.");

    internal static readonly DiagnosticDescriptor WeightsTensorMissing = Error(WeightsTensorMissingId,
        "Weights file lacks a tensor",
        "The weights file '{0}' has no tensor '{1}', which '{2}' needs for {3}",
        "Every layer l (0-based) needs the tensors 'l.weight' [units, inputs] and 'l.bias' [units].");

    internal static readonly DiagnosticDescriptor WeightsTensorShape = Error(WeightsTensorShapeId,
        "Tensor shape does not match the layer",
        "Tensor '{0}' in '{1}': expected {2} for layer {3} of '{4}' ({5}) but the file has {6}",
        "A weight tensor is [units, inputs] (the layout of PyTorch nn.Linear.weight) and a bias is [units], for the layers as declared.");

    internal static readonly DiagnosticDescriptor WeightsDataLength = Error(WeightsDataLengthId,
        "Tensor data does not match its shape",
        "Tensor '{0}' in '{1}' has shape {2}, which holds {3} values, but its data has {4}",
        "The data of a tensor lists all its values in row-major order: as many as the product of its shape.");

    internal static readonly DiagnosticDescriptor WeightsExtraTensor = Error(WeightsExtraTensorId,
        "Weights file has a tensor the network does not have",
        "Tensor '{0}' in '{1}' is not a parameter of '{2}' ({3}: tensors '0.weight' to '{4}'); remove it or use the file made for this network",
        "An extra tensor means the file was made for another architecture (e.g. one more layer), so using the rest would be a silent mistake.");

    internal static readonly DiagnosticDescriptor WeightsNonFinite = Error(WeightsNonFiniteId,
        "Weight is not a finite float",
        "Tensor '{0}' in '{1}' has the value {2} at index {3}, which is not a finite float",
        "Embedded parameters must be finite 32-bit floats: NaN, Infinity and numbers beyond ±3.4028235E+38 are refused.");

    internal static readonly DiagnosticDescriptor EmbeddedMemberCollision = Error(EmbeddedMemberCollisionId,
        "Member collides with the embedded weights",
        "{0} conflicts with '{1}', which NetGen generates for a network with embedded weights; rename or remove it",
        "A network with Weights = \"…\" gets a static EmbeddedParameters span holding the embedded values.");

    // ── Internal ────────────────────────────────────────────────────────────────────────────────

    internal static readonly DiagnosticDescriptor InternalError = Error(InternalErrorId,
        "NetGen internal error",
        "NetGen could not generate '{0}': {1}. This is a bug in NetGen; please report it.",
        "The generator met a state it does not handle. It reports it instead of failing the build silently.");

    /// <summary>All descriptors, for the analyzer's SupportedDiagnostics and for tests.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } =
    [
        NotPartial, ContainingTypeNotPartial, UnsupportedType, NoLayers, LayerWithoutNetwork, LayersSplit,
        NonPositiveSize, LayerTooLarge, NetworkTooLarge, InputsMismatch, SoftmaxHidden, SoftmaxSingleUnit,
        BinaryCrossEntropyNeedsSigmoid, CrossEntropyNeedsSoftmax, MeanSquaredErrorWithSoftmax, InvalidEnumValue,
        InvalidArgument, MemberCollision, InheritedMemberCollision, BatchInputLength, BatchLengthMismatch, GradientLength,
        ExampleLength, LanguageVersionTooLow, InternalError,
        WindowTooLarge, DenseNeedsFlatten, LayerInputRank, NegativePadding, LayerOutputTooLarge, ActivationNotSupported,
        SlopeWithoutLeakyRelu, SlopeNotFinite,
        WeightsFileNotFound, WeightsFileAmbiguous, WeightsFileUnreadable, WeightsFileMalformed, WeightsTensorMissing,
        WeightsTensorShape, WeightsDataLength, WeightsExtraTensor, WeightsNonFinite, EmbeddedMemberCollision,
    ];

    private static Dictionary<string, DiagnosticDescriptor>? s_byId;

    internal static DiagnosticDescriptor ById(string id)
    {
        var map = s_byId;
        if (map is null)
        {
            map = new Dictionary<string, DiagnosticDescriptor>();
            foreach (var d in All) map[d.Id] = d;
            s_byId = map;
        }
        return map[id];
    }

    private static DiagnosticDescriptor Error(string id, string title, string message, string description) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description, HelpBase + id.ToLowerInvariant());

    private static DiagnosticDescriptor Warning(string id, string title, string message, string description) =>
        new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, description, HelpBase + id.ToLowerInvariant());
}
