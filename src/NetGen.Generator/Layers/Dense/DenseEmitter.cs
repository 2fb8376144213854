using NetGen.Generator.Emit;
using NetGen.Generator.Model;
using static NetGen.Generator.Emit.Shapes;

namespace NetGen.Generator.Layers.Dense;

/// <summary>A Dense layer's code: a register-blocked kernel call, or written out when it is small (<see cref="UnrolledDenseEmitter"/>).</summary>
internal static class DenseEmitter
{
    private const string RS = "global::System.ReadOnlySpan<float>";

    /// <summary>E.g. <c>Z2[8×m] = W2[8×16]·A1[16×m] + b2; A2 = ReLU(Z2)</c>.</summary>
    public static string Equation(Shapes s, int l) =>
        $"Z{l}[{s.Units(l)}×m] = W{l}[{s.Units(l)}×{s.Inputs(l)}]·A{l - 1}[{s.Inputs(l)}×m] + b{l}; A{l} = {ActivationRules.Describe(s.Activation(l), s.Layer(l).Slope)}(Z{l})";

    /// <summary>Z = A_prev·Wᵀ + b then A = g(Z), with the equation and shapes as a comment.</summary>
    public static void WriteForward(IndentedWriter w, Shapes s, int l, string aPrev, string z, string a, string m)
    {
        if (s.IsUnrolled(l))
        {
            UnrolledDenseEmitter.WriteForward(w, s, l, aPrev, z, a, m);
            return;
        }
        w.Line($"// Layer {l}: {s.Equation(l)}");
        string dims = $"{Dim(s.Inputs(l))}, {Dim(s.Units(l))}";
        string weights = s.WeightSlice("p", l), bias = s.BiasSlice("p", l);
        if (s.Activation(l) == ActivationKind.Softmax)
        {
            w.Line($"global::NetGen.Kernels.Dense.Affine<{dims}>({aPrev}, {weights}, {bias}, {z}, {m});");
            w.Line($"global::NetGen.Kernels.Softmax.Forward<{Dim(s.Units(l))}>({z}, {a}, {m});");
        }
        else
        {
            w.Line($"global::NetGen.Kernels.Dense.Forward<{dims}, {s.ActivationKernel(l)}>({aPrev}, {weights}, {bias}, {z}, {a}, {m});");
        }
    }

    /// <summary>The classic equations 2–4 for layer l: dW, db and (unless the input comes before) dZ of the layer before.</summary>
    public static void WriteBackward(IndentedWriter w, Shapes s, int l, BackwardStep step, string m)
    {
        w.Line($"// Layer {l}: dW{l}[{s.Units(l)}×{s.Inputs(l)}] = 1/m·dZ{l}·A{l - 1}ᵀ; db{l}[{s.Units(l)}] = 1/m·Σ dZ{l} (the 1/m is already in dZ{l})");
        string? input = null;
        if (step.Previous > 0)
        {
            var previous = step.PreviousActivation;
            // g′ is evaluated from the cached A = g(Z) where it can be (σ′ = a(1−a), tanh′ = 1−a², ReLU′ = [a > 0]): no
            // exponentials; GELU, SiLU, ELU and Softplus read Z.
            input = s.HasOutputDerivative(step.Previous)
                ? $"// Layer {l} → {l - 1}: dA{l - 1}[{s.Inputs(l)}×m] = W{l}ᵀ·dZ{l}; dZ{step.Previous} = dA{l - 1} ⊙ {previous}′(Z{step.Previous}), with {previous}′ computed from A{step.Previous}"
                : $"// Layer {l} → {l - 1}: dA{l - 1}[{s.Inputs(l)}×m] = W{l}ᵀ·dZ{l}; dZ{step.Previous} = dA{l - 1} ⊙ {previous}′(Z{step.Previous})";
        }
        if (s.IsUnrolled(l))
        {
            w.Line(input ?? "// dA0 (the gradient with respect to the inputs) is not needed for training and is not computed.");
            UnrolledDenseEmitter.WriteBackward(w, s, l, step.Dz, step.APrevious, step.ZPrevious, step.DzPrevious, m);
            return;
        }
        w.Line($"global::NetGen.Kernels.Dense.BackwardWeights<{Dim(s.Inputs(l))}, {Dim(s.Units(l))}>({step.Dz}, {step.APrevious}, {s.WeightSlice("g", l)}, {s.BiasSlice("g", l)}, {m});");
        if (input is null)
        {
            w.Line("// dA0 (the gradient with respect to the inputs) is not needed for training and is not computed.");
            return;
        }
        w.Line(input);
        if (s.HasOutputDerivative(step.Previous))
            w.Line($"global::NetGen.Kernels.Dense.BackwardInputFromOutput<{Dim(s.Inputs(l))}, {Dim(s.Units(l))}, {s.ActivationKernel(step.Previous)}>({step.Dz}, {s.WeightSlice("p", l)}, " +
                   $"{step.APrevious}, {step.DzPrevious}, {m});");
        else
            w.Line($"global::NetGen.Kernels.Dense.BackwardInput<{Dim(s.Inputs(l))}, {Dim(s.Units(l))}, {s.ActivationKernel(step.Previous)}>({step.Dz}, {s.WeightSlice("p", l)}, " +
                   $"{step.ZPrevious}, {step.DzPrevious}, {m});");
    }
}
