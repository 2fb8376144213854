using System.Collections.Generic;
using NetGen.Generator.Model;
using static NetGen.Generator.Emit.Shapes;

namespace NetGen.Generator.Emit;

/// <summary>Shapes as constants, the parameter buffer and its layout, constructors (initialisation) and per-layer views.</summary>
internal static class ParametersEmitter
{
    public static void Write(IndentedWriter w, Shapes s)
    {
        var m = s.Model;
        w.Line($"/// <summary>Number of input features per example, n[0].</summary>");
        w.Line($"public const int InputSize = {Num(m.InputSize)};");
        w.Line($"/// <summary>Number of outputs per example, n[{s.LayerCount}].</summary>");
        w.Line($"public const int OutputSize = {Num(m.OutputSize)};");
        w.Line($"/// <summary>Number of dense layers.</summary>");
        w.Line($"public const int LayerCount = {Num(s.LayerCount)};");
        var terms = new List<string>();
        for (int l = 1; l <= s.LayerCount; l++) terms.Add($"{s.Units(l)}·{s.Inputs(l)} + {s.Units(l)}");
        w.Line($"/// <summary>Number of weights and biases: {string.Join(" + ", terms)}.</summary>");
        w.Line($"public const int ParameterCount = {Num(s.ParameterCount)};");
        w.Line(m.Weights is null
            ? "/// <summary>The seed the parameterless constructor uses.</summary>"
            : $"/// <summary>A seed for <c>new {m.ClassName}(DefaultSeed)</c>; the parameterless constructor loads <see cref=\"EmbeddedParameters\"/> instead.</summary>");
        w.Line($"public const int DefaultSeed = 0;");
        w.Line();

        w.Line("/// <summary>Offsets and lengths of each layer's W and b in <see cref=\"Parameters\"/>.</summary>");
        w.Open("private static class Layout");
        for (int l = 1; l <= s.LayerCount; l++)
        {
            w.Line($"public const int W{l} = {Num(s.WeightOffset[l])}, W{l}Length = {Num(s.WeightCount(l))}; // {s.Units(l)}×{s.Inputs(l)}, row-major");
            w.Line($"public const int b{l} = {Num(s.BiasOffset[l])};");
        }
        w.Close();
        w.Line();

        w.Line("// Pinned, with the parameters starting on a 64-byte boundary (see NetGen.ParameterStorage).");
        w.Line("private readonly float[] _storage = global::NetGen.ParameterStorage.Allocate(ParameterCount);");
        w.Line();

        if (m.Weights is not null)
        {
            EmbeddedWeightsEmitter.WriteConstructor(w, s);
        }
        else
        {
            w.Line("/// <summary>Creates the network with parameters drawn from <see cref=\"DefaultSeed\"/>.</summary>");
            w.Line($"public {m.ClassName}() : this(DefaultSeed)");
            w.Line("{");
            w.Line("}");
        }
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Creates the network with parameters drawn from <paramref name=\"seed\"/>: He-normal weights for ReLU/LeakyReLU");
        w.Line("/// layers, Xavier/Glorot-uniform otherwise, zero biases. The same seed gives bit-identical parameters.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"seed\">Seed of NetGen's deterministic generator.</param>");
        w.Open($"public {m.ClassName}(int seed)");
        w.Line("var rng = new global::NetGen.Rng(seed);");
        w.Line("global::System.Span<float> p = Parameters;");
        for (int l = 1; l <= s.LayerCount; l++)
        {
            string slice = s.WeightSlice("p", l);
            if (s.Activation(l) is ActivationKind.ReLU or ActivationKind.LeakyReLU)
                w.Line($"global::NetGen.Initializers.HeNormal({slice}, {Num(s.Inputs(l))}, ref rng); // W{l}: {s.Activation(l)} layer");
            else
                w.Line($"global::NetGen.Initializers.GlorotUniform({slice}, {Num(s.Inputs(l))}, {Num(s.Units(l))}, ref rng); // W{l}: {s.Activation(l)} layer");
        }
        w.Close();
        w.Line();

        w.Line("/// <summary>All parameters in one buffer: W1, b1, …, WL, bL; each W[l] row-major n[l] × n[l−1] (PyTorch nn.Linear layout), starting on a 64-byte boundary.</summary>");
        w.Line("public global::System.Span<float> Parameters => global::NetGen.ParameterStorage.View(_storage, ParameterCount);");
        w.Line();
        for (int l = 1; l <= s.LayerCount; l++)
        {
            w.Line($"/// <summary>W{l}: the {s.Units(l)}×{s.Inputs(l)} weights of layer {l}, row-major (a view into <see cref=\"Parameters\"/>).</summary>");
            w.Line($"public global::System.Span<float> W{l} => Parameters.Slice(Layout.W{l}, Layout.W{l}Length);");
            w.Line($"/// <summary>b{l}: the {s.Units(l)} biases of layer {l} (a view into <see cref=\"Parameters\"/>).</summary>");
            w.Line($"public global::System.Span<float> b{l} => Parameters.Slice(Layout.b{l}, {Num(s.Units(l))});");
        }
        w.Line();

        w.Line("/// <summary>The shape of layer <paramref name=\"layer\"/> (0-based) and where its parameters live.</summary>");
        w.Open("public global::NetGen.LayerShape GetLayerShape(int layer) => layer switch");
        for (int l = 1; l <= s.LayerCount; l++)
            w.Line($"{l - 1} => new global::NetGen.LayerShape({Num(s.Units(l))}, {Num(s.Inputs(l))}, global::NetGen.Activation.{s.Activation(l)}, Layout.W{l}, Layout.b{l}),");
        w.Line($"_ => throw new global::System.ArgumentOutOfRangeException(nameof(layer), layer, \"The network has layers 0 to {s.LayerCount - 1}.\"),");
        w.Close(";");
        w.Line();
    }
}

/// <summary>The private size types that carry each distinct layer size into the generic kernels as a constant.</summary>
internal static class SizesEmitter
{
    public static void Write(IndentedWriter w, Shapes s)
    {
        var sizes = new SortedSet<int>();
        for (int l = 0; l <= s.LayerCount; l++) sizes.Add(s.N(l));
        w.Line();
        w.Line("/// <summary>Sizes as types: kernels specialised on them see each size as a JIT/AOT constant.</summary>");
        w.Open("private static class Sizes");
        foreach (int n in sizes)
            w.Line($"public readonly struct N{Num(n)} : global::NetGen.Kernels.IDim {{ public static int Value => {Num(n)}; }}");
        w.Close();
    }
}
