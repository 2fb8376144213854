using NetGen.Generator.Emit;
using static NetGen.Generator.Emit.Shapes;

namespace NetGen.Generator.Layers.Pooling;

/// <summary>A pooling layer's code: calls of the runtime's pooling kernels, specialised on the layer's geometry type.</summary>
internal static class PoolingEmitter
{
    private const string Kernels = "global::NetGen.Kernels.Pooling";

    /// <summary>E.g. <c>MaxPool2D 6×28×28 → 6×14×14 (size 2, stride 2): A2 = the maximum of each 2×2 window of A1</c>.</summary>
    public static string Equation(PoolingLayer p)
    {
        string window = p.IsTwoDimensional ? $"{p.Size}×{p.Size}" : $"{p.Size}";
        string reduce = p.Operation == PoolingOperation.Max ? "maximum" : "mean";
        return $"{p.Kind} {p.Input} → {p.Output} (size {p.Size}, stride {p.Stride}): A{p.Number} = the {reduce} of each {window} window of A{p.Number - 1}";
    }

    public static void WriteForward(IndentedWriter w, PoolingLayer p, string aPrev, string a, string m)
    {
        w.Line($"// Layer {p.Number}: {Equation(p)}");
        string kernel = p.Operation == PoolingOperation.Max ? "MaxForward" : "AvgForward";
        w.Line($"{Kernels}.{kernel}<{Names.Geometry(p.Number)}>({aPrev}, {a}, {m});");
    }

    public static void WriteBackward(IndentedWriter w, Shapes s, PoolingLayer p, BackwardStep step, string m)
    {
        int l = p.Number;
        if (step.Previous == 0)
        {
            w.Line($"// Layer {l}: no parameters, and the gradient with respect to the inputs is not needed.");
            return;
        }
        string routed = p.Operation == PoolingOperation.Max
            ? $"each dA{l} value goes to its window's maximum in A{l - 1} (the first on ties, as PyTorch)"
            : $"each dA{l} value is spread evenly over its window";
        w.Line($"// Layer {l} → {l - 1}: dA{l - 1}[{p.Input}]: {routed}; dZ{step.Previous} = dA{l - 1} ⊙ {step.PreviousActivation}′(Z{step.Previous})");
        string activation = s.ActivationKernel(step.Previous);
        if (p.Operation == PoolingOperation.Max)
            w.Line($"{Kernels}.MaxBackward<{Names.Geometry(l)}, {activation}>({step.Dz}, {step.APrevious}, {step.ZPrevious}, {step.DzPrevious}, {m});");
        else
            w.Line($"{Kernels}.AvgBackward<{Names.Geometry(l)}, {activation}>({step.Dz}, {step.ZPrevious}, {step.DzPrevious}, {m});");
    }

    public static void WriteGeometry(IndentedWriter w, PoolingLayer p)
    {
        string window = p.IsTwoDimensional ? $"{p.Size}×{p.Size}" : $"{p.Size}";
        w.Line($"/// <summary>Layer {p.Number}: {p.Kind} over {p.Input}, {window} windows, stride {p.Stride} → {p.Output}.</summary>");
        w.Open($"public readonly struct Layer{p.Number} : global::NetGen.Kernels.IPooling");
        w.Line($"public static int Channels => {Num(p.Input.Channels)};");
        w.Line($"public static int Height => {Num(p.Input.Height)};");
        w.Line($"public static int Width => {Num(p.Input.Width)};");
        w.Line($"public static int SizeHeight => {Num(p.SizeHeight)};");
        w.Line($"public static int SizeWidth => {Num(p.Size)};");
        w.Line($"public static int StrideHeight => {Num(p.StrideHeight)};");
        w.Line($"public static int StrideWidth => {Num(p.Stride)};");
        w.Close();
    }
}
