using NetGen.Generator.Emit;

namespace NetGen.Generator.Layers.Flatten;

/// <summary>[Flatten] emits no arithmetic: the layers after it read the buffer of the layer it flattens.</summary>
internal static class FlattenEmitter
{
    /// <summary>E.g. <c>Flatten 16×5×5 → 400: A5 = A4 read as one vector (the same buffer; nothing is copied)</c>.</summary>
    public static string Equation(FlattenLayer f) =>
        $"Flatten {f.Input} → {f.Output}: A{f.Number} = A{f.Number - 1} read as one vector (the same buffer; nothing is copied)";

    public static void WriteForward(IndentedWriter w, FlattenLayer f)
    {
        w.Line($"// Layer {f.Number}: {Equation(f)}");
        w.Line($"var a{f.Number} = a{f.Number - 1};");
    }

    public static void WriteBackward(IndentedWriter w, Shapes s, FlattenLayer f) =>
        w.Line($"// Layer {f.Number} (Flatten): dA{f.Number - 1} is dA{f.Number} read as {f.Input}; the layer after it wrote it into dZ{s.Source(f.Number)}'s buffer.");
}
