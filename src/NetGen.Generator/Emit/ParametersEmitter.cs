using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Layers;
using NetGen.Generator.Model;
using static NetGen.Generator.Emit.Shapes;

namespace NetGen.Generator.Emit;

/// <summary>Shapes as constants, the parameter buffer and its layout, constructors (initialisation) and per-layer views.</summary>
internal static class ParametersEmitter
{
    public static void Write(IndentedWriter w, Shapes s)
    {
        var m = s.Model;
        var input = m.InputShape;
        if (input.IsFlat)
        {
            w.Line($"/// <summary>Number of input features per example, n[0].</summary>");
            w.Line($"public const int InputSize = {Num(m.InputSize)};");
        }
        else
        {
            w.Line($"/// <summary>Number of input values per example: {input} ({input.Layout}, channels outermost, as PyTorch's N{(input.Rank == 3 ? "CHW" : "CL")}).</summary>");
            w.Line($"public const int InputSize = {Num(m.InputSize)};");
            w.Line($"/// <summary>Channels C of each input example.</summary>");
            w.Line($"public const int InputChannels = {Num(input.Channels)};");
            if (input.Rank == 3)
            {
                w.Line($"/// <summary>Rows H of each input example.</summary>");
                w.Line($"public const int InputHeight = {Num(input.Height)};");
                w.Line($"/// <summary>Columns W of each input example.</summary>");
                w.Line($"public const int InputWidth = {Num(input.Width)};");
            }
            else
            {
                w.Line($"/// <summary>Positions L of each input example.</summary>");
                w.Line($"public const int InputLength = {Num(input.Width)};");
            }
        }
        w.Line($"/// <summary>Number of outputs per example, n[{s.LayerCount}].</summary>");
        w.Line($"public const int OutputSize = {Num(m.OutputSize)};");
        if (s.IsDenseStack)
        {
            w.Line($"/// <summary>Number of dense layers.</summary>");
        }
        else
        {
            w.Line($"/// <summary>Number of layers with parameters ({string.Join(", ", s.ParameterisedLayers.Select(l => s.Layer(l).Kind + " " + l))}) among the {s.LayerCount} declared.</summary>");
        }
        w.Line($"public const int LayerCount = {Num(s.ParameterisedLayers.Count)};");
        var terms = new List<string>();
        foreach (int l in s.ParameterisedLayers)
            terms.Add(s.Layer(l) is NetGen.Generator.Layers.Dense.DenseLayer
                ? $"{s.Units(l)}·{s.Inputs(l)} + {s.Units(l)}"
                : $"{s.WeightShapeText(l)} + {s.Layer(l).BiasCount}");
        w.Line($"/// <summary>Number of weights and biases: {string.Join(" + ", terms)}.</summary>");
        w.Line($"public const int ParameterCount = {Num(s.ParameterCount)};");
        w.Line(m.Weights is null
            ? "/// <summary>The seed the parameterless constructor uses.</summary>"
            : $"/// <summary>A seed for <c>new {m.ClassName}(DefaultSeed)</c>; the parameterless constructor loads <see cref=\"EmbeddedParameters\"/> instead.</summary>");
        w.Line($"public const int DefaultSeed = 0;");
        w.Line();

        w.Line("/// <summary>Offsets and lengths of each layer's W and b in <see cref=\"Parameters\"/>.</summary>");
        w.Open("private static class Layout");
        foreach (int l in s.ParameterisedLayers)
        {
            w.Line($"public const int {Names.Weight(l)} = {Num(s.WeightOffset[l])}, {Names.Weight(l)}Length = {Num(s.WeightCount(l))}; // {s.WeightShapeText(l)}, row-major");
            w.Line($"public const int {Names.Bias(l)} = {Num(s.BiasOffset[l])};");
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
        foreach (int l in s.ParameterisedLayers) LayerEmitters.WriteInitialization(w, s, l);
        w.Close();
        w.Line();

        w.Line(s.IsDenseStack
            ? "/// <summary>All parameters in one buffer: W1, b1, …, WL, bL; each W[l] row-major n[l] × n[l−1] (PyTorch nn.Linear layout), starting on a 64-byte boundary.</summary>"
            : $"/// <summary>All parameters in one buffer: {string.Join(", ", s.ParameterisedLayers.Select(l => Names.Weight(l) + ", " + Names.Bias(l)))}; each W row-major in PyTorch's layout (Conv2d: filters × channels × kernel × kernel), starting on a 64-byte boundary.</summary>");
        w.Line("public global::System.Span<float> Parameters => global::NetGen.ParameterStorage.View(_storage, ParameterCount);");
        w.Line();
        foreach (int l in s.ParameterisedLayers)
        {
            var layer = s.Layer(l);
            string what = layer is NetGen.Generator.Layers.Dense.DenseLayer ? "weights" : $"{layer.Kind} weights (filters × channels × kernel{(layer.WeightShape.Length == 4 ? " × kernel" : "")})";
            string units = layer is NetGen.Generator.Layers.Dense.DenseLayer ? "biases" : "biases (one per filter)";
            w.Line($"/// <summary>{Names.Weight(l)}: the {s.WeightShapeText(l)} {what} of layer {l}, row-major (a view into <see cref=\"Parameters\"/>).</summary>");
            w.Line($"public global::System.Span<float> {Names.Weight(l)} => Parameters.Slice(Layout.{Names.Weight(l)}, Layout.{Names.Weight(l)}Length);");
            w.Line($"/// <summary>{Names.Bias(l)}: the {layer.BiasCount} {units} of layer {l} (a view into <see cref=\"Parameters\"/>).</summary>");
            w.Line($"public global::System.Span<float> {Names.Bias(l)} => Parameters.Slice(Layout.{Names.Bias(l)}, {Num(layer.BiasCount)});");
        }
        w.Line();

        w.Line(s.IsDenseStack
            ? "/// <summary>The shape of layer <paramref name=\"layer\"/> (0-based) and where its parameters live.</summary>"
            : "/// <summary>The shape of parameterised layer <paramref name=\"layer\"/> (0-based among the layers with parameters; the index of its tensors) and where its parameters live.</summary>");
        w.Open("public global::NetGen.LayerShape GetLayerShape(int layer) => layer switch");
        for (int i = 0; i < s.ParameterisedLayers.Count; i++)
        {
            int l = s.ParameterisedLayers[i];
            var layer = s.Layer(l);
            string shape = $"new global::NetGen.LayerShape({Num(layer.WeightRows)}, {Num(layer.WeightRowLength)}, global::NetGen.Activation.{s.Activation(l)}, Layout.{Names.Weight(l)}, Layout.{Names.Bias(l)})";
            var init = new List<string>();
            if (layer is NetGen.Generator.Layers.Convolution.ConvolutionLayer conv)
                init.AddRange([$"Kind = global::NetGen.LayerKind.{conv.Kind}", $"Kernel = {Num(conv.Kernel)}", $"Positions = {Num(conv.Positions)}",
                    $"Stride = {Num(conv.Stride)}", $"Padding = {Num(conv.Padding)}"]);
            if (s.Activation(l) == ActivationKind.LeakyReLU) init.Add($"Slope = {Shapes.FloatLiteral(layer.Slope)}");
            if (init.Count > 0) shape += $" {{ {string.Join(", ", init)} }}";
            w.Line(s.IsDenseStack ? $"{i} => {shape}," : $"{i} => {shape}, // layer {l}: {layer.Kind}");
        }
        w.Line($"_ => throw new global::System.ArgumentOutOfRangeException(nameof(layer), layer, \"The network has layers 0 to {s.ParameterisedLayers.Count - 1}.\"),");
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
        foreach (var layer in s.Model.Layers) LayerEmitters.WriteGeometry(w, layer);
        foreach (var layer in s.Model.Layers)
            if (layer.Activation is ActivationKind activation && ActivationRules.IsCustomSlope(activation, layer.Slope))
                w.Line($"public readonly struct {Names.SlopeType(layer.Number)} : global::NetGen.Kernels.ISlope {{ public static float Value => {Shapes.FloatLiteral(layer.Slope)}; }} // layer {Num(layer.Number)}'s LeakyReLU slope");
        w.Close();
    }
}
