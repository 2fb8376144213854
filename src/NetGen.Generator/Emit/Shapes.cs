using System.Collections.Generic;
using System.Globalization;
using NetGen.Generator.Layers;
using NetGen.Generator.Layers.Dense;
using NetGen.Generator.Layers.Flatten;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// What the emitters share for one network: its layers by number (1-based, every attribute counts), where each
/// parameterised layer's W and b sit in <c>Parameters</c>, which buffer holds each layer's output (a [Flatten] names its
/// input's), and the names and numbers derived from them.
/// </summary>
internal sealed class Shapes
{
    public Shapes(NetworkModel model)
    {
        Model = model;
        int layers = model.Layers.Length;
        WeightOffset = new int[layers + 1];
        BiasOffset = new int[layers + 1];
        var parameterised = new List<int>();
        int offset = 0, maxHidden = 0;
        for (int l = 1; l <= layers; l++)
        {
            var layer = Layer(l);
            if (layer.HasParameters)
            {
                parameterised.Add(l);
                WeightOffset[l] = offset;
                offset += layer.WeightCount;
                BiasOffset[l] = offset;
                offset += layer.BiasCount;
            }
            if (layer.HasOwnBuffers && l != Source(layers) && N(l) > maxHidden) maxHidden = N(l);
        }
        ParameterCount = offset;
        ParameterisedLayers = parameterised;
        MaxHiddenUnits = maxHidden;
        // Forward runs in chunks whose two ping-pong activation buffers live on the stack: at most 64
        // examples and 64 KiB, so a thread-pool thread's stack is never at risk.
        ForwardChunk = maxHidden == 0 ? 64 : System.Math.Max(1, System.Math.Min(64, 8192 / maxHidden));
        IsDenseStack = true;
        foreach (var layer in model.Layers)
            if (layer is not DenseLayer) IsDenseStack = false;
    }

    public NetworkModel Model { get; }

    /// <summary>Layers declared, L (each attribute is one; the output is layer L).</summary>
    public int LayerCount => Model.Layers.Length;

    /// <summary>Numbers of the layers with W and b, in order (their 0-based index here names their tensors).</summary>
    public IReadOnlyList<int> ParameterisedLayers { get; }

    public int ParameterCount { get; }
    public int MaxHiddenUnits { get; }
    public int ForwardChunk { get; }
    public int[] WeightOffset { get; }
    public int[] BiasOffset { get; }

    /// <summary>Whether every layer is Dense (the shape of every network before convolutions).</summary>
    public bool IsDenseStack { get; }

    public LayerModel Layer(int l) => Model.Layers[l - 1];

    /// <summary>n[l]: values per example of A[l] (n[0] = InputSize).</summary>
    public int N(int l) => l == 0 ? Model.InputSize : Layer(l).Output.Size;

    /// <summary>The layer whose buffer holds A[l]: l itself, or for a [Flatten] the layer it flattens (0 = the inputs).</summary>
    public int Source(int l)
    {
        while (l > 0 && !Layer(l).HasOwnBuffers) l--;
        return l;
    }

    /// <summary>The layer that computes the network's output (the last one, or the one a trailing [Flatten] renames).</summary>
    public int OutputLayer => Source(LayerCount);

    /// <summary>Whether layer l keeps Z[l] apart from A[l] (it has an activation); else dZ[l] is the gradient of A[l].</summary>
    public bool HasZ(int l) => l > 0 && Layer(l).Activation is not null;

    /// <summary>The activation of layer l, Identity for one without (pooling: its dZ is its dA).</summary>
    public ActivationKind Activation(int l) => Layer(l).Activation ?? ActivationKind.Identity;

    // Dense layers (the dense emitters and the lane pass use these).
    public int Units(int l) => Layer(l).WeightRows;
    public int Inputs(int l) => Layer(l).Input.Size;
    public int WeightCount(int l) => Layer(l).WeightCount;

    /// <summary>
    /// Layers with at most this many weights are written out as straight-line code (see <see cref="UnrolledDenseEmitter"/>):
    /// for them a kernel call's loops and checks cost more than the arithmetic.
    /// </summary>
    public const int UnrollLimit = 32;

    /// <summary>Whether layer l is a Dense layer written out instead of calling a kernel.</summary>
    public bool IsUnrolled(int l) => Layer(l) is DenseLayer && WeightCount(l) <= UnrollLimit;

    /// <summary>
    /// Whether the cache-free training pass runs with the examples in vector lanes (<see cref="LanesEmitter"/>): every
    /// layer is a written-out Dense layer whose hidden activations have g′ in terms of their output (the lanes keep only A),
    /// and the output is not a softmax under mean squared error (whose Jacobian couples the units).
    /// </summary>
    public bool TrainsInLanes
    {
        get
        {
            for (int l = 1; l <= LayerCount; l++)
                if (!IsUnrolled(l) || (l < LayerCount && !HasOutputDerivative(l))) return false;
            return !(Model.Loss == LossKind.MeanSquaredError && Activation(LayerCount) == ActivationKind.Softmax);
        }
    }

    /// <summary>The generic size type for n, e.g. <c>Sizes.N30</c>.</summary>
    public static string Dim(int n) => Names.Dim(n);

    /// <summary>The kernel struct for an element-wise activation.</summary>
    public static string Kernel(ActivationKind activation) => "global::NetGen.Kernels." + activation;

    /// <summary>
    /// The activation kernel of layer l: <see cref="Kernel"/> of its activation, or <c>LeakyReLU&lt;Sizes.Slope{l}&gt;</c>
    /// for a LeakyReLU with its own slope. The one place that decides it; every emitter asks here.
    /// </summary>
    public string ActivationKernel(int l)
    {
        if (l == 0) return Kernel(ActivationKind.Identity); // the inputs: no activation
        var activation = Activation(l);
        return ActivationRules.IsCustomSlope(activation, Layer(l).Slope)
            ? $"global::NetGen.Kernels.LeakyReLU<Sizes.{Names.SlopeType(l)}>"
            : Kernel(activation);
    }

    /// <summary>Whether layer l's g′ can be computed from its output A (see <see cref="ActivationRules.HasOutputDerivative(ActivationKind, float)"/>).</summary>
    public bool HasOutputDerivative(int l) => l == 0 || ActivationRules.HasOutputDerivative(Activation(l), Layer(l).Slope);

    /// <summary>A float as a C# literal that reads back to the same value, e.g. <c>0.2f</c>.</summary>
    public static string FloatLiteral(float value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "f";

    public string WeightSlice(string span, int l) => $"{span}.Slice(Layout.{Names.Weight(l)}, Layout.{Names.Weight(l)}Length)";
    public string BiasSlice(string span, int l) => $"{span}.Slice(Layout.{Names.Bias(l)}, {Num(Layer(l).BiasCount)})";

    /// <summary>W[l]'s shape as written in comments: "8×16" or "6×1×5×5".</summary>
    public string WeightShapeText(int l) => string.Join("×", Layer(l).WeightShape);

    /// <summary>The layer comment, e.g. <c>Z2[8×m] = W2[8×16]·A1[16×m] + b2; A2 = ReLU(Z2)</c>.</summary>
    public string Equation(int l) => LayerEmitters.Equation(this, l);

    public static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}
