using NetGen.Generator.Model;
using NetGen.Generator.Emit;
using static NetGen.Generator.Emit.Shapes;

namespace NetGen.Generator.Layers.Convolution;

/// <summary>A convolution layer's code: calls of the runtime's convolution kernels, specialised on the layer's geometry type.</summary>
internal static class ConvolutionEmitter
{
    private const string Kernels = "global::NetGen.Kernels.Convolution";

    /// <summary>E.g. <c>Conv2D 1×28×28 → 6×28×28 (k 5, s 1, p 2): Z1 = W1[6×1×5×5] ⋆ A0 + b1; A1 = ReLU(Z1)</c>.</summary>
    public static string Equation(ConvolutionLayer c)
    {
        int l = c.Number;
        return $"{c.Kind} {c.Input} → {c.Output} (k {c.Kernel}, s {c.Stride}, p {c.Padding}): " +
               $"Z{l} = W{l}[{string.Join("×", c.WeightShape)}] ⋆ A{l - 1} + b{l}; A{l} = {ActivationRules.Describe(c.Function, c.Slope)}(Z{l})";
    }

    public static void WriteForward(IndentedWriter w, Shapes s, ConvolutionLayer c, string aPrev, string z, string a, string m)
    {
        int l = c.Number;
        w.Line($"// Layer {l}: {Equation(c)}");
        w.Line($"// {c.Positions} positions × {c.Filters} filters × {c.WeightRowLength} weights each = {c.MultiplyAdds} multiply-adds per example.");
        w.Line($"{Kernels}.Forward<{Names.Geometry(l)}, {s.ActivationKernel(l)}>({aPrev}, {s.WeightSlice("p", l)}, {s.BiasSlice("p", l)}, {z}, {a}, {m});");
    }

    public static void WriteBackward(IndentedWriter w, Shapes s, ConvolutionLayer c, BackwardStep step, string m)
    {
        int l = c.Number;
        w.Line($"// Layer {l}: dW{l}[{string.Join("×", c.WeightShape)}] = 1/m·Σ dZ{l} ⋆ A{l - 1}; db{l}[{c.Filters}] = 1/m·Σ dZ{l} over examples and positions (the 1/m is already in dZ{l})");
        w.Line($"{Kernels}.BackwardWeights<{Names.Geometry(l)}>({step.Dz}, {step.APrevious}, {s.WeightSlice("g", l)}, {s.BiasSlice("g", l)}, {m});");
        if (step.Previous == 0)
        {
            w.Line("// dA0 (the gradient with respect to the inputs) is not needed for training and is not computed.");
            return;
        }
        w.Line($"// Layer {l} → {l - 1}: dA{l - 1}[{c.Input}] = W{l}ᵀ ⋆ dZ{l} (the transposed convolution); dZ{step.Previous} = dA{l - 1} ⊙ {step.PreviousActivation}′(Z{step.Previous})");
        w.Line($"{Kernels}.BackwardInput<{Names.Geometry(l)}, {s.ActivationKernel(step.Previous)}>({step.Dz}, {s.WeightSlice("p", l)}, {step.ZPrevious}, {step.DzPrevious}, {m});");
    }

    /// <summary>The layer's constants as a type the kernels are specialised on.</summary>
    public static void WriteGeometry(IndentedWriter w, ConvolutionLayer c)
    {
        w.Line($"/// <summary>Layer {c.Number}: {c.Kind} over {c.Input}, {c.Filters} filters of {c.KernelHeight}×{c.Kernel}, stride {c.Stride}, padding {c.Padding} → {c.Output}.</summary>");
        w.Open($"public readonly struct Layer{c.Number} : global::NetGen.Kernels.IConvolution");
        w.Line($"public static int Channels => {Num(c.Input.Channels)};");
        w.Line($"public static int Height => {Num(c.Input.Height)};");
        w.Line($"public static int Width => {Num(c.Input.Width)};");
        w.Line($"public static int Filters => {Num(c.Filters)};");
        w.Line($"public static int KernelHeight => {Num(c.KernelHeight)};");
        w.Line($"public static int KernelWidth => {Num(c.Kernel)};");
        w.Line($"public static int StrideHeight => {Num(c.IsTwoDimensional ? c.Stride : 1)};");
        w.Line($"public static int StrideWidth => {Num(c.Stride)};");
        w.Line($"public static int PaddingHeight => {Num(c.IsTwoDimensional ? c.Padding : 0)};");
        w.Line($"public static int PaddingWidth => {Num(c.Padding)};");
        w.Close();
    }
}
