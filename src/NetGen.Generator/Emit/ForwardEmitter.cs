using NetGen.Generator.Layers;
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
        var buffered = Buffered(s);
        if (buffered.Count > 0)
        {
            // Hidden activations ping-pong between two stack buffers, one for odd and one for even layers (counting only
            // layers with buffers of their own: a [Flatten] reads its input's).
            int oddWidth = 0, evenWidth = 0;
            foreach (var (l, parity) in buffered)
            {
                if (parity == 1) oddWidth = System.Math.Max(oddWidth, s.N(l));
                else evenWidth = System.Math.Max(evenWidth, s.N(l));
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
        var parities = new System.Collections.Generic.Dictionary<int, int>();
        foreach (var (l, parity) in buffered) parities[l] = parity;
        for (int l = 1; l <= L; l++)
        {
            w.Line();
            if (!s.Layer(l).HasOwnBuffers)
            {
                LayerEmitters.WriteForward(w, s, l, $"a{l - 1}", "", "", "c");
                continue;
            }
            string target = l == s.OutputLayer
                ? "outputs.Slice(first * OutputSize, c * OutputSize)"
                : $"{(parities[l] == 1 ? "odd" : "even")}.Slice(0, c * {Num(s.N(l))})";
            w.Line($"{S} a{l} = {target};");
            LayerEmitters.WriteForward(w, s, l, $"a{l - 1}", $"a{l}", $"a{l}", "c");
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
        w.Line($"new {RS}(cache.{Names.AField(s.OutputLayer)}, 0, m * OutputSize).CopyTo(outputs);");
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
            if (s.Layer(l).HasOwnBuffers)
            {
                string n = Num(s.N(l));
                if (s.HasZ(l)) w.Line($"{S} z{l} = new {S}(cache.{Names.ZField(l)}, 0, m * {n});");
                w.Line($"{S} a{l} = new {S}(cache.{Names.AField(l)}, 0, m * {n});");
            }
            LayerEmitters.WriteForward(w, s, l, $"a{l - 1}", s.HasZ(l) ? $"z{l}" : $"a{l}", $"a{l}", "m");
            if (l < L) w.Line();
        }
        w.Close();
        w.Line();
    }

    /// <summary>
    /// The layers with buffers of their own except the output layer (which writes the caller's outputs), each with the
    /// buffer it writes in the inference pass: 1 (odd) or 0 (even), alternating so each reads the other.
    /// </summary>
    private static System.Collections.Generic.List<(int Layer, int Parity)> Buffered(Shapes s)
    {
        var result = new System.Collections.Generic.List<(int, int)>();
        int count = 0;
        for (int l = 1; l < s.OutputLayer; l++)
            if (s.Layer(l).HasOwnBuffers) result.Add((l, ++count % 2));
        return result;
    }
}
