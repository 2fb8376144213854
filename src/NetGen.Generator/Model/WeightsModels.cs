using System;
using System.Runtime.InteropServices;
using NetGen.Generator.Parsing;

namespace NetGen.Generator.Model;

/// <summary>
/// A network's <c>[Network(…, Weights = "…")]</c> reference: the path as written, the file that declares the network
/// (paths are resolved relative to it first) and where the argument is, for NG0030–NG0032.
/// </summary>
internal sealed record WeightsRequest(string Path, string SourceFile, LocationInfo? Location, string NetworkName)
{
    /// <summary>What the AdditionalFiles step needs to pick files (no location, so moving the attribute changes nothing there).</summary>
    public WeightsLookup Lookup => new(Path, SourceFile);
}

/// <summary>A weights path and the source file it is relative to.</summary>
internal sealed record WeightsLookup(string Path, string SourceFile);

/// <summary>One tensor of a weights file that passed the file's own checks (shape and data agree, values finite).</summary>
internal sealed record WeightsTensor(string Name, LocationInfo NameLocation, EquatableArray<long> Shape, LocationInfo ShapeLocation, FloatArray Data);

/// <summary>
/// A weights file among the AdditionalFiles that some network names, read and checked on its own (JSON syntax, the
/// <c>netgen-weights/1</c> schema, data lengths, finite values). Its <see cref="Diagnostics"/> are reported once per file;
/// a network is checked against <see cref="Tensors"/> only when the file has none.
/// </summary>
internal sealed record WeightsFile(
    string Path,
    bool Unreadable,
    EquatableArray<WeightsTensor> Tensors,
    LocationInfo? TensorsLocation,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>The file name, for messages about the file itself.</summary>
    public string FileName => WeightsPath.FileName(Path);
}

/// <summary>The parameters a network embeds: the file as the attribute names it, and the values in Parameters layout.</summary>
internal sealed record EmbeddedWeights(string Path, FloatArray Values);

/// <summary>
/// Floats compared bit for bit (so 0 and −0, or two NaN payloads, differ), with the hash computed once: models holding
/// thousands of parameters stay cheap to compare in the incremental pipeline.
/// </summary>
internal sealed class FloatArray : IEquatable<FloatArray>
{
    private readonly float[] _values;
    private readonly int _hash;

    /// <summary>Wraps <paramref name="values"/>, which the caller must not change afterwards.</summary>
    public FloatArray(float[] values)
    {
        _values = values;
        int hash = values.Length;
        foreach (float value in values) hash = unchecked(hash * 31 + Bits(value));
        _hash = hash;
    }

    public int Length => _values.Length;

    public float this[int index] => _values[index];

    public bool Equals(FloatArray? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other._hash != _hash || other._values.Length != _values.Length) return false;
        for (int i = 0; i < _values.Length; i++)
            if (Bits(_values[i]) != Bits(other._values[i])) return false;
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as FloatArray);

    public override int GetHashCode() => _hash;

    /// <summary>The IEEE 754 bits of <paramref name="value"/> (BitConverter.SingleToInt32Bits is not in netstandard2.0).</summary>
    public static int Bits(float value) => new FloatBits { Float = value }.Int;

    [StructLayout(LayoutKind.Explicit)]
    private struct FloatBits
    {
        [FieldOffset(0)] public float Float;
        [FieldOffset(0)] public int Int;
    }
}
