using static NetGen.Generator.Emit.Shapes;

namespace NetGen.Generator.Emit;

/// <summary>The nested Cache class: constant-shape buffers for Z[l], A[l] and dZ[l] of up to Capacity examples.</summary>
internal static class CacheEmitter
{
    public static void Write(IndentedWriter w, Shapes s)
    {
        int L = s.LayerCount;
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// What a training forward pass keeps for back-propagation, for up to <see cref=\"Capacity\"/> examples:");
        w.Line("/// the inputs A0 and, per layer l, Z[l] and A[l] (so layer l's cache is (Z[l], A[l−1])), plus dZ[l] work space.");
        w.Line("/// Every buffer has a constant row width n[l]. A cache is used by one thread at a time.");
        w.Line("/// </summary>");
        w.Open("public sealed class Cache : global::NetGen.INetworkCache");
        w.Line("internal readonly float[] _a0;");
        for (int l = 1; l <= L; l++) w.Line($"internal readonly float[] _z{l}, _a{l}, _dz{l};");
        w.Line("private int _batchSize;");
        w.Line("private bool _hasForward;");
        w.Line();
        w.Line("/// <summary>Creates buffers for batches of up to <paramref name=\"capacity\"/> examples.</summary>");
        w.Line("/// <param name=\"capacity\">The largest batch size m this cache serves.</param>");
        w.Open("public Cache(int capacity)");
        w.Line("if (capacity <= 0) throw new global::System.ArgumentOutOfRangeException(nameof(capacity), capacity, \"The capacity must be at least one example.\");");
        w.Line("Capacity = capacity;");
        w.Line("_a0 = new float[capacity * InputSize];");
        for (int l = 1; l <= L; l++)
        {
            string n = Num(s.Units(l));
            w.Line($"_z{l} = new float[capacity * {n}];");
            w.Line($"_a{l} = new float[capacity * {n}];");
            w.Line($"_dz{l} = new float[capacity * {n}];");
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
        for (int l = 1; l <= L; l++)
        {
            string n = Num(s.Units(l));
            w.Line($"/// <summary>Z{l} = W{l}·A{l - 1} + b{l} of the last pass: m × {n}.</summary>");
            w.Line($"public global::System.ReadOnlySpan<float> Z{l} => new global::System.ReadOnlySpan<float>(_z{l}, 0, _batchSize * {n});");
            w.Line($"/// <summary>A{l} = {s.Activation(l)}(Z{l}) of the last pass: m × {n}.</summary>");
            w.Line($"public global::System.ReadOnlySpan<float> A{l} => new global::System.ReadOnlySpan<float>(_a{l}, 0, _batchSize * {n});");
        }
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
