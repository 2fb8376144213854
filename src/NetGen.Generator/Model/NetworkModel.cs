namespace NetGen.Generator.Model;

/// <summary>A type that contains the network class: its keyword ("class", "struct", "record", …) and name with type parameters.</summary>
internal sealed record ContainingType(string Keyword, string Name);

/// <summary>
/// Everything the emitter needs to write one network, as plain values (no symbols or syntax),
/// so the incremental pipeline can compare it with the previous run and skip emission when equal.
/// <see cref="Weights"/> is set only after the network's weights file has been read and checked against the layers.
/// </summary>
internal sealed record NetworkModel(
    string? Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string ClassName,
    string FullName,
    TensorShape InputShape,
    LossKind Loss,
    EquatableArray<LayerModel> Layers,
    EmbeddedWeights? Weights = null)
{
    /// <summary>Values per example of the input: the flat size, C·L or C·H·W.</summary>
    public int InputSize => InputShape.Size;

    /// <summary>Values per example of the output (the last layer's, flattened).</summary>
    public int OutputSize => Layers[Layers.Length - 1].Output.Size;

    /// <summary>
    /// One file per network, named after the namespace-qualified type. Characters a file name cannot hold become '_';
    /// when that happened, a hash of the full name is appended so <c>A&lt;T&gt;.Net</c> and <c>A_T_.Net</c> never clash.
    /// </summary>
    public string HintName
    {
        get
        {
            var builder = new System.Text.StringBuilder(FullName.Length + 16);
            foreach (char c in FullName) builder.Append(char.IsLetterOrDigit(c) || c is '.' or '_' ? c : '_');
            if (builder.ToString() != FullName)
            {
                uint hash = 2166136261; // FNV-1a: stable across processes, unlike string.GetHashCode
                foreach (char c in FullName) hash = (hash ^ c) * 16777619;
                builder.Append('.').Append(hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture));
            }
            return builder.Append(".g.cs").ToString();
        }
    }
}
