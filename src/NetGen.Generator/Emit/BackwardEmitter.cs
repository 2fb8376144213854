using NetGen.Generator.Model;
using static NetGen.Generator.Emit.Shapes;

namespace NetGen.Generator.Emit;

/// <summary>Loss and back-propagation: the seeds' four equations per layer, specialised.</summary>
internal static class BackwardEmitter
{
    private const string RS = "global::System.ReadOnlySpan<float>";
    private const string S = "global::System.Span<float>";

    public static void Write(IndentedWriter w, Shapes s)
    {
        int L = s.LayerCount;
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
            LanesEmitter.WriteDispatch(w);
            w.Close();
        }
        else
        {
            w.Line($"public float ComputeGradients({RS} inputs, {RS} targets, {S} gradients) =>");
            w.Line($"    ComputeGradients(inputs, targets, gradients, EnsureCache(inputs.Length / InputSize));");
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

        // The loss: J and dZ[L] = dJ/dZ[L], with the 1/m folded in.
        w.Open($"private static float LossAndOutputGradient(Cache cache, {RS} y, int m)");
        w.Line($"{RS} z{L} = new {RS}(cache._z{L}, 0, m * OutputSize);");
        w.Line($"{RS} a{L} = new {RS}(cache._a{L}, 0, m * OutputSize);");
        w.Line($"{S} dz{L} = new {S}(cache._dz{L}, 0, m * OutputSize);");
        var out_ = s.Activation(L);
        string n = Dim(s.Units(L));
        switch (s.Model.Loss, out_)
        {
            case (LossKind.BinaryCrossEntropy, _):
                w.Line($"// Sigmoid + binary cross-entropy, fused: dZ{L} = (A{L} − Y)/m; J from Z{L} so a saturated output stays finite.");
                w.Line($"return global::NetGen.Kernels.Losses.SigmoidBinaryCrossEntropy<{n}>(z{L}, a{L}, y, dz{L}, m);");
                break;
            case (LossKind.CrossEntropy, _):
                w.Line($"// Softmax + cross-entropy, fused: dZ{L} = (A{L} − Y)/m; J from log-softmax of Z{L} so it stays finite.");
                w.Line($"return global::NetGen.Kernels.Losses.SoftmaxCrossEntropy<{n}>(z{L}, a{L}, y, dz{L}, m);");
                break;
            case (LossKind.MeanSquaredError, ActivationKind.Softmax):
                w.Line($"// Mean squared error: dA{L} = (A{L} − Y)/m; dZ{L} = softmax Jacobian · dA{L}.");
                w.Line($"return global::NetGen.Kernels.Losses.SoftmaxMeanSquaredError<{n}>(z{L}, a{L}, y, dz{L}, m);");
                break;
            default:
                w.Line($"// Mean squared error: dA{L} = (A{L} − Y)/m; dZ{L} = dA{L} ⊙ {out_}′(Z{L}).");
                w.Line($"return global::NetGen.Kernels.Losses.MeanSquaredError<{n}, {Kernel(out_)}>(z{L}, a{L}, y, dz{L}, m);");
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
        for (int l = L; l >= 1; l--)
        {
            w.Line();
            string aPrev = l == 1 ? "a0" : $"new {RS}(cache._a{l - 1}, 0, m * {Num(s.Inputs(l))})";
            w.Line($"{RS} dz{l} = new {RS}(cache._dz{l}, 0, m * {Num(s.Units(l))});");
            w.Line($"// Layer {l}: dW{l}[{s.Units(l)}×{s.Inputs(l)}] = 1/m·dZ{l}·A{l - 1}ᵀ; db{l}[{s.Units(l)}] = 1/m·Σ dZ{l} (the 1/m is already in dZ{l})");
            if (s.IsUnrolled(l))
            {
                string? dzPrev = null;
                if (l > 1)
                {
                    var prev = s.Activation(l - 1);
                    w.Line($"// Layer {l} → {l - 1}: dA{l - 1}[{s.Inputs(l)}×m] = W{l}ᵀ·dZ{l}; dZ{l - 1} = dA{l - 1} ⊙ {prev}′(Z{l - 1}), with {prev}′ computed from A{l - 1}");
                    dzPrev = $"new {S}(cache._dz{l - 1}, 0, m * {Num(s.Inputs(l))})";
                }
                else
                {
                    w.Line("// dA0 (the gradient with respect to the inputs) is not needed for training and is not computed.");
                }
                UnrolledEmitter.WriteBackward(w, s, l, $"dz{l}", aPrev, dzPrev, "m");
                continue;
            }
            w.Line($"global::NetGen.Kernels.Dense.BackwardWeights<{Dim(s.Inputs(l))}, {Dim(s.Units(l))}>(dz{l}, {aPrev}, {s.WeightSlice("g", l)}, {s.BiasSlice("g", l)}, m);");
            if (l > 1)
            {
                var previous = s.Activation(l - 1);
                // g′ is evaluated from the cached A[l−1] = g(Z[l−1]) (σ′ = a(1−a), tanh′ = 1−a², ReLU′ = [a > 0]): no exponentials.
                w.Line($"// Layer {l} → {l - 1}: dA{l - 1}[{s.Inputs(l)}×m] = W{l}ᵀ·dZ{l}; dZ{l - 1} = dA{l - 1} ⊙ {previous}′(Z{l - 1}), with {previous}′ computed from A{l - 1}");
                w.Line($"global::NetGen.Kernels.Dense.BackwardInputFromOutput<{Dim(s.Inputs(l))}, {Dim(s.Units(l))}, {Kernel(previous)}>(dz{l}, {s.WeightSlice("p", l)}, " +
                       $"new {RS}(cache._a{l - 1}, 0, m * {Num(s.Inputs(l))}), new {S}(cache._dz{l - 1}, 0, m * {Num(s.Inputs(l))}), m);");
            }
            else
            {
                w.Line("// dA0 (the gradient with respect to the inputs) is not needed for training and is not computed.");
            }
        }
        w.Line("return cost;");
        w.Close();
        w.Line();
    }
}
