using System.Collections.Generic;
using System.Linq;
using System.Text;
using NetGen.Generator.Model;
using NetGen.Generator.Emit;
using static NetGen.Generator.Emit.Shapes;

namespace NetGen.Generator.Layers.Dense;

/// <summary>
/// The training pass of a network whose layers are all written out (<see cref="Shapes.TrainsInLanes"/>), with the
/// examples in vector lanes. A 2-4-1 layer has too few units to vectorise across, and per example its step is a chain of
/// dependent scalar operations; eight examples side by side, one per lane of a <c>Vector256&lt;float&gt;</c>, do the same
/// work in the same number of instructions. Z, A and dZ of every layer stay in registers, dW and db are summed per lane
/// and reduced once at the end, and no cache is read or written. The per-lane arithmetic is the cache path's: the same
/// sums in the same order, the same vector activations and losses.
/// </summary>
internal static class LanesEmitter
{
    private const string RS = "global::System.ReadOnlySpan<float>";
    private const string S = "global::System.Span<float>";
    private const string V = "global::System.Runtime.Intrinsics.Vector256";
    private const string VF = "global::System.Runtime.Intrinsics.Vector256<float>";
    private const string Lanes = "global::NetGen.Kernels.Lanes";

    /// <summary>The body of the cache-free <c>ComputeGradients</c> overload: checks, then this pass where it applies.</summary>
    public static void WriteDispatch(IndentedWriter w, Shapes s)
    {
        w.Line("// Every layer is written out: eight examples per step, one per vector lane, no cache (ComputeGradientsInLanes).");
        w.Line("// A weighted loss takes the cache path, whose loss kernels know the weights.");
        w.Open($"if (!{V}.IsHardwareAccelerated{WeightedCondition(s)})");
        w.Line("return ComputeGradients(inputs, targets, gradients, EnsureCache(inputs.Length / InputSize));");
        w.Close();
        w.Line("int m = global::NetGen.Guard.BatchSize(inputs.Length, InputSize, nameof(inputs));");
        w.Line("global::NetGen.Guard.Batch(targets.Length, m, OutputSize, nameof(targets));");
        w.Line("global::NetGen.Guard.Length(gradients.Length, ParameterCount, nameof(gradients), \"ParameterCount\");");
        w.Line("return ComputeGradientsInLanes(inputs, targets, gradients, m, countCorrect: false, out _);");
    }

    /// <summary>The same for the overload that also counts correct classifications (in the lanes, as the cost).</summary>
    public static void WriteCountingDispatch(IndentedWriter w, Shapes s)
    {
        w.Open($"if (!{V}.IsHardwareAccelerated{WeightedCondition(s)})");
        Emit.BackwardEmitter.WriteCountingFromCache(w);
        w.Close();
        w.Line("int m = global::NetGen.Guard.BatchSize(inputs.Length, InputSize, nameof(inputs));");
        w.Line("global::NetGen.Guard.Batch(targets.Length, m, OutputSize, nameof(targets));");
        w.Line("global::NetGen.Guard.Length(gradients.Length, ParameterCount, nameof(gradients), \"ParameterCount\");");
        w.Line("return ComputeGradientsInLanes(inputs, targets, gradients, m, countCorrect: true, out correct);");
    }

    /// <summary>" || _classWeights is not null" for a classifier (whose loss may be weighted), else nothing.</summary>
    private static string WeightedCondition(Shapes s) =>
        s.Model.Loss is LossKind.BinaryCrossEntropy or LossKind.CrossEntropy ? " || _classWeights is not null" : "";

    public static void Write(IndentedWriter w, Shapes s)
    {
        int L = s.LayerCount;
        w.Line("/// <summary>");
        w.Line("/// Forward pass, loss and back-propagation with the examples in vector lanes: these layers are too narrow to");
        w.Line("/// vectorise across their units, so eight examples go through the network side by side, one per lane. Z, A and dZ");
        w.Line("/// stay in registers; dW and db are summed per lane and reduced once at the end. No cache is used.");
        w.Line("/// </summary>");
        w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]");
        w.Open($"private float ComputeGradientsInLanes({RS} a0, {RS} y, {S} g, int m, bool countCorrect, out int correct)");
        w.Line($"{RS} p = Parameters;");
        w.Line("// The parameters, each broadcast to every lane.");
        for (int l = 1; l <= L; l++)
        {
            int nIn = s.Inputs(l), nOut = s.Units(l);
            w.Line($"{RS} w{l} = {s.WeightSlice("p", l)}, b{l} = {s.BiasSlice("p", l)};");
            for (int j = 0; j < nOut; j++)
                w.Line($"{VF} {List(nIn, k => $"w{l}_{j}_{k} = {V}.Create(w{l}[{j * nIn + k}])")};");
            w.Line($"{VF} {List(nOut, j => $"b{l}_{j} = {V}.Create(b{l}[{j}])")};");
        }
        w.Line("// dW and db, summed per lane over the blocks (one line per layer, in parameter order).");
        for (int l = 1; l <= L; l++)
        {
            w.Line($"{VF} {string.Join(", ", WeightSums(s, l).Select(a => a + " = default"))};");
            w.Line($"{VF} {List(s.Units(l), j => $"db{l}_{j} = default")};");
        }
        w.Line($"{V}<double> cost = default;");
        w.Line("correct = 0;");
        w.Line($"{VF} scale = {V}.Create(1f / m), one = {VF}.One;");
        w.Line();
        w.Open($"for (int i = 0; i < m; i += {Lanes}.Count)");
        w.Line("// Examples i … i + count − 1, one per lane; lanes past the batch hold zeros and are masked out of J and dZ.");
        w.Line($"int count = global::System.Math.Min({Lanes}.Count, m - i);");
        w.Line($"var live = {Lanes}.Mask(count);");
        w.Line($"{VF} {List(s.N(0), k => $"a0_{k} = {Lanes}.Load<{Dim(s.N(0))}>(a0, i, count, {k})")};");
        for (int l = 1; l <= L; l++) WriteLayer(w, s, l);
        WriteLoss(w, s);
        WriteCounting(w, s);
        for (int l = L; l >= 1; l--) WriteLayerBackward(w, s, l);
        w.Close();
        w.Line();
        w.Line("// Σ over the lanes, eight parameters at a time in layout order.");
        var sums = new List<string>();
        for (int l = 1; l <= L; l++)
        {
            sums.AddRange(WeightSums(s, l));
            for (int j = 0; j < s.Units(l); j++) sums.Add($"db{l}_{j}");
        }
        for (int first = 0; first < sums.Count; first += 8)
        {
            int count = System.Math.Min(8, sums.Count - first);
            var args = new List<string>(sums.Skip(first).Take(count));
            while (args.Count < 8) args.Add("default");
            w.Line($"{Lanes}.StoreSums(g, {first}, {count}, {string.Join(", ", args)});");
        }
        w.Line($"return (float)({V}.Sum(cost) / m);");
        w.Close();
        w.Line();
    }

    private static IEnumerable<string> WeightSums(Shapes s, int l)
    {
        for (int j = 0; j < s.Units(l); j++)
            for (int k = 0; k < s.Inputs(l); k++)
                yield return $"dW{l}_{j}_{k}";
    }

    /// <summary>Z = W·A_prev + b per unit, summed in the cache path's order; hidden layers keep only A.</summary>
    private static void WriteLayer(IndentedWriter w, Shapes s, int l)
    {
        int nIn = s.Inputs(l), nOut = s.Units(l);
        bool output = l == s.LayerCount;
        var activation = s.Activation(l);
        w.Line();
        w.Line($"// Layer {l}: {s.Equation(l)}");
        for (int j = 0; j < nOut; j++)
        {
            var sum = new StringBuilder($"b{l}_{j}");
            for (int k = 0; k < nIn; k++) sum.Append($" + w{l}_{j}_{k} * a{l - 1}_{k}");
            if (output) w.Line($"var z{l}_{j} = {sum};");
            else w.Line($"var a{l}_{j} = {Apply(s, l, sum.ToString())};");
        }
        if (!output) return;
        if (activation == ActivationKind.Softmax)
        {
            // The softmax kernel's steps per lane: shift by the row's maximum, exponentiate, scale by 1/Σ.
            w.Line($"var max = {Fold(nOut, j => $"z{l}_{j}", (x, y) => $"{V}.Max({x}, {y})")};");
            w.Line($"{VF} {List(nOut, j => $"e{j} = global::NetGen.Kernels.VectorMath.Exp(z{l}_{j} - max)")};");
            w.Line($"{VF} sum = {string.Join(" + ", Enumerable.Range(0, nOut).Select(j => $"e{j}"))}, inverse = one / sum;");
            w.Line($"{VF} {List(nOut, j => $"a{l}_{j} = e{j} * inverse")};");
        }
        else
        {
            for (int j = 0; j < nOut; j++) w.Line($"var a{l}_{j} = {Apply(s, l, $"z{l}_{j}")};");
        }
    }

    /// <summary>J (masked to the live lanes, accumulated in double) and dZ[L] = dJ/dZ[L] with the 1/m folded in.</summary>
    private static void WriteLoss(IndentedWriter w, Shapes s)
    {
        int L = s.LayerCount, n = s.Units(L);
        var activation = s.Activation(L);
        w.Line();
        w.Line($"{VF} {List(n, k => $"y_{k} = {Lanes}.Load<{Dim(n)}>(y, i, count, {k})")};");
        switch (s.Model.Loss)
        {
            case LossKind.BinaryCrossEntropy:
                w.Line($"// Sigmoid + binary cross-entropy: J from Z{L} so a saturated output stays finite; dZ{L} = (A{L} − Y)/m.");
                w.Line($"cost += {Lanes}.Widen(({Sum(n, k => $"global::NetGen.Kernels.Losses.BinaryCrossEntropy(z{L}_{k}, y_{k})")}) & live);");
                for (int k = 0; k < n; k++) w.Line($"var dz{L}_{k} = ((a{L}_{k} - y_{k}) * scale) & live;");
                break;
            case LossKind.CrossEntropy:
                w.Line($"// Softmax + cross-entropy: J = Σ_k y_k·(log Σ_j e^Z{L}_j − Z{L}_k), from the shifted sum; dZ{L} = (A{L} − Y)/m.");
                w.Line($"var logSum = global::NetGen.Kernels.VectorMath.Log(sum) + max;");
                w.Line($"cost += {Lanes}.Widen(({Sum(n, k => $"y_{k} * (logSum - z{L}_{k})")}) & live);");
                for (int k = 0; k < n; k++) w.Line($"var dz{L}_{k} = ((a{L}_{k} - y_{k}) * scale) & live;");
                break;
            default:
                w.Line($"// Mean squared error: J = ½ Σ_k (A{L} − Y)²; dZ{L} = (A{L} − Y)/m ⊙ {activation}′(Z{L}).");
                w.Line($"{VF} {List(n, k => $"d{k} = a{L}_{k} - y_{k}")};");
                w.Line($"cost += {Lanes}.Widen((({Sum(n, k => $"d{k} * d{k}")}) * 0.5f) & live);");
                for (int k = 0; k < n; k++)
                    w.Line($"var dz{L}_{k} = (d{k} * scale * {s.ActivationKernel(L)}.Derivative(z{L}_{k})) & live;");
                break;
        }
    }

    /// <summary>When asked, the live lanes whose predicted class (threshold 0.5 for one output, else the arg-max) is the target's.</summary>
    private static void WriteCounting(IndentedWriter w, Shapes s)
    {
        int L = s.LayerCount, n = s.Units(L);
        w.Line();
        if (n == 1)
        {
            w.Line($"// Training accuracy, when asked: class 1 where A{L} ≥ 0.5, against the target's.");
            w.Line($"if (countCorrect) correct += {Lanes}.CountCorrectThresholded(a{L}_0, y_0, live);");
            return;
        }
        w.Line($"// Training accuracy, when asked: the arg-max of A{L} (first on ties) against the target's.");
        w.Open("if (countCorrect)");
        w.Line($"{VF} bestA = a{L}_0, classA = default, bestY = y_0, classY = default;");
        for (int k = 1; k < n; k++)
            w.Line($"{Lanes}.ArgMaxStep(a{L}_{k}, {k}, ref bestA, ref classA); {Lanes}.ArgMaxStep(y_{k}, {k}, ref bestY, ref classY);");
        w.Line($"correct += {Lanes}.CountEqual(classA, classY, live);");
        w.Close();
    }

    /// <summary>dW += dZ·A_prevᵀ, db += dZ and, unless l = 1, dZ_prev = (Wᵀ·dZ) ⊙ g′ from A_prev.</summary>
    private static void WriteLayerBackward(IndentedWriter w, Shapes s, int l)
    {
        int nIn = s.Inputs(l), nOut = s.Units(l);
        w.Line();
        w.Line(l > 1
            ? $"// Layer {l}: dW{l} += dZ{l}·A{l - 1}ᵀ; db{l} += dZ{l}; dZ{l - 1} = W{l}ᵀ·dZ{l} ⊙ {s.Activation(l - 1)}′, from A{l - 1}"
            : $"// Layer {l}: dW{l} += dZ{l}·A{l - 1}ᵀ; db{l} += dZ{l} (dA0 is not needed)");
        for (int j = 0; j < nOut; j++)
        {
            var line = new StringBuilder();
            for (int k = 0; k < nIn; k++) line.Append($"dW{l}_{j}_{k} += dz{l}_{j} * a{l - 1}_{k}; ");
            w.Line(line.Append($"db{l}_{j} += dz{l}_{j};").ToString());
        }
        if (l == 1) return;
        for (int k = 0; k < nIn; k++)
        {
            string sum = string.Join(" + ", Enumerable.Range(0, nOut).Select(j => $"w{l}_{j}_{k} * dz{l}_{j}"));
            w.Line($"var dz{l - 1}_{k} = {Derivative(s.Activation(l - 1), sum, $"a{l - 1}_{k}")};");
        }
    }

    private static string Apply(Shapes s, int l, string z) =>
        s.Activation(l) == ActivationKind.Identity ? z : $"{s.ActivationKernel(l)}.Apply({z})";

    /// <summary>sum ⊙ g′, with g′ written in terms of the activation's output a, as the cache path does.</summary>
    private static string Derivative(ActivationKind activation, string sum, string a) => activation switch
    {
        ActivationKind.Tanh => $"({sum}) * (one - {a} * {a})",
        ActivationKind.Sigmoid => $"({sum}) * ({a} * (one - {a}))",
        ActivationKind.ReLU => $"({sum}) & {V}.GreaterThan({a}, {VF}.Zero)",
        ActivationKind.LeakyReLU =>
            $"({sum}) * {V}.ConditionalSelect({V}.GreaterThan({a}, {VF}.Zero), one, {V}.Create(global::NetGen.Kernels.LeakyReLU.Slope))",
        ActivationKind.Identity => sum,
        // Softmax is only allowed on the output layer (NG0011), whose input gradient is never needed here.
        _ => throw new System.InvalidOperationException($"{activation} has no element-wise derivative."),
    };

    private static string Sum(int count, System.Func<int, string> term) =>
        string.Join(" + ", Enumerable.Range(0, count).Select(term));

    private static string Fold(int count, System.Func<int, string> item, System.Func<string, string, string> combine)
    {
        string result = item(0);
        for (int k = 1; k < count; k++) result = combine(result, item(k));
        return result;
    }

    private static string List(int count, System.Func<int, string> item) =>
        string.Join(", ", Enumerable.Range(0, count).Select(item));
}
