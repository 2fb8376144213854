using NetGen.Generator.Model;
using static NetGen.Generator.Emit.Shapes;

namespace NetGen.Generator.Emit;

/// <summary>Forward propagation: the thread-safe inference pass and the caching pass used for training.</summary>
internal static class ForwardEmitter
{
    private const string RS = "global::System.ReadOnlySpan<float>";
    private const string S = "global::System.Span<float>";

    /// <summary>Widest hidden layer whose chunk buffers go on the stack (16 Ki floats = 64 KiB per buffer at chunk 1).</summary>
    internal const int StackLimit = 16384;

    public static void Write(IndentedWriter w, Shapes s)
    {
        WriteInference(w, s);
        WriteCaching(w, s);
    }

    private static void WriteInference(IndentedWriter w, Shapes s)
    {
        int L = s.LayerCount;
        w.Line("/// <summary>");
        w.Line("/// Ŷ = A[L] for a batch of m = inputs.Length / InputSize examples (each InputSize contiguous values);");
        w.Line("/// writes m × OutputSize values. Safe to call from many threads at once; allocates nothing.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"inputs\">m examples, each <see cref=\"InputSize\"/> contiguous features.</param>");
        w.Line("/// <param name=\"outputs\">Receives m × <see cref=\"OutputSize\"/> values.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A length does not match the shapes.</exception>");
        w.Open($"public void Forward({RS} inputs, {S} outputs)");
        w.Line("int m = global::NetGen.Guard.BatchSize(inputs.Length, InputSize, nameof(inputs));");
        w.Line("global::NetGen.Guard.Batch(outputs.Length, m, OutputSize, nameof(outputs));");
        w.Line($"{RS} p = Parameters;");
        bool rented = false;
        if (L > 1)
        {
            // Hidden activations ping-pong between two stack buffers, one for odd and one for even layers.
            int oddWidth = 0, evenWidth = 0;
            for (int l = 1; l < L; l++)
            {
                if (l % 2 == 1) oddWidth = System.Math.Max(oddWidth, s.Units(l));
                else evenWidth = System.Math.Max(evenWidth, s.Units(l));
            }
            w.Line($"int chunk = global::System.Math.Min(m, {Num(s.ForwardChunk)});");
            if (s.MaxHiddenUnits <= StackLimit)
            {
                w.Line($"// Examples run in chunks of at most {s.ForwardChunk}; hidden activations live on the stack (odd and even layers alternate).");
                w.Line($"// Each starts on a 64-byte boundary, so no 16-lane load of a row straddles two cache lines.");
                w.Line($"{S} odd = global::NetGen.ParameterStorage.Aligned(stackalloc float[chunk * {Num(oddWidth)} + 15], chunk * {Num(oddWidth)});");
                if (evenWidth > 0) w.Line($"{S} even = global::NetGen.ParameterStorage.Aligned(stackalloc float[chunk * {Num(evenWidth)} + 15], chunk * {Num(evenWidth)});");
            }
            else
            {
                // Layers this wide would overflow a thread's stack: rent the buffers from the shared pool instead.
                rented = true;
                w.Line($"// Examples run in chunks of at most {s.ForwardChunk}; hidden layers up to {Num(s.MaxHiddenUnits)} wide use pooled buffers (odd and even layers alternate).");
                w.Line($"float[] rentedOdd = global::System.Buffers.ArrayPool<float>.Shared.Rent(chunk * {Num(oddWidth)});");
                w.Line($"float[] rentedEven = global::System.Buffers.ArrayPool<float>.Shared.Rent(chunk * {Num(System.Math.Max(evenWidth, 1))});");
                w.Open("try");
                w.Line($"{S} odd = rentedOdd;");
                w.Line($"{S} even = rentedEven;");
            }
        }
        else
        {
            w.Line($"int chunk = m;");
        }
        w.Open("for (int first = 0; first < m; first += chunk)");
        w.Line("int c = global::System.Math.Min(chunk, m - first);");
        w.Line($"{RS} a0 = inputs.Slice(first * InputSize, c * InputSize);");
        for (int l = 1; l <= L; l++)
        {
            w.Line();
            string target = l == L
                ? "outputs.Slice(first * OutputSize, c * OutputSize)"
                : $"{(l % 2 == 1 ? "odd" : "even")}.Slice(0, c * {Num(s.Units(l))})";
            w.Line($"{S} a{l} = {target};");
            WriteLayer(w, s, l, $"a{l - 1}", $"a{l}", $"a{l}", "c");
        }
        w.Close();
        if (rented)
        {
            w.Close();
            w.Open("finally");
            w.Line("global::System.Buffers.ArrayPool<float>.Shared.Return(rentedOdd);");
            w.Line("global::System.Buffers.ArrayPool<float>.Shared.Return(rentedEven);");
            w.Close();
        }
        w.Close();
        w.Line();
    }

    private static void WriteCaching(IndentedWriter w, Shapes s)
    {
        int L = s.LayerCount;
        w.Line("/// <summary>");
        w.Line("/// Forward pass that keeps what back-propagation needs in <paramref name=\"cache\"/>: the inputs A0 and,");
        w.Line("/// per layer, Z[l] and A[l]. Follow with <see cref=\"Backward\"/>. One cache per thread.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"inputs\">m examples, each <see cref=\"InputSize\"/> contiguous features (m ≤ cache capacity).</param>");
        w.Line("/// <param name=\"outputs\">Receives m × <see cref=\"OutputSize\"/> values.</param>");
        w.Line("/// <param name=\"cache\">Receives the per-layer values.</param>");
        w.Open($"public void Forward({RS} inputs, {S} outputs, Cache cache)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(cache);");
        w.Line("int m = global::NetGen.Guard.BatchSize(inputs.Length, InputSize, nameof(inputs));");
        w.Line("global::NetGen.Guard.Batch(outputs.Length, m, OutputSize, nameof(outputs));");
        w.Line("cache.Prepare(m);");
        w.Line("inputs.CopyTo(cache._a0);");
        w.Line("ForwardCore(inputs, cache, m);");
        w.Line("cache.MarkForward();");
        w.Line($"new {RS}(cache._a{L}, 0, m * OutputSize).CopyTo(outputs);");
        w.Close();
        w.Line();

        w.Line("/// <summary>Z[l] and A[l] of every layer into the cache; a0 holds the m examples.</summary>");
        // Fully optimised from the first call: training runs these on several threads, where tier-0 code would
        // linger while the background JIT competes for the same cores.
        w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]");
        w.Open($"private void ForwardCore({RS} a0, Cache cache, int m)");
        w.Line($"{RS} p = Parameters;");
        for (int l = 1; l <= L; l++)
        {
            w.Line($"{S} z{l} = new {S}(cache._z{l}, 0, m * {Num(s.Units(l))});");
            w.Line($"{S} a{l} = new {S}(cache._a{l}, 0, m * {Num(s.Units(l))});");
            WriteLayer(w, s, l, $"a{l - 1}", $"z{l}", $"a{l}", "m");
            if (l < L) w.Line();
        }
        w.Close();
        w.Line();
    }

    /// <summary>One layer: Z = A_prev·Wᵀ + b then A = g(Z), with the equation and shapes as a comment.</summary>
    internal static void WriteLayer(IndentedWriter w, Shapes s, int l, string aPrev, string z, string a, string m)
    {
        if (s.IsUnrolled(l))
        {
            UnrolledEmitter.WriteForward(w, s, l, aPrev, z, a, m);
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
            w.Line($"global::NetGen.Kernels.Dense.Forward<{dims}, {Kernel(s.Activation(l))}>({aPrev}, {weights}, {bias}, {z}, {a}, {m});");
        }
    }
}
