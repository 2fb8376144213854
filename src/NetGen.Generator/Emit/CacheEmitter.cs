using static NetGen.Generator.Emit.Shapes;

namespace NetGen.Generator.Emit;

/// <summary>The nested Cache class: constant-shape buffers for Z[l], A[l] and dZ[l] of up to Capacity examples.</summary>
internal static class CacheEmitter
{
    public static void Write(IndentedWriter w, Shapes s)
    {
        int L = s.LayerCount;
        var own = new System.Collections.Generic.List<int>();
        for (int l = 1; l <= L; l++)
            if (s.Layer(l).HasOwnBuffers) own.Add(l);
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// What a training forward pass keeps for back-propagation, for up to <see cref=\"Capacity\"/> examples:");
        w.Line("/// the inputs A0 and, per layer l, Z[l] and A[l] (so layer l's cache is (Z[l], A[l−1])), plus dZ[l] work space.");
        w.Line("/// Every buffer has a constant row width n[l]. A cache is used by one thread at a time.");
        w.Line("/// </summary>");
        w.Open("public sealed class Cache : global::NetGen.INetworkCache");
        w.Line("internal readonly float[] _a0;");
        foreach (int l in own)
            w.Line(s.HasZ(l)
                ? $"internal readonly float[] {Names.ZField(l)}, {Names.AField(l)}, {Names.DzField(l)};"
                : $"internal readonly float[] {Names.AField(l)}, {Names.DzField(l)};");
        w.Line("private int _batchSize;");
        w.Line("private bool _hasForward;");
        w.Line();
        w.Line("/// <summary>Creates buffers for batches of up to <paramref name=\"capacity\"/> examples.</summary>");
        w.Line("/// <param name=\"capacity\">The largest batch size m this cache serves.</param>");
        w.Open("public Cache(int capacity)");
        w.Line("if (capacity <= 0) throw new global::System.ArgumentOutOfRangeException(nameof(capacity), capacity, \"The capacity must be at least one example.\");");
        w.Line("Capacity = capacity;");
        w.Line("_a0 = new float[capacity * InputSize];");
        foreach (int l in own)
        {
            string n = Num(s.N(l));
            if (s.HasZ(l)) w.Line($"{Names.ZField(l)} = new float[capacity * {n}];");
            w.Line($"{Names.AField(l)} = new float[capacity * {n}];");
            w.Line($"{Names.DzField(l)} = new float[capacity * {n}];");
        }
        w.Close();
        w.Line();
        w.Line("/// <summary>The largest batch this cache holds.</summary>");
        w.Line("public int Capacity { get; }");
        w.Line();
        w.Line("/// <summary>The number of examples m of the last pass.</summary>");
        w.Line("public int BatchSize => _batchSize;");
        w.Line();
        w.Line($"/// <summary>A0 = X of the last <c>Forward(inputs, outputs, cache)</c>: m × {s.N(0)}.</summary>");
        w.Line("public global::System.ReadOnlySpan<float> A0 => new global::System.ReadOnlySpan<float>(_a0, 0, _batchSize * InputSize);");
        foreach (int l in own)
        {
            var layer = s.Layer(l);
            string n = Num(s.N(l)), shape = layer.Output.IsFlat ? n : $"({layer.Output})";
            if (s.HasZ(l))
            {
                string op = layer is NetGen.Generator.Layers.Dense.DenseLayer ? "·" : " ⋆ ";
                w.Line($"/// <summary>Z{l} = W{l}{op}A{l - 1} + b{l} of the last pass: m × {shape}.</summary>");
                w.Line($"public global::System.ReadOnlySpan<float> Z{l} => new global::System.ReadOnlySpan<float>({Names.ZField(l)}, 0, _batchSize * {n});");
                w.Line($"/// <summary>A{l} = {s.Activation(l)}(Z{l}) of the last pass: m × {shape}.</summary>");
            }
            else
            {
                w.Line($"/// <summary>A{l} = {layer.Kind}(A{l - 1}) of the last pass: m × {shape}.</summary>");
            }
            w.Line($"public global::System.ReadOnlySpan<float> A{l} => new global::System.ReadOnlySpan<float>({Names.AField(l)}, 0, _batchSize * {n});");
        }
        w.Line();
        w.Line($"/// <summary>Ŷ = A{s.OutputLayer} of the last pass: m × {s.N(s.OutputLayer)}.</summary>");
        w.Line($"public global::System.ReadOnlySpan<float> Outputs => A{s.OutputLayer};");
        w.Line();
        w.Open("internal void Prepare(int m)");
        w.Line("if (m > Capacity) throw new global::System.ArgumentException(\"The batch has \" + m + \" examples but the cache holds at most \" + Capacity + \".\", \"inputs\");");
        w.Line("_batchSize = m;");
        w.Line("_hasForward = false;");
        w.Close();
        w.Line();
        w.Line("internal void MarkForward() => _hasForward = true;");
        w.Line();
        w.Open("internal int RequireForward()");
        w.Line("if (!_hasForward) throw new global::System.InvalidOperationException(\"Backward needs a preceding Forward(inputs, outputs, cache) on this cache.\");");
        w.Line("return _batchSize;");
        w.Close();
        w.Close();
    }
}
