using System.Collections.Generic;
using System.Text;
using NetGen.Generator.Model;
using NetGen.Generator.Emit;
using static NetGen.Generator.Emit.Shapes;

namespace NetGen.Generator.Layers.Dense;

/// <summary>
/// Layers small enough to write out (at most <see cref="Shapes.UnrollLimit"/> weights, e.g. XOR's 2-4-1): each unit's sum
/// becomes one line of straight-line code over the m examples, with every index a constant. For such layers a kernel
/// call's loops, tails and checks cost more than the arithmetic (a 4×2 layer is 8 multiply-adds per example).
/// Element-wise activations still run as one vectorised pass over the layer's outputs.
/// </summary>
internal static class UnrolledDenseEmitter
{
    private const string RS = "global::System.ReadOnlySpan<float>";
    private const string S = "global::System.Span<float>";

    /// <summary>Z = A_prev·Wᵀ + b, one line per unit, then A = g(Z).</summary>
    public static void WriteForward(IndentedWriter w, Shapes s, int l, string aPrev, string z, string a, string m)
    {
        int nIn = s.Inputs(l), nOut = s.Units(l);
        w.Line($"// Layer {l}: {s.Equation(l)}");
        w.Line($"// {nOut}×{nIn} weights: each unit's sum is written out.");
        w.OpenBlock();
        w.Line($"{RS} w = {s.WeightSlice("p", l)}, b = {s.BiasSlice("p", l)};");
        w.Open($"for (int i = 0; i < {m}; i++)");
        w.Line($"{RS} x = {aPrev}.Slice(i * {Num(nIn)}, {Num(nIn)});");
        w.Line($"{S} zi = {z}.Slice(i * {Num(nOut)}, {Num(nOut)});");
        w.Line($"float {List(nIn, k => $"x{k} = x[{k}]")};");
        for (int j = 0; j < nOut; j++)
        {
            var sum = new StringBuilder($"zi[{j}] = b[{j}]");
            for (int k = 0; k < nIn; k++) sum.Append($" + w[{j * nIn + k}] * x{k}");
            w.Line(sum.Append(';').ToString());
        }
        w.Close();
        if (s.Activation(l) == ActivationKind.Softmax)
            w.Line($"global::NetGen.Kernels.Softmax.Forward<{Dim(nOut)}>({z}, {a}, {m});");
        else
            w.Line($"global::NetGen.Kernels.Dense.Activate<{s.ActivationKernel(l)}>({z}, {a});");
        w.Close();
    }

    /// <summary>
    /// dW = dZᵀ·A_prev, db = Σ dZ and, unless l = 1, dZ_prev = (dZ·W) ⊙ g′ from A_prev, in one pass over the examples:
    /// the sums accumulate in locals and are stored once.
    /// </summary>
    public static void WriteBackward(IndentedWriter w, Shapes s, int l, string dz, string aPrev, string? zPrev, string? dzPrev, string m)
    {
        // g′ from A_prev inside the loop where it can be; otherwise (GELU, SiLU, ELU, Softplus) one pass over Z_prev after it.
        int source = s.Source(l - 1);
        var previousActivation = dzPrev is null ? ActivationKind.Identity : s.Activation(source);
        bool fromOutput = dzPrev is null || s.HasOutputDerivative(source);
        int nIn = s.Inputs(l), nOut = s.Units(l);
        w.Line($"// {nOut}×{nIn} weights: one pass over the examples with every sum written out.");
        w.OpenBlock();
        if (dzPrev is not null) w.Line($"{RS} w = {s.WeightSlice("p", l)};");
        w.Line($"{RS} previous = {aPrev};");
        if (dzPrev is not null) w.Line($"{S} back = {dzPrev};");
        w.Line($"float {List(nOut, j => List(nIn, k => $"dw{j}_{k} = 0f"))};");
        w.Line($"float {List(nOut, j => $"db{j} = 0f")};");
        w.Open($"for (int i = 0; i < {m}; i++)");
        w.Line($"{RS} d = {dz}.Slice(i * {Num(nOut)}, {Num(nOut)}), x = previous.Slice(i * {Num(nIn)}, {Num(nIn)});");
        w.Line($"float {List(nOut, j => $"d{j} = d[{j}]")};");
        w.Line($"float {List(nIn, k => $"x{k} = x[{k}]")};");
        for (int j = 0; j < nOut; j++)
        {
            var line = new StringBuilder($"db{j} += d{j};");
            for (int k = 0; k < nIn; k++) line.Append($" dw{j}_{k} += d{j} * x{k};");
            w.Line(line.ToString());
        }
        if (dzPrev is not null)
        {
            var previous = s.Activation(s.Source(l - 1));
            w.Line($"{S} back_i = back.Slice(i * {Num(nIn)}, {Num(nIn)});");
            for (int k = 0; k < nIn; k++)
            {
                var sum = new StringBuilder();
                for (int j = 0; j < nOut; j++) sum.Append(j == 0 ? "" : " + ").Append($"w[{j * nIn + k}] * d{j}");
                w.Line(fromOutput ? Derivative(previous, $"back_i[{k}]", sum.ToString(), $"x{k}") : $"back_i[{k}] = {sum};");
            }
        }
        w.Close();
        if (dzPrev is not null && !fromOutput)
            w.Line($"global::NetGen.Kernels.Elementwise.MultiplyByDerivative<{s.ActivationKernel(source)}>({zPrev}, back); // ⊙ {previousActivation}′(Z{source})");
        w.Line($"{S} gw = {s.WeightSlice("g", l)}, gb = {s.BiasSlice("g", l)};");
        for (int j = 0; j < nOut; j++)
        {
            var line = new StringBuilder();
            for (int k = 0; k < nIn; k++) line.Append($"gw[{j * nIn + k}] = dw{j}_{k}; ");
            w.Line(line.Append($"gb[{j}] = db{j};").ToString());
        }
        w.Close();
    }

    /// <summary>target = sum ⊙ g′, with g′ written in terms of the activation's output a (as the kernels do).</summary>
    private static string Derivative(ActivationKind activation, string target, string sum, string a) => activation switch
    {
        ActivationKind.Tanh => $"{target} = ({sum}) * (1f - {a} * {a});",
        ActivationKind.Sigmoid => $"{target} = ({sum}) * ({a} * (1f - {a}));",
        ActivationKind.ReLU => $"{target} = {a} > 0f ? {sum} : 0f;",
        ActivationKind.LeakyReLU => $"{target} = ({sum}) * ({a} > 0f ? 1f : global::NetGen.Kernels.LeakyReLU.Slope);",
        ActivationKind.Identity => $"{target} = {sum};",
        // Softmax is only allowed on the output layer (NG0011), whose input gradient is never needed here.
        _ => throw new System.InvalidOperationException($"{activation} has no element-wise derivative."),
    };

    private static string List(int count, System.Func<int, string> item)
    {
        var items = new List<string>(count);
        for (int k = 0; k < count; k++) items.Add(item(k));
        return string.Join(", ", items);
    }
}
