using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NetGen.Serialization;

namespace NetGen.WeightsExport;

/// <summary>One exported layer: its weight's shape, where its tensors came from, and its activation when the file records it.</summary>
/// <param name="Shape">The weight's shape: [units, inputs] (Linear), [filters, channels, k] (Conv1d) or [filters, channels, k, k] (Conv2d).</param>
/// <param name="WeightSource">The weight's name in the safetensors file (e.g. <c>3.weight</c>).</param>
/// <param name="BiasSource">The bias's name in the safetensors file.</param>
/// <param name="Activation">The activation from NetGen's <c>netgen.layers</c> metadata, or null (PyTorch files do not say).</param>
public sealed record ExportedLayer(int[] Shape, string WeightSource, string BiasSource, string? Activation)
{
    /// <summary>n[l] of a dense layer, or the filters of a convolution: the rows of the weight.</summary>
    public int Units => Shape[0];

    /// <summary>n[l−1] of a dense layer, or the input channels of a convolution.</summary>
    public int Inputs => Shape[1];

    /// <summary>0 for a dense layer, else the (square) kernel size.</summary>
    public int Kernel => Shape.Length > 2 ? Shape[2] : 0;

    /// <summary>Whether this is a convolution (a weight of rank 3 or 4).</summary>
    public bool IsConvolution => Shape.Length > 2;

    /// <summary>The weight's values per unit or filter (inputs, or channels × kernel × kernel).</summary>
    public int RowLength => Shape.Skip(1).Aggregate(1, (a, d) => a * d);

    /// <summary>The layer attribute's name.</summary>
    public string Kind => Shape.Length switch { 3 => "Conv1D", 4 => "Conv2D", _ => "Dense" };
}

/// <summary>What an export wrote: the architecture the weights fit.</summary>
/// <param name="Layers">The layers, in order (NetGen's tensors 0.weight, 0.bias, 1.weight, …).</param>
public sealed record ExportSummary(IReadOnlyList<ExportedLayer> Layers)
{
    /// <summary>n[0], the inputs of the first layer (its input channels, for a convolution).</summary>
    public int Inputs => Layers[0].Inputs;

    /// <summary>All weights and biases.</summary>
    public int ParameterCount => Layers.Sum(l => l.Units * l.RowLength + l.Units);

    /// <summary>
    /// The sizes, e.g. <c>5 → 7 → 6 → 2</c>; with convolutions each layer is named, e.g.
    /// <c>Conv2D 1 → 6 (k 5) → Conv2D 6 → 16 (k 5) → Dense 400 → 120 → Dense 120 → 10</c>.
    /// </summary>
    public string Architecture => Layers.Any(l => l.IsConvolution)
        ? string.Join(" → ", Layers.Select(l => $"{l.Kind} {Invariant(l.Inputs)} → {Invariant(l.Units)}" + (l.IsConvolution ? $" (k {Invariant(l.Kernel)})" : "")))
        : string.Join(" → ", new[] { Inputs }.Concat(Layers.Select(l => l.Units)).Select(Invariant));

    /// <summary>
    /// The attributes that declare a network for these weights (activations left to fill in when unknown). A state
    /// dict does not record a convolutional network's input size, strides, paddings, pooling layers or where it is
    /// flattened, so for those the declaration says where they go.
    /// </summary>
    public string Declaration(string weightsPath)
    {
        var text = new StringBuilder();
        string weights = ", Weights = \"" + weightsPath.Replace("\\", "/") + "\"";
        ExportedLayer first = Layers[0];
        if (first.IsConvolution)
            text.Append("[Network(").Append(Invariant(first.Inputs)).Append(first.Shape.Length == 4 ? ", /* height */, /* width */" : ", /* length */")
                .Append(weights).Append(")]\n");
        else
            text.Append("[Network(").Append(Invariant(Inputs)).Append(weights).Append(")]\n");
        for (int l = 0; l < Layers.Count; l++)
        {
            ExportedLayer layer = Layers[l];
            if (!layer.IsConvolution && l > 0 && Layers[l - 1].IsConvolution)
                text.Append("// pooling layers as in the model, then:\n[Flatten]\n");
            text.Append('[').Append(layer.Kind).Append('(').Append(Invariant(layer.Units));
            if (layer.IsConvolution) text.Append(", ").Append(Invariant(layer.Kernel));
            text.Append(layer.Activation is null ? ", Activation./* as in the model */" : ", Activation." + layer.Activation);
            if (layer.IsConvolution) text.Append(" /* , Stride = …, Padding = … as in the model */");
            text.Append(")]\n");
            if (layer.IsConvolution && l + 1 < Layers.Count && Layers[l + 1].IsConvolution)
                text.Append("// pooling layers as in the model\n");
        }
        return text.ToString();
    }

    private static string Invariant(int n) => n.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Converts a safetensors file into the <c>netgen-weights/1</c> JSON that <c>[Network(…, Weights = "file")]</c> compiles
/// into an assembly. Reads what <c>LoadWeights</c> reads, with the runtime's own parser: NetGen's files and PyTorch
/// <c>nn.Sequential</c> state dicts (<c>0.weight</c>, <c>2.weight</c>, … optionally under one prefix such as <c>model.</c>),
/// in F32, F64, F16 or BF16, of Linear and Conv1d/Conv2d modules (convolutions first, as NetGen's networks have them).
/// The modules with parameters, in ascending index, become layers 0, 1, 2, … (so Sequential indices
/// 0, 2, 4 become tensors 0.*, 1.*, 2.*). Values are written as the shortest decimal that reads back as the same float.
/// </summary>
public static class WeightsExporter
{
    /// <summary>The format written.</summary>
    public const string Format = "netgen-weights/1";

    /// <summary>Values per line of a "data" array; each row of a weight starts a new line.</summary>
    public const int ValuesPerLine = 16;

    /// <summary>Converts <paramref name="input"/> (a safetensors file) and writes <paramref name="output"/>, replacing it atomically.</summary>
    /// <param name="input">The safetensors file.</param>
    /// <param name="output">The JSON file to create or replace.</param>
    /// <returns>The architecture the weights fit.</returns>
    /// <exception cref="InvalidDataException">The file is not valid safetensors, or not layers NetGen can embed.</exception>
    public static ExportSummary ExportFile(string input, string output)
    {
        ArgumentException.ThrowIfNullOrEmpty(input);
        ArgumentException.ThrowIfNullOrEmpty(output);
        ExportSummary summary;
        var json = new StringWriter(CultureInfo.InvariantCulture);
        using (var stream = new FileStream(input, FileMode.Open, FileAccess.Read, FileShare.Read))
            summary = Export(stream, json, Path.GetFileName(input));

        string fullPath = Path.GetFullPath(output);
        string temp = Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temp, json.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temp, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        return summary;
    }

    /// <summary>Converts safetensors from <paramref name="safetensors"/> and writes the JSON to <paramref name="json"/>.</summary>
    /// <param name="safetensors">A stream holding a safetensors file.</param>
    /// <param name="json">Receives the <c>netgen-weights/1</c> document ('\n' line ends, no trailing spaces).</param>
    /// <param name="sourceName">The input's name, recorded in the metadata (a file name, not a full path, so output is reproducible).</param>
    /// <returns>The architecture the weights fit.</returns>
    /// <exception cref="InvalidDataException">The data is not valid safetensors, or not layers NetGen can embed.</exception>
    public static ExportSummary Export(Stream safetensors, TextWriter json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(safetensors);
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(sourceName);

        SafetensorsFile file = SafetensorsFile.Read(safetensors);
        LayerTensors[] tensors = LayerTensorResolver.BySequentialIndex(file, layerCount: null, "the network");
        string?[] activations = Activations(file, tensors.Length);

        var layers = new List<ExportedLayer>(tensors.Length);
        var values = new List<(float[] Weight, float[] Bias)>(tensors.Length);
        for (int l = 0; l < tensors.Length; l++)
        {
            TensorEntry weight = tensors[l].Weight, bias = tensors[l].Bias;
            int rank = weight.Shape.Length;
            if (rank is < 2 or > 4 || weight.Shape.Any(d => d <= 0))
                throw Invalid($"layer {l}: weight '{weight.Name}' has shape {weight.ShapeText}; a layer's weight is [units, inputs] (Linear), " +
                              "[filters, channels, k] (Conv1d) or [filters, channels, k, k] (Conv2d).");
            if (rank == 4 && weight.Shape[2] != weight.Shape[3])
                throw Invalid($"layer {l}: weight '{weight.Name}' {weight.ShapeText} has a {weight.Shape[2]}×{weight.Shape[3]} kernel; NetGen's convolutions have square kernels.");
            if (bias.Shape.Length != 1 || bias.Shape[0] != weight.Shape[0])
                throw Invalid($"layer {l}: bias '{bias.Name}' has shape {bias.ShapeText}, but its weight '{weight.Name}' {weight.ShapeText} needs [{weight.Shape[0]}].");
            if (weight.ElementCount > 1 << 24)
                throw Invalid($"layer {l}: weight '{weight.Name}' {weight.ShapeText} has more than 2^24 values, the most a NetGen layer may have.");
            int[] shape = weight.Shape.Select(d => (int)d).ToArray();
            if (l > 0)
            {
                ExportedLayer previous = layers[l - 1];
                if (rank > 2 && !previous.IsConvolution)
                    throw Invalid($"layer {l}: weight '{weight.Name}' {weight.ShapeText} is a convolution after the Linear layer {l - 1} " +
                                  $"('{previous.WeightSource}'); NetGen's convolutions come before its dense layers.");
                if (rank > 2 && rank != previous.Shape.Length)
                    throw Invalid($"layer {l}: weight '{weight.Name}' {weight.ShapeText} is a Conv{rank - 2}d after a Conv{previous.Shape.Length - 2}d " +
                                  $"(layer {l - 1}, '{previous.WeightSource}' {Shape(previous.Shape)}); one network's convolutions have one rank.");
                if ((rank > 2 || !previous.IsConvolution) && shape[1] != previous.Units)
                    throw Invalid(rank > 2
                        ? $"layer {l}: weight '{weight.Name}' {weight.ShapeText} takes {shape[1]} channels, but layer {l - 1} ('{previous.WeightSource}') has {previous.Units} filters; the Conv modules do not form a chain."
                        : $"layer {l}: weight '{weight.Name}' {weight.ShapeText} takes {shape[1]} inputs, but layer {l - 1} " +
                          $"('{previous.WeightSource}') has {previous.Units} units; the Linear modules do not form a chain.");
            }
            values.Add((Decode(file, weight, l), Decode(file, bias, l)));
            layers.Add(new ExportedLayer(shape, weight.Name, bias.Name, activations[l]));
        }

        var summary = new ExportSummary(layers);
        Write(json, summary, values, file.Metadata, sourceName);
        return summary;
    }

    private static float[] Decode(SafetensorsFile file, TensorEntry tensor, int layer)
    {
        if (!SafetensorsDType.IsSupported(tensor.DType))
            throw Invalid($"layer {layer}: tensor '{tensor.Name}' has dtype {tensor.DType}; the exporter reads {SafetensorsDType.Supported}.");
        var values = new float[tensor.ElementCount];
        SafetensorsDType.Decode(tensor.DType, file.Bytes(tensor), values);
        for (int i = 0; i < values.Length; i++)
            if (!float.IsFinite(values[i]))
                throw Invalid($"layer {layer}: tensor '{tensor.Name}' holds {values[i].ToString(CultureInfo.InvariantCulture)} at index {i}; " +
                              "embedded weights must be finite floats" + (tensor.DType == "F64" ? " (an F64 value beyond the float range)." : "."));
        return values;
    }

    /// <summary>Activations from NetGen's own metadata (<c>netgen.layers</c> = "7:Tanh,6:LeakyReLU,2:Sigmoid"), when it fits.</summary>
    private static string?[] Activations(SafetensorsFile file, int layerCount)
    {
        var result = new string?[layerCount];
        if (!file.Metadata.TryGetValue("netgen.layers", out string? text)) return result;
        string[] specs = text.Split(',');
        if (specs.Length != layerCount) return result;
        for (int l = 0; l < layerCount; l++)
        {
            int colon = specs[l].IndexOf(':');
            string name = colon < 0 ? "" : specs[l][(colon + 1)..];
            // "LeakyReLU(0.2)": a slope of its own, which the declaration must carry.
            string? slope = null;
            if (name.StartsWith("LeakyReLU(", StringComparison.Ordinal) && name.EndsWith(')'))
            {
                string value = name["LeakyReLU(".Length..^1];
                if (float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out float s) && float.IsFinite(s))
                    slope = s.ToString("R", CultureInfo.InvariantCulture) + "f";
                name = slope is null ? "" : "LeakyReLU";
            }
            // Only the enum's names: a bare number (an activation this tool's runtime does not know) is not a declaration.
            bool known = Array.IndexOf(Enum.GetNames<Activation>(), name) >= 0;
            result[l] = !known ? null : slope is null ? name : name + ", Slope = " + slope;
        }
        return result;
    }

    private static void Write(TextWriter json, ExportSummary summary, List<(float[] Weight, float[] Bias)> values,
        Dictionary<string, string> sourceMetadata, string sourceName)
    {
        var w = new StringBuilder();
        w.Append("{\n");
        w.Append("  \"format\": ").Append(Quote(Format)).Append(",\n");
        w.Append("  \"metadata\": {\n");
        w.Append("    \"exported_by\": \"NetGen.WeightsExport\",\n");
        w.Append("    \"source\": ").Append(Quote(sourceName)).Append(",\n");
        w.Append("    \"architecture\": ").Append(Quote(summary.Architecture)).Append(",\n");
        w.Append("    \"source_tensors\": {");
        for (int l = 0; l < summary.Layers.Count; l++)
        {
            string index = l.ToString(CultureInfo.InvariantCulture);
            w.Append(l == 0 ? "" : ",").Append("\n      ")
                .Append(Quote(index + ".weight")).Append(": ").Append(Quote(summary.Layers[l].WeightSource)).Append(", ")
                .Append(Quote(index + ".bias")).Append(": ").Append(Quote(summary.Layers[l].BiasSource));
        }
        w.Append("\n    },\n");
        w.Append("    \"source_metadata\": {");
        bool first = true;
        foreach (KeyValuePair<string, string> entry in sourceMetadata.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            w.Append(first ? "" : ",").Append("\n      ").Append(Quote(entry.Key)).Append(": ").Append(Quote(entry.Value));
            first = false;
        }
        w.Append(first ? "}\n" : "\n    }\n");
        w.Append("  },\n");

        w.Append("  \"tensors\": {\n");
        for (int l = 0; l < summary.Layers.Count; l++)
        {
            ExportedLayer layer = summary.Layers[l];
            string index = l.ToString(CultureInfo.InvariantCulture);
            WriteTensor(w, index + ".weight", layer.Shape, values[l].Weight, layer.RowLength, last: false);
            WriteTensor(w, index + ".bias", [layer.Units], values[l].Bias, layer.Units, last: l == summary.Layers.Count - 1);
        }
        w.Append("  }\n");
        w.Append("}\n");
        json.Write(w.ToString());
    }

    private static void WriteTensor(StringBuilder w, string name, int[] shape, float[] data, int rowLength, bool last)
    {
        w.Append("    ").Append(Quote(name)).Append(": {\n");
        w.Append("      \"shape\": [").Append(string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture)))).Append("],\n");
        w.Append("      \"data\": [\n");
        for (int i = 0; i < data.Length; i++)
        {
            int column = i % rowLength;
            bool lineStart = column % ValuesPerLine == 0;
            w.Append(lineStart ? "        " : " ").Append(Number(data[i]));
            if (i < data.Length - 1) w.Append(',');
            if (column == rowLength - 1 || column % ValuesPerLine == ValuesPerLine - 1 || i == data.Length - 1) w.Append('\n');
        }
        w.Append("      ]\n");
        w.Append(last ? "    }\n" : "    },\n");
    }

    /// <summary>
    /// The shortest invariant decimal that reads back as <paramref name="value"/> the way the generator reads it (nearest
    /// double, then nearest float); in the rare case where that double rounding differs, the exact value as a double.
    /// </summary>
    public static string Number(float value)
    {
        if (value == 0) return BitConverter.SingleToInt32Bits(value) == 0 ? "0" : "-0";
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        if (BitConverter.SingleToInt32Bits((float)double.Parse(text, CultureInfo.InvariantCulture)) != BitConverter.SingleToInt32Bits(value))
            text = ((double)value).ToString("R", CultureInfo.InvariantCulture);
        return text;
    }

    private static string Quote(string text) =>
        "\"" + JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString() + "\"";

    private static string Shape(int[] shape) => "[" + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";

    private static InvalidDataException Invalid(string message) => new(message);
}
