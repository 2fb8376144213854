using System.Globalization;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>Names and numbers the emitters share for one network: sizes, offsets, kernel type names.</summary>
internal sealed class Shapes
{
    public Shapes(NetworkModel model)
    {
        Model = model;
        int layers = model.Layers.Length;
        WeightOffset = new int[layers + 1];
        BiasOffset = new int[layers + 1];
        int offset = 0, maxHidden = 0;
        for (int l = 1; l <= layers; l++)
        {
            WeightOffset[l] = offset;
            offset += Units(l) * Inputs(l);
            BiasOffset[l] = offset;
            offset += Units(l);
            if (l < layers && Units(l) > maxHidden) maxHidden = Units(l);
        }
        ParameterCount = offset;
        MaxHiddenUnits = maxHidden;
        // Forward runs in chunks whose two ping-pong activation buffers live on the stack: at most 64
        // examples and 64 KiB, so a thread-pool thread's stack is never at risk.
        ForwardChunk = maxHidden == 0 ? 64 : System.Math.Max(1, System.Math.Min(64, 8192 / maxHidden));
    }

    public NetworkModel Model { get; }
    public int LayerCount => Model.Layers.Length;
    public int ParameterCount { get; }
    public int MaxHiddenUnits { get; }
    public int ForwardChunk { get; }
    public int[] WeightOffset { get; }
    public int[] BiasOffset { get; }

    /// <summary>n[l] for 1 ≤ l ≤ L, n[0] = inputs.</summary>
    public int N(int l) => l == 0 ? Model.InputSize : Model.Layers[l - 1].Units;
    public int Units(int l) => Model.Layers[l - 1].Units;
    public int Inputs(int l) => Model.Layers[l - 1].Inputs;
    public ActivationKind Activation(int l) => Model.Layers[l - 1].Activation;
    public int WeightCount(int l) => Units(l) * Inputs(l);

    /// <summary>
    /// Layers with at most this many weights are written out as straight-line code (see <see cref="UnrolledEmitter"/>):
    /// for them a kernel call's loops and checks cost more than the arithmetic.
    /// </summary>
    public const int UnrollLimit = 32;

    /// <summary>Whether layer l is written out instead of calling a kernel.</summary>
    public bool IsUnrolled(int l) => WeightCount(l) <= UnrollLimit;

    /// <summary>
    /// Whether the cache-free training pass runs with the examples in vector lanes (<see cref="LanesEmitter"/>): every
    /// layer is written out, and the output is not a softmax under mean squared error (whose Jacobian couples the units).
    /// </summary>
    public bool TrainsInLanes
    {
        get
        {
            for (int l = 1; l <= LayerCount; l++)
                if (!IsUnrolled(l)) return false;
            return !(Model.Loss == LossKind.MeanSquaredError && Activation(LayerCount) == ActivationKind.Softmax);
        }
    }

    /// <summary>The generic size type for n, e.g. <c>Sizes.N30</c>.</summary>
    public static string Dim(int n) => "Sizes.N" + Num(n);

    /// <summary>The kernel struct for an element-wise activation.</summary>
    public static string Kernel(ActivationKind activation) => "global::NetGen.Kernels." + activation;

    public string WeightSlice(string span, int l) => $"{span}.Slice(Layout.W{l}, Layout.W{l}Length)";
    public string BiasSlice(string span, int l) => $"{span}.Slice(Layout.b{l}, {Num(Units(l))})";

    /// <summary>The layer comment, e.g. <c>Z2[8×m] = W2[8×16]·A1[16×m] + b2; A2 = ReLU(Z2)</c>.</summary>
    public string Equation(int l) =>
        $"Z{l}[{Units(l)}×m] = W{l}[{Units(l)}×{Inputs(l)}]·A{l - 1}[{Inputs(l)}×m] + b{l}; A{l} = {Activation(l)}(Z{l})";

    public static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}
