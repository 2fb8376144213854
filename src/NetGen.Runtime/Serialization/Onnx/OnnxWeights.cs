using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace NetGen.Serialization.Onnx;

/// <summary>
/// Reads an ONNX model's weights into a network whose declared layers match the graph. The graph is walked in order:
/// each Gemm (or MatMul + Add) is the next Dense layer, each Conv the next convolution; the element-wise op after it is
/// that layer's activation (GELU also as the Div–Erf–Add–Mul–Mul pattern PyTorch exports below opset 20); MaxPool,
/// AveragePool, Flatten, Reshape, Identity, Dropout and Constant carry no parameters and are passed over. Any other op,
/// a weight of another shape, another activation or another number of layers is an error naming the node.
/// </summary>
internal static class OnnxWeights
{
    private static readonly HashSet<string> Structural = ["MaxPool", "AveragePool", "Flatten", "Reshape", "Identity", "Dropout", "Constant"];

    /// <summary>Whether the bytes look like an ONNX model rather than safetensors (whose byte 8 opens its JSON header).</summary>
    public static bool LooksLikeOnnx(ReadOnlySpan<byte> bytes) => bytes.Length > 1 && bytes[0] == 0x08 && !(bytes.Length > 8 && bytes[8] == (byte)'{');

    /// <summary>Writes the model's weights into <paramref name="staged"/> (the network's parameter layout).</summary>
    /// <exception cref="InvalidDataException">The graph does not match the layers; the message names the node.</exception>
    public static void Stage(OnnxModel model, LayerShape[] layers, float[] staged)
    {
        var tensors = new Dictionary<string, OnnxTensor>(StringComparer.Ordinal);
        foreach (var t in model.Graph.Initializers) tensors[t.Name] = t;
        foreach (var node in model.Graph.Nodes)
            if (node.OpType == "Constant" && node.Outputs.Count == 1 && node.Attribute("value")?.Tensor is { } value) tensors[node.Outputs[0]] = value;

        var nodes = model.Graph.Nodes;
        int l = 0;                       // the next layer to fill
        string? activationNode = null;   // the node that set the activation of layer l − 1
        Activation? activation = null;
        float slope = Kernels.LeakyReLU.Slope;
        for (int k = 0; k < nodes.Count; k++)
        {
            var node = nodes[k];
            switch (node.OpType)
            {
                case "Gemm" or "MatMul" or "Conv":
                    if (l > 0) CheckActivation(layers[l - 1], l - 1, activation, slope, activationNode, node);
                    if (l == layers.Length)
                        throw Error(node, $"is a {layers.Length + 1}th layer with weights, but the network has {layers.Length}");
                    k = StageLayer(nodes, k, tensors, layers[l], l, staged);
                    activation = null;
                    activationNode = null;
                    slope = Kernels.LeakyReLU.Slope;
                    l++;
                    break;
                case "Div" when GeluPatternEnd(nodes, k, tensors) is int end:
                    SetActivation(ref activation, ref activationNode, Activation.GELU, nodes[end], l);
                    k = end;
                    break;
                default:
                    if (ActivationOf(node) is Activation a)
                    {
                        if (a == Activation.LeakyReLU) slope = node.Attribute("alpha")?.F ?? Kernels.LeakyReLU.Slope; // ONNX's default alpha is PyTorch's 0.01 too
                        if (a == Activation.ELU && node.Attribute("alpha") is { } alpha && alpha.F != 1f)
                            throw Error(node, $"is Elu with alpha {Text(alpha.F)}; NetGen's ELU has α = 1");
                        SetActivation(ref activation, ref activationNode, a, node, l);
                    }
                    else if (!Structural.Contains(node.OpType))
                    {
                        throw Error(node, $"has op {node.OpType}, which NetGen does not load (it reads Gemm, MatMul + Add, Conv, " +
                            "Relu, LeakyRelu, Sigmoid, Tanh, Softmax, Elu, Softplus, Gelu and the Erf form of GELU, MaxPool, AveragePool, Flatten, Reshape, Identity, Dropout, Constant)");
                    }
                    break;
            }
        }
        if (l < layers.Length)
            throw new InvalidDataException($"the graph has {l} layers with weights but the network has {layers.Length}.");
        CheckActivation(layers[l - 1], l - 1, activation, slope, activationNode, null);
    }

    private static int StageLayer(IReadOnlyList<OnnxNode> nodes, int k, Dictionary<string, OnnxTensor> tensors, LayerShape layer, int l, float[] staged)
    {
        var node = nodes[k];
        Span<float> w = staged.AsSpan(layer.WeightOffset, layer.Units * layer.Inputs), b = staged.AsSpan(layer.BiasOffset, layer.Units);
        string expected = $"layer {l} ({Describe(layer)})";
        if (node.OpType == "Conv")
        {
            if (layer.Kind == LayerKind.Dense) throw Error(node, $"is a convolution but {expected} is dense");
            if (node.Attribute("group") is { I: not 1 } group) throw Error(node, $"has group {group.I}; NetGen's convolutions have group 1");
            if (node.Attribute("dilations") is { } dilations && Array.Exists(dilations.Ints, d => d != 1))
                throw Error(node, $"has dilations [{string.Join(", ", dilations.Ints)}]; NetGen's convolutions have none");
            // Strides and pads as declared (layers from a NetGen older than these fields report 0: not checked).
            int axes = layer.Kind == LayerKind.Conv2D ? 2 : 1;
            if (layer.Stride > 0)
            {
                long[] strides = node.Attribute("strides")?.Ints ?? [];
                long[] declared = Repeat(layer.Stride, axes);
                if (!(strides.Length == 0 ? layer.Stride == 1 : strides.AsSpan().SequenceEqual(declared)))
                    throw Error(node, $"has strides [{string.Join(", ", strides.Length == 0 ? Repeat(1, axes) : strides)}] but {expected} has stride {layer.Stride}");
                long[] pads = node.Attribute("pads")?.Ints ?? [];
                if (node.Attribute("auto_pad") is { S: { } autoPad } && autoPad != "NOTSET")
                    throw Error(node, $"has auto_pad {autoPad}; NetGen needs explicit pads");
                long[] declaredPads = Repeat(layer.Padding, 2 * axes);
                if (!(pads.Length == 0 ? layer.Padding == 0 : pads.AsSpan().SequenceEqual(declaredPads)))
                    throw Error(node, $"has pads [{string.Join(", ", pads.Length == 0 ? Repeat(0, 2 * axes) : pads)}] but {expected} has padding {layer.Padding} on each side");
            }
            Copy(Weight(node, 1, tensors), layer.WeightShape(), transpose: false, w, node, expected);
            if (node.Inputs.Count > 2 && node.Inputs[2].Length > 0) Copy(Weight(node, 2, tensors), [layer.Units], false, b, node, expected);
            else b.Clear();
            return k;
        }
        if (layer.Kind != LayerKind.Dense) throw Error(node, $"is a {node.OpType} (dense) but {expected} is a convolution");
        if (node.OpType == "Gemm")
        {
            if (node.Attribute("transA") is { I: not 0 }) throw Error(node, "has transA = 1; NetGen multiplies the inputs untransposed");
            foreach (string name in new[] { "alpha", "beta" })
                if (node.Attribute(name) is { } scale && scale.F != 1f) throw Error(node, $"has {name} = {Text(scale.F)}; NetGen loads Gemm with {name} = 1");
            bool transB = node.Attribute("transB") is { I: 1 };
            Copy(Weight(node, 1, tensors), transB ? [layer.Units, layer.Inputs] : [layer.Inputs, layer.Units], !transB, w, node, expected);
            if (node.Inputs.Count > 2 && node.Inputs[2].Length > 0) Copy(Weight(node, 2, tensors), [layer.Units], false, b, node, expected);
            else b.Clear();
            return k;
        }
        // MatMul by an initializer [inputs, units], then Add of the bias.
        Copy(Weight(node, 1, tensors), [layer.Inputs, layer.Units], transpose: true, w, node, expected);
        if (k + 1 < nodes.Count && nodes[k + 1] is { OpType: "Add" } add && Has(add.Inputs, node.Outputs[0]))
        {
            string other = add.Inputs[0] == node.Outputs[0] ? add.Inputs[1] : add.Inputs[0];
            if (!tensors.TryGetValue(other, out var bias)) throw Error(add, $"adds '{other}', which is not a constant, to the output of '{node.Name}'");
            Copy(bias, [layer.Units], false, b, add, expected);
            return k + 1;
        }
        b.Clear();
        return k;
    }

    private static OnnxTensor Weight(OnnxNode node, int input, Dictionary<string, OnnxTensor> tensors)
    {
        if (node.Inputs.Count <= input) throw Error(node, $"has no input {input}");
        string name = node.Inputs[input];
        return tensors.TryGetValue(name, out var tensor) ? tensor
            : throw Error(node, $"takes '{name}' as a weight, but it is computed, not an initializer or Constant");
    }

    /// <summary>Copies a tensor of the expected dims (transposing a [rows, cols] matrix into [cols, rows] when asked).</summary>
    private static void Copy(OnnxTensor tensor, long[] dims, bool transpose, Span<float> destination, OnnxNode node, string expected)
    {
        long[] actual = tensor.Dims;
        if (dims.Length == 1 && actual.Length == 2 && actual[0] == 1) actual = [actual[1]]; // a bias stored as [1, units]
        if (!actual.AsSpan().SequenceEqual(dims))
            throw Error(node, $"has '{tensor.Name}' of shape [{string.Join(", ", tensor.Dims)}] but {expected} expects [{string.Join(", ", dims)}]");
        if (tensor.Floats is not float[] values)
            throw Error(node, $"has '{tensor.Name}' of ONNX data type {tensor.DataType}; NetGen loads float, float16 and double weights");
        if (!transpose)
        {
            values.CopyTo(destination);
            return;
        }
        long rows = dims[0], cols = dims[1];
        for (long r = 0; r < rows; r++)
            for (long c = 0; c < cols; c++)
                destination[(int)(c * rows + r)] = values[r * cols + c];
    }

    /// <summary>
    /// When nodes[k] starts y = 0.5 · x · (1 + erf(x / √2)) — Div, Erf, Add, Mul, Mul, with Constants between them, as
    /// torch.onnx exports nn.GELU() below opset 20 — the index of its last node; else null.
    /// </summary>
    private static int? GeluPatternEnd(IReadOnlyList<OnnxNode> nodes, int k, Dictionary<string, OnnxTensor> tensors)
    {
        var found = new List<int>(5);
        for (int i = k; i < nodes.Count && found.Count < 5; i++)
            if (nodes[i].OpType != "Constant") found.Add(i);
        if (found.Count < 5) return null;
        var (div, erf, add, mul1, mul2) = (nodes[found[0]], nodes[found[1]], nodes[found[2]], nodes[found[3]], nodes[found[4]]);
        bool ok = div.Inputs.Count == 2 && IsScalar(tensors, div.Inputs[1], MathF.Sqrt(2f))
            && erf.OpType == "Erf" && Has(erf.Inputs, div.Outputs[0])
            && add.OpType == "Add" && Has(add.Inputs, erf.Outputs[0]) && (IsScalar(tensors, add.Inputs[0], 1f) || IsScalar(tensors, add.Inputs[^1], 1f))
            && mul1.OpType == "Mul" && mul2.OpType == "Mul" && Has(mul2.Inputs, mul1.Outputs[0])
            && (Has(mul1.Inputs, div.Inputs[0]) || Has(mul2.Inputs, div.Inputs[0]))
            && (IsScalar(tensors, mul2.Inputs[0], 0.5f) || IsScalar(tensors, mul2.Inputs[^1], 0.5f)
                || IsScalar(tensors, mul1.Inputs[0], 0.5f) || IsScalar(tensors, mul1.Inputs[^1], 0.5f));
        return ok ? found[4] : null;
    }

    private static long[] Repeat(long value, int count)
    {
        var values = new long[count];
        Array.Fill(values, value);
        return values;
    }

    private static bool Has(IReadOnlyList<string> names, string name)
    {
        foreach (string n in names) if (n == name) return true;
        return false;
    }

    private static bool IsScalar(Dictionary<string, OnnxTensor> tensors, string name, float value) =>
        tensors.TryGetValue(name, out var t) && t.Floats is { Length: 1 } v && MathF.Abs(v[0] - value) <= 1e-5f * MathF.Max(1f, value);

    private static Activation? ActivationOf(OnnxNode node) => node.OpType switch
    {
        "Relu" => Activation.ReLU,
        "LeakyRelu" => Activation.LeakyReLU,
        "Sigmoid" => Activation.Sigmoid,
        "Tanh" => Activation.Tanh,
        "Softmax" => Activation.Softmax,
        "Elu" => Activation.ELU,
        "Softplus" => Activation.Softplus,
        "Gelu" when node.Attribute("approximate") is not { S: "tanh" } => Activation.GELU,
        _ => null,
    };

    private static void SetActivation(ref Activation? activation, ref string? where, Activation value, OnnxNode node, int l)
    {
        if (l == 0) throw Error(node, $"applies {value} to the network's inputs, before any layer with weights");
        if (activation is not null) throw Error(node, $"applies {value} after {activation} ('{where}'); NetGen has one activation per layer");
        activation = value;
        where = node.Name;
    }

    private static void CheckActivation(LayerShape layer, int l, Activation? found, float slope, string? where, OnnxNode? next)
    {
        var actual = found ?? Activation.Identity;
        if (actual != layer.Activation)
            throw new InvalidDataException($"layer {l} is {Describe(layer)} but the graph applies {actual}" +
                (where is null ? " (no activation node)" : $" (node '{where}')") + (next is null ? " before its output." : $" before node '{next.Name}'."));
        if (actual == Activation.LeakyReLU && slope != layer.Slope && layer.Slope != 0f)
            throw new InvalidDataException($"layer {l} is LeakyReLU with slope {Text(layer.Slope)} but node '{where}' has alpha {Text(slope)}.");
    }

    private static string Describe(LayerShape layer) => layer.Kind == LayerKind.Dense
        ? $"Dense {layer.Inputs} → {layer.Units}, {layer.Activation}"
        : $"{layer.Kind} {layer.Units} filters, kernel {layer.Kernel}, stride {layer.Stride}, padding {layer.Padding}, {layer.Activation}";

    private static string Text(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static InvalidDataException Error(OnnxNode node, string message) =>
        new($"node '{node.Name}' ({node.OpType}) {message}.");
}
