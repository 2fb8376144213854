using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>
/// Binds a network that names a weights file to that file: finds it among the AdditionalFiles (NG0030, NG0031, NG0032),
/// checks each tensor against the declared layers (NG0034 missing, NG0035 shape, NG0037 extra) and, when everything
/// fits, puts the values into the model in <c>Parameters</c> layout. Any error, here or in the file itself, leaves the
/// network without a model, so nothing is generated for it.
/// </summary>
internal static class WeightsBinder
{
    public static ParseResult Bind(ParseResult parsed, ImmutableArray<WeightsFile> files, CancellationToken cancellationToken)
    {
        if (parsed.Weights is not { } request) return parsed;
        try
        {
            return BindCore(parsed, request, files, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var diagnostic = DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, request.Location, request.NetworkName,
                ex.GetType().Name + ": " + ex.Message);
            return parsed with { Model = null, Diagnostics = parsed.Diagnostics.Concat([diagnostic]).ToEquatableArray() };
        }
    }

    private static ParseResult BindCore(ParseResult parsed, WeightsRequest request, ImmutableArray<WeightsFile> files,
        CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>(parsed.Diagnostics);
        ParseResult Fail()
        {
            return parsed with { Model = null, Diagnostics = diagnostics.ToEquatableArray() };
        }

        var file = Resolve(request, files, diagnostics);
        if (file is null) return Fail();
        if (file.Unreadable)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileUnreadable, request.Location, request.Path, request.NetworkName, file.Path));
            return Fail();
        }
        // The file's own errors are reported once per file (not per network); they still mean there is nothing to embed.
        if (file.Diagnostics.Length > 0 || parsed.Model is not { } model) return Fail();

        var byName = new Dictionary<string, WeightsTensor>(StringComparer.Ordinal);
        foreach (var tensor in file.Tensors) byName[tensor.Name] = tensor;

        var values = new float[ParameterCount(model)];
        int offset = 0;
        // Tensors are named by the index among the layers with parameters ("0.weight" is the first Dense or Conv layer).
        var parameterised = model.Layers.Where(layer => layer.HasParameters).ToList();
        for (int t = 0; t < parameterised.Count; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var layer = parameterised[t];
            string index = t.ToString(CultureInfo.InvariantCulture);
            offset = Take(index + ".weight", layer.WeightShape, $"the {string.Join("×", layer.WeightShape)} weights of layer {layer.Number}",
                Describe(layer, weights: true), layer.Number, offset);
            offset = Take(index + ".bias", [layer.BiasCount], $"the {Plural(layer.BiasCount, "bias", "biases")} of layer {layer.Number}",
                Describe(layer, weights: false), layer.Number, offset);
        }

        int lastLayer = parameterised.Count - 1;
        foreach (var tensor in file.Tensors)
        {
            if (IsParameterName(tensor.Name, parameterised.Count)) continue;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WeightsExtraTensor, tensor.NameLocation, tensor.Name, file.FileName,
                request.NetworkName, Plural(parameterised.Count, "layer", "layers"), lastLayer.ToString(CultureInfo.InvariantCulture) + ".bias"));
        }

        if (diagnostics.Count > parsed.Diagnostics.Length) return Fail();
        return parsed with { Model = model with { Weights = new EmbeddedWeights(request.Path, new FloatArray(values)) } };

        int Take(string name, long[] expected, string purpose, string layerDescription, int layerNumber, int at)
        {
            long count = 1;
            foreach (long d in expected) count *= d;
            if (!byName.TryGetValue(name, out var tensor))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WeightsTensorMissing, file.TensorsLocation, file.FileName, name,
                    request.NetworkName, purpose));
            }
            else if (!tensor.Shape.SequenceEqual(expected))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WeightsTensorShape, tensor.ShapeLocation, name, file.FileName,
                    WeightsFileParser.FormatShape(expected), layerNumber, request.NetworkName, layerDescription,
                    WeightsFileParser.FormatShape(tensor.Shape)));
            }
            else
            {
                for (int i = 0; i < tensor.Data.Length; i++) values[at + i] = tensor.Data[i];
            }
            return at + (int)count;
        }
    }

    /// <summary>
    /// The AdditionalFiles item the request names: the one relative to the declaring source file, else the only one whose
    /// path ends with the request's path. Reports NG0030 when none matches and NG0031 when several do.
    /// </summary>
    private static WeightsFile? Resolve(WeightsRequest request, ImmutableArray<WeightsFile> files, List<DiagnosticInfo> diagnostics)
    {
        var suffixMatches = new List<WeightsFile>();
        foreach (var file in files)
        {
            var match = WeightsPath.Matches(request.Path, request.SourceFile, file.Path);
            if (match == WeightsPath.Match.Exact) return file;
            if (match == WeightsPath.Match.Suffix) suffixMatches.Add(file);
        }
        if (suffixMatches.Count == 1) return suffixMatches[0];
        if (suffixMatches.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileNotFound, request.Location, request.Path, request.NetworkName));
        }
        else
        {
            var paths = suffixMatches.Select(f => "'" + f.Path + "'").OrderBy(p => p, StringComparer.Ordinal).ToList();
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileAmbiguous, request.Location, request.Path, request.NetworkName,
                paths.Count, string.Join(", ", paths)));
        }
        return null;
    }

    private static int ParameterCount(NetworkModel model)
    {
        int count = 0;
        foreach (var layer in model.Layers) count += layer.WeightCount + layer.BiasCount;
        return count;
    }

    /// <summary>"1 unit × 2 inputs" for a weight, "1 unit" for a bias; "6 filters × 1 channel × 5 × 5" for a convolution's weight.</summary>
    private static string Describe(LayerModel layer, bool weights)
    {
        if (layer is Layers.Dense.DenseLayer)
            return Plural(layer.WeightRows, "unit", "units") + (weights ? " × " + Plural(layer.WeightRowLength, "input", "inputs") : "");
        var shape = layer.WeightShape;
        string kernel = string.Join(" × ", shape.Skip(2).Select(k => k.ToString(CultureInfo.InvariantCulture)));
        return Plural(layer.WeightRows, "filter", "filters") + (weights ? " × " + Plural((int)shape[1], "channel", "channels") + " × " + kernel : "");
    }

    private static string Plural(int n, string one, string many) => n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? one : many);

    /// <summary>Whether <paramref name="name"/> is exactly "l.weight" or "l.bias" for a layer 0 ≤ l &lt; layerCount.</summary>
    private static bool IsParameterName(string name, int layerCount)
    {
        for (int l = 0; l < layerCount; l++)
        {
            string index = l.ToString(CultureInfo.InvariantCulture);
            if (name == index + ".weight" || name == index + ".bias") return true;
        }
        return false;
    }
}
