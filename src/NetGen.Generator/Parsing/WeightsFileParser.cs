using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>
/// Reads one weights file (a <c>netgen-weights/1</c> JSON document) into checked tensors, or into diagnostics located
/// in the file itself: JSON syntax and schema errors (NG0033, with line and column), data whose length differs from
/// its shape (NG0036) and values that are not finite floats (NG0038). Checks against a network's layers come later
/// (<see cref="WeightsBinder"/>), so a file shared by several networks is read once.
/// </summary>
/// <remarks>
/// <code>
/// {
///   "format": "netgen-weights/1",
///   "metadata": { … anything, ignored … },
///   "tensors": {
///     "0.weight": { "shape": [2, 2], "data": [20, 20, -20, -20] },
///     "0.bias":   { "shape": [2],    "data": [-30, 10] }
///   }
/// }
/// </code>
/// Each number is read as the nearest double, then rounded to float (as PyTorch and NumPy read JSON numbers).
/// </remarks>
internal static class WeightsFileParser
{
    /// <summary>The value of "format" this generator reads.</summary>
    public const string Format = "netgen-weights/1";

    /// <summary>The file when some network names it, else null (other AdditionalFiles are never read).</summary>
    public static WeightsFile? ParseIfRequested(AdditionalText file, EquatableArray<WeightsLookup> lookups, CancellationToken cancellationToken)
    {
        if (!WeightsPath.IsRequested(file.Path, lookups)) return null;
        SourceText? text;
        try
        {
            text = file.GetText(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            text = null;
        }
        if (text is null)
            return new WeightsFile(file.Path, Unreadable: true, EquatableArray<WeightsTensor>.Empty, null, EquatableArray<DiagnosticInfo>.Empty);
        return Parse(file.Path, text, cancellationToken);
    }

    public static WeightsFile Parse(string path, SourceText text, CancellationToken cancellationToken)
    {
        var reader = new FileReader(path, text);
        try
        {
            reader.Read(cancellationToken);
        }
        catch (JsonSyntaxException ex)
        {
            reader.Malformed(ex.Message, ex.Start, ex.End);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            reader.Diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, reader.Location(0, 0),
                WeightsPath.FileName(path), ex.GetType().Name + ": " + ex.Message));
        }
        return new WeightsFile(path, Unreadable: false,
            reader.Diagnostics.Count == 0 ? reader.Tensors.ToEquatableArray() : EquatableArray<WeightsTensor>.Empty,
            reader.TensorsLocation, reader.Diagnostics.ToEquatableArray());
    }

    private sealed class FileReader(string path, SourceText text)
    {
        private readonly string _fileName = WeightsPath.FileName(path);

        public List<DiagnosticInfo> Diagnostics { get; } = [];
        public List<WeightsTensor> Tensors { get; } = [];
        public LocationInfo? TensorsLocation { get; private set; }

        public void Read(CancellationToken cancellationToken)
        {
            var root = JsonReader.Parse(text.ToString(), cancellationToken);
            if (root.Kind != JsonKind.Object)
            {
                Malformed($"the document is {root.Describe()}; it must be an object with \"format\" and \"tensors\"", root);
                return;
            }

            JsonProperty? format = null, tensors = null;
            foreach (var property in root.Properties)
            {
                switch (property.Name)
                {
                    case "format": format = property; break;
                    case "tensors": tensors = property; break;
                    case "metadata":
                        if (property.Value.Kind != JsonKind.Object)
                            Malformed($"\"metadata\" is {property.Value.Describe()}; it must be an object", property.Value);
                        break;
                    default:
                        Malformed($"unknown property \"{Shorten(property.Name)}\"; a {Format} document has \"format\", \"tensors\" and optionally \"metadata\"",
                            property.NameStart, property.NameEnd);
                        break;
                }
            }

            if (format is null)
                Malformed($"the document has no \"format\"; add \"format\": \"{Format}\"", root.Start, root.Start + 1);
            else if (format.Value.Kind != JsonKind.String || format.Value.String != Format)
                Malformed(format.Value.Kind == JsonKind.String
                    ? $"the format is \"{Shorten(format.Value.String!)}\", but this version of NetGen reads \"{Format}\""
                    : $"\"format\" is {format.Value.Describe()}; it must be the string \"{Format}\"", format.Value);

            if (tensors is null)
            {
                Malformed("the document has no \"tensors\" object mapping tensor names to their shape and data", root.Start, root.Start + 1);
                return;
            }
            TensorsLocation = Location(tensors.NameStart, tensors.NameEnd);
            if (tensors.Value.Kind != JsonKind.Object)
            {
                Malformed($"\"tensors\" is {tensors.Value.Describe()}; it must be an object mapping tensor names to their shape and data", tensors.Value);
                return;
            }
            foreach (var tensor in tensors.Value.Properties)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ReadTensor(tensor);
            }
        }

        private void ReadTensor(JsonProperty tensor)
        {
            string name = tensor.Name;
            if (tensor.Value.Kind != JsonKind.Object)
            {
                Malformed($"tensor \"{Shorten(name)}\" is {tensor.Value.Describe()}; it must be an object with \"shape\" and \"data\"", tensor.Value);
                return;
            }
            JsonProperty? shapeProperty = null, dataProperty = null;
            bool valid = true;
            foreach (var property in tensor.Value.Properties)
            {
                if (property.Name == "shape") shapeProperty = property;
                else if (property.Name == "data") dataProperty = property;
                else
                {
                    Malformed($"unknown property \"{Shorten(property.Name)}\" in tensor \"{Shorten(name)}\"; a tensor has \"shape\" and \"data\"",
                        property.NameStart, property.NameEnd);
                    valid = false;
                }
            }
            if (shapeProperty is null || dataProperty is null)
            {
                Malformed($"tensor \"{Shorten(name)}\" has no \"{(shapeProperty is null ? "shape" : "data")}\"", tensor.NameStart, tensor.NameEnd);
                return;
            }

            var shapeNode = shapeProperty.Value;
            var shape = ReadShape(shapeNode, out long count);
            if (shape is null)
            {
                Malformed($"the shape of tensor \"{Shorten(name)}\" must be an array of non-negative integers, such as [2, 3]", shapeNode);
                return;
            }

            var dataNode = dataProperty.Value;
            if (dataNode.Kind != JsonKind.Array)
            {
                Malformed($"the data of tensor \"{Shorten(name)}\" is {dataNode.Describe()}; it must be an array of numbers", dataNode);
                return;
            }
            var values = new float[dataNode.Items.Count];
            for (int i = 0; i < values.Length; i++)
            {
                var item = dataNode.Items[i];
                if (item.Kind != JsonKind.Number)
                {
                    Malformed($"item {i} of the data of tensor \"{Shorten(name)}\" is {item.Describe()}; the data must be an array of numbers", item);
                    return;
                }
                float value = (float)item.Number;
                if (float.IsNaN(value) || float.IsInfinity(value))
                {
                    string written = item.NumberText!;
                    bool literal = written is "NaN" or "Infinity" or "-Infinity";
                    string shown = literal ? written : written + " (beyond the float range)";
                    Diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WeightsNonFinite, Location(item.Start, item.End),
                        name, _fileName, shown, i.ToString(CultureInfo.InvariantCulture) + IndexSuffix(shape, i)));
                    valid = false;
                    break;
                }
                values[i] = value;
            }
            if (values.Length != count)
            {
                Diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WeightsDataLength, Location(dataNode.Start, dataNode.End),
                    name, _fileName, FormatShape(shape), count, values.Length));
                return;
            }
            if (valid)
                Tensors.Add(new WeightsTensor(name, Location(tensor.NameStart, tensor.NameEnd), shape.ToEquatableArray(),
                    Location(shapeNode.Start, shapeNode.End), new FloatArray(values)));
        }

        /// <summary>The dimensions, or null unless the node is an array of non-negative integers whose product fits a long.</summary>
        private static long[]? ReadShape(JsonNode node, out long count)
        {
            count = 1;
            if (node.Kind != JsonKind.Array) return null;
            var shape = new long[node.Items.Count];
            for (int d = 0; d < shape.Length; d++)
            {
                var item = node.Items[d];
                if (item.Kind != JsonKind.Number || !long.TryParse(item.NumberText, NumberStyles.None, CultureInfo.InvariantCulture, out long size))
                    return null;
                shape[d] = size;
                if (size != 0 && count > long.MaxValue / size) return null;
                count *= size;
            }
            return shape;
        }

        /// <summary>" ([1, 0])" for a flat index into a tensor of rank ≥ 2, else "".</summary>
        private static string IndexSuffix(long[] shape, int index)
        {
            if (shape.Length < 2) return "";
            var position = new long[shape.Length];
            long rest = index;
            for (int d = shape.Length - 1; d >= 0; d--)
            {
                if (shape[d] == 0) return "";
                position[d] = rest % shape[d];
                rest /= shape[d];
            }
            return rest == 0 ? " (" + FormatShape(position) + ")" : "";
        }

        public void Malformed(string message, JsonNode node) => Malformed(message, node.Start, node.End);

        public void Malformed(string message, int start, int end)
        {
            var location = Location(start, end);
            var line = location.LineSpan.Start;
            Diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileMalformed, location, _fileName, message,
                line.Line + 1, line.Character + 1));
        }

        public LocationInfo Location(int start, int end)
        {
            start = Math.Max(0, Math.Min(start, text.Length));
            end = Math.Max(start, Math.Min(end, text.Length));
            var span = TextSpan.FromBounds(start, end);
            return new LocationInfo(path, span, text.Lines.GetLinePositionSpan(span));
        }
    }

    /// <summary>A shape written like Python's list (and NetGen's runtime messages): <c>[2, 3]</c>.</summary>
    public static string FormatShape(IEnumerable<long> shape) =>
        "[" + string.Join(", ", Map(shape)) + "]";

    private static IEnumerable<string> Map(IEnumerable<long> shape)
    {
        foreach (long d in shape) yield return d.ToString(CultureInfo.InvariantCulture);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 37) + "...";
}
