using NetGen.Generator.Layers;
using NetGen.Generator.Model;
using static NetGen.Generator.Emit.Shapes;

namespace NetGen.Generator.Emit;

/// <summary>Loss and back-propagation: the four equations of the classic formulation per layer, specialised by each layer kind's emitter.</summary>
internal static class BackwardEmitter
{
    private const string RS = "global::System.ReadOnlySpan<float>";
    private const string S = "global::System.Span<float>";

    public static void Write(IndentedWriter w, Shapes s)
    {
        w.Line("/// <summary>");
        w.Line("/// Forward and backward pass for one batch: returns the cost J = 1/m Σ L(ŷ, y) and writes dJ/dParameters");
        w.Line("/// (same layout as <see cref=\"Parameters\"/>) into <paramref name=\"gradients\"/>. Uses a cache owned by the");
        w.Line("/// network, so calls on one instance must not overlap; use the overload taking a <see cref=\"Cache\"/> per thread.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"inputs\">m examples, each <see cref=\"InputSize\"/> contiguous features.</param>");
        w.Line("/// <param name=\"targets\">m × <see cref=\"OutputSize\"/> target values.</param>");
        w.Line("/// <param name=\"gradients\">Receives <see cref=\"ParameterCount\"/> values.</param>");
        w.Line("/// <returns>The cost J of the batch.</returns>");
        if (s.TrainsInLanes)
        {
            w.Open($"public float ComputeGradients({RS} inputs, {RS} targets, {S} gradients)");
            Layers.Dense.LanesEmitter.WriteDispatch(w, s);
            w.Close();
        }
        else
        {
            w.Line($"public float ComputeGradients({RS} inputs, {RS} targets, {S} gradients) =>");
            w.Line($"    ComputeGradients(inputs, targets, gradients, EnsureCache(inputs.Length / InputSize));");
        }
        w.Line();
        w.Line("/// <summary>ComputeGradients that also counts the examples whose predicted class matches the target's, from the same forward pass.</summary>");
        if (s.TrainsInLanes)
        {
            w.Open($"float global::NetGen.INetwork.ComputeGradients({RS} inputs, {RS} targets, {S} gradients, out int correct)");
            Layers.Dense.LanesEmitter.WriteCountingDispatch(w, s);
            w.Close();
        }
        else
        {
            w.Open($"float global::NetGen.INetwork.ComputeGradients({RS} inputs, {RS} targets, {S} gradients, out int correct)");
            WriteCountingFromCache(w);
            w.Close();
        }
        w.Line();
        w.Line("/// <summary>Forward and backward pass for one batch using <paramref name=\"cache\"/> for the per-layer values.</summary>");
        w.Line("/// <param name=\"inputs\">m examples, each <see cref=\"InputSize\"/> contiguous features (m ≤ cache capacity).</param>");
        w.Line("/// <param name=\"targets\">m × <see cref=\"OutputSize\"/> target values.</param>");
        w.Line("/// <param name=\"gradients\">Receives <see cref=\"ParameterCount\"/> values.</param>");
        w.Line("/// <param name=\"cache\">Work space for Z[l], A[l] and dZ[l].</param>");
        w.Line("/// <returns>The cost J of the batch.</returns>");
        w.Open($"public float ComputeGradients({RS} inputs, {RS} targets, {S} gradients, Cache cache)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(cache);");
        w.Line("int m = global::NetGen.Guard.BatchSize(inputs.Length, InputSize, nameof(inputs));");
        w.Line("global::NetGen.Guard.Batch(targets.Length, m, OutputSize, nameof(targets));");
        w.Line("global::NetGen.Guard.Length(gradients.Length, ParameterCount, nameof(gradients), \"ParameterCount\");");
        w.Line("cache.Prepare(m);");
        w.Line("ForwardCore(inputs, cache, m);");
        w.Line("return BackwardCore(inputs, cache, targets, gradients, m);");
        w.Close();
        w.Line();

        w.Line("/// <summary>");
        w.Line("/// Back-propagates the batch of the last <see cref=\"Forward(global::System.ReadOnlySpan{float}, global::System.Span{float}, Cache)\"/>");
        w.Line("/// on <paramref name=\"cache\"/>: returns J and writes dJ/dParameters into <paramref name=\"gradients\"/>.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"cache\">The cache filled by the forward pass.</param>");
        w.Line("/// <param name=\"targets\">m × <see cref=\"OutputSize\"/> target values.</param>");
        w.Line("/// <param name=\"gradients\">Receives <see cref=\"ParameterCount\"/> values.</param>");
        w.Line("/// <returns>The cost J of the batch.</returns>");
        w.Open($"public float Backward(Cache cache, {RS} targets, {S} gradients)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(cache);");
        w.Line("int m = cache.RequireForward();");
        w.Line("global::NetGen.Guard.Batch(targets.Length, m, OutputSize, nameof(targets));");
        w.Line("global::NetGen.Guard.Length(gradients.Length, ParameterCount, nameof(gradients), \"ParameterCount\");");
        w.Line($"return BackwardCore(new {RS}(cache._a0, 0, m * InputSize), cache, targets, gradients, m);");
        w.Close();
        w.Line();

        w.Line("/// <summary>The cost J = 1/m Σ L(ŷ, y) of a batch, without gradients. Uses the network's own cache (not thread-safe).</summary>");
        w.Line("/// <param name=\"inputs\">m examples, each <see cref=\"InputSize\"/> contiguous features.</param>");
        w.Line("/// <param name=\"targets\">m × <see cref=\"OutputSize\"/> target values.</param>");
        w.Open($"public float Cost({RS} inputs, {RS} targets)");
        w.Line("int m = global::NetGen.Guard.BatchSize(inputs.Length, InputSize, nameof(inputs));");
        w.Line("global::NetGen.Guard.Batch(targets.Length, m, OutputSize, nameof(targets));");
        w.Line("// Chunks of at most 256 examples, so evaluating a whole data set does not grow the cache to its size.");
        w.Line("int chunk = global::System.Math.Min(m, 256);");
        w.Line("Cache cache = EnsureCache(chunk);");
        w.Line("double total = 0;");
        w.Open("for (int first = 0; first < m; first += chunk)");
        w.Line("int c = global::System.Math.Min(chunk, m - first);");
        w.Line("cache.Prepare(c);");
        w.Line("ForwardCore(inputs.Slice(first * InputSize, c * InputSize), cache, c);");
        w.Line("total += (double)LossAndOutputGradient(cache, targets.Slice(first * OutputSize, c * OutputSize), c) * c;");
        w.Close();
        w.Line("return (float)(total / m);");
        w.Close();
        w.Line();

        bool classifier = s.Model.Loss is LossKind.BinaryCrossEntropy or LossKind.CrossEntropy;
        if (classifier) WriteClassWeights(w, s);

        // The loss: J and dZ[L] = dJ/dZ[L], with the 1/m folded in.
        w.Open(classifier
            ? $"private float LossAndOutputGradient(Cache cache, {RS} y, int m)"
            : $"private static float LossAndOutputGradient(Cache cache, {RS} y, int m)");
        // The output layer's values; a layer without activation (pooling) has no Z of its own: its A plays the part.
        int L = s.OutputLayer;
        w.Line($"{RS} z{L} = new {RS}(cache.{(s.HasZ(L) ? Names.ZField(L) : Names.AField(L))}, 0, m * OutputSize);");
        w.Line($"{RS} a{L} = new {RS}(cache.{Names.AField(L)}, 0, m * OutputSize);");
        w.Line($"{S} dz{L} = new {S}(cache.{Names.DzField(L)}, 0, m * OutputSize);");
        var out_ = s.Activation(L);
        string n = Dim(s.N(L));
        switch (s.Model.Loss, out_)
        {
            case (LossKind.BinaryCrossEntropy, _):
                w.Line($"// Sigmoid + binary cross-entropy, fused: dZ{L} = (A{L} − Y)/m; J from Z{L} so a saturated output stays finite.");
                w.Line($"// With positive weights p: dZ{L} = ((1 + (p − 1)·Y) ⊙ A{L} − p ⊙ Y)/m.");
                w.Line("float[]? weights = _classWeights;");
                w.Line("return weights is null");
                w.Line($"    ? global::NetGen.Kernels.Losses.SigmoidBinaryCrossEntropy<{n}>(z{L}, a{L}, y, dz{L}, m)");
                w.Line($"    : global::NetGen.Kernels.Losses.WeightedSigmoidBinaryCrossEntropy<{n}>(z{L}, a{L}, y, weights, dz{L}, m);");
                break;
            case (LossKind.CrossEntropy, _):
                w.Line($"// Softmax + cross-entropy, fused: dZ{L} = (A{L} − Y)/m; J from log-softmax of Z{L} so it stays finite.");
                w.Line($"// With class weights w: dZ{L} = ((w·Y)·A{L} − w ⊙ Y)/m, per example.");
                w.Line("float[]? weights = _classWeights;");
                w.Line("return weights is null");
                w.Line($"    ? global::NetGen.Kernels.Losses.SoftmaxCrossEntropy<{n}>(z{L}, a{L}, y, dz{L}, m)");
                w.Line($"    : global::NetGen.Kernels.Losses.WeightedSoftmaxCrossEntropy<{n}>(z{L}, a{L}, y, weights, dz{L}, m);");
                break;
            case (LossKind.MeanSquaredError, ActivationKind.Softmax):
                w.Line($"// Mean squared error: dA{L} = (A{L} − Y)/m; dZ{L} = softmax Jacobian · dA{L}.");
                w.Line($"return global::NetGen.Kernels.Losses.SoftmaxMeanSquaredError<{n}>(z{L}, a{L}, y, dz{L}, m);");
                break;
            default:
                w.Line($"// Mean squared error: dA{L} = (A{L} − Y)/m; dZ{L} = dA{L} ⊙ {out_}′(Z{L}).");
                w.Line($"return global::NetGen.Kernels.Losses.MeanSquaredError<{n}, {s.ActivationKernel(L)}>(z{L}, a{L}, y, dz{L}, m);");
                break;
        }
        w.Close();
        w.Line();

        // Fully optimised from the first call: training runs these on several threads, where tier-0 code would
        // linger while the background JIT competes for the same cores.
        w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]");
        w.Open($"private float BackwardCore({RS} a0, Cache cache, {RS} y, {S} g, int m)");
        w.Line($"{RS} p = Parameters;");
        w.Line($"float cost = LossAndOutputGradient(cache, y, m);");
        for (int l = s.LayerCount; l >= 1; l--)
        {
            w.Line();
            var layer = s.Layer(l);
            if (!layer.HasOwnBuffers)
            {
                LayerEmitters.WriteBackward(w, s, l, null!, "m");
                continue;
            }
            // The layer before, past any [Flatten]: its buffers receive dZ (its A and Z are this layer's input).
            int previous = s.Source(l - 1);
            string size = Num(s.N(l)), nPrev = Num(layer.Input.Size);
            string aPrev = previous == 0 ? "a0" : $"new {RS}(cache.{Names.AField(previous)}, 0, m * {nPrev})";
            var step = new BackwardStep(
                Dz: $"dz{l}",
                APrevious: aPrev,
                Previous: previous,
                ZPrevious: previous == 0 ? null : s.HasZ(previous) ? $"new {RS}(cache.{Names.ZField(previous)}, 0, m * {nPrev})" : aPrev,
                DzPrevious: previous == 0 ? null : $"new {S}(cache.{Names.DzField(previous)}, 0, m * {nPrev})",
                PreviousActivation: previous == 0 ? ActivationKind.Identity : s.Activation(previous));
            w.Line($"{RS} dz{l} = new {RS}(cache.{Names.DzField(l)}, 0, m * {size});");
            LayerEmitters.WriteBackward(w, s, l, step, "m");
        }
        w.Line("return cost;");
        w.Close();
        w.Line();
    }
    /// <summary>The cache path, then the classes of the cached outputs against the targets.</summary>
    internal static void WriteCountingFromCache(IndentedWriter w)
    {
        w.Line("Cache cache = EnsureCache(inputs.Length / InputSize);");
        w.Line("float cost = ComputeGradients(inputs, targets, gradients, cache);");
        w.Line("correct = global::NetGen.Metrics.CountCorrect(cache.Outputs, targets, OutputSize);");
        w.Line("return cost;");
    }
    /// <summary>A classifier's loss weights: per class for cross-entropy, on each output's positive term for BCE.</summary>
    private static void WriteClassWeights(IndentedWriter w, Shapes s)
    {
        bool bce = s.Model.Loss == LossKind.BinaryCrossEntropy;
        w.Line("private float[]? _classWeights;");
        w.Line();
        w.Line("/// <summary>");
        w.Line(bce
            ? "/// The weight p_k of each output's positive term in the loss (PyTorch's <c>pos_weight</c>): L = −Σ_k [p_k y log a + (1 − y) log(1 − a)]."
            : "/// The weight w_k of each class in the loss (Keras' <c>class_weight</c>): L = −Σ_k w_k y_k log a_k, J = 1/m Σ L.");
        w.Line("/// Empty when the loss is unweighted (the default). Used by training, <see cref=\"Cost\"/> and so the validation loss of <c>Fit</c>.");
        w.Line("/// </summary>");
        w.Line("public global::System.ReadOnlySpan<float> ClassWeights => _classWeights;");
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Sets <see cref=\"ClassWeights\"/> (a copy of <paramref name=\"weights\"/>): <see cref=\"OutputSize\"/> values, each zero or positive");
        w.Line(bce
            ? "/// and finite; empty to go back to the unweighted loss. Not to be changed while training runs."
            : "/// and finite, at least one positive; empty to go back to the unweighted loss. Not to be changed while training runs.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"weights\">One weight per output, or none.</param>");
        w.Open("public void SetClassWeights(global::System.ReadOnlySpan<float> weights)");
        w.Line(bce
            ? "global::NetGen.Guard.PositiveWeights(weights, OutputSize, nameof(weights));"
            : "global::NetGen.Guard.ClassWeights(weights, OutputSize, nameof(weights));");
        w.Line("_classWeights = weights.IsEmpty ? null : weights.ToArray();");
        w.Close();
        w.Line();
    }
}
