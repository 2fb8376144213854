using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace NetGen.Serialization;

/// <summary>The file tensors holding one network layer's W and b.</summary>
internal readonly record struct LayerTensors(TensorEntry Weight, TensorEntry Bias);

/// <summary>
/// Decides which tensors of a file are which layer's weight and bias: by an explicit name map, or by the
/// <c>nn.Sequential</c> convention (<c>&lt;prefix&gt;&lt;index&gt;.weight</c>/<c>.bias</c>, Linear modules in ascending index).
/// </summary>
internal static class LayerTensorResolver
{
    /// <summary>Checks a caller's name map: keys must be NetGen names <c>l.weight</c>/<c>l.bias</c> of existing layers.</summary>
    public static void ValidateNameMap(IReadOnlyDictionary<string, string> nameMap, int layerCount, string paramName)
    {
        foreach (KeyValuePair<string, string> pair in nameMap)
        {
            if (!TryParseNetGenName(pair.Key, out int layer, out _) || layer >= layerCount)
                throw new ArgumentException(
                    $"nameMap key '{pair.Key}' is not a tensor of this network; keys are NetGen names from '0.weight' and '0.bias' " +
                    $"to '{layerCount - 1}.weight' and '{layerCount - 1}.bias'.", paramName);
            if (string.IsNullOrEmpty(pair.Value))
                throw new ArgumentException($"nameMap maps '{pair.Key}' to an empty tensor name.", paramName);
        }
    }

    /// <summary>
    /// With a name map, layer l's tensors are <c>nameMap["l.weight"]</c> and <c>nameMap["l.bias"]</c> (or the NetGen names
    /// when a key is absent), and other tensors in the file are ignored.
    /// </summary>
    public static LayerTensors[] ByNameMap(SafetensorsFile file, IReadOnlyDictionary<string, string> nameMap, int layerCount)
    {
        var result = new LayerTensors[layerCount];
        for (int l = 0; l < layerCount; l++)
            result[l] = new LayerTensors(Find(file, nameMap, l, "weight"), Find(file, nameMap, l, "bias"));
        return result;
    }

    private static TensorEntry Find(SafetensorsFile file, IReadOnlyDictionary<string, string> nameMap, int layer, string kind)
    {
        string netgenName = string.Create(CultureInfo.InvariantCulture, $"{layer}.{kind}");
        bool mapped = nameMap.TryGetValue(netgenName, out string? fileName);
        fileName ??= netgenName;
        if (file.Tensors.TryGetValue(fileName, out TensorEntry? tensor)) return tensor;
        throw new InvalidDataException(mapped
            ? $"missing tensor '{fileName}' (the nameMap entry for layer {layer} {kind} '{netgenName}')."
            : $"missing tensor '{fileName}' (layer {layer} {kind}; nameMap has no entry for '{netgenName}').");
    }

    /// <summary>
    /// Without a name map every tensor must be named <c>&lt;prefix&gt;&lt;index&gt;.weight</c> or <c>.bias</c> with one shared prefix
    /// (NetGen's own <c>0.weight</c>, <c>1.weight</c>, … or an <c>nn.Sequential</c> state dict such as <c>0.weight</c>,
    /// <c>2.weight</c> or <c>net.0.weight</c>). Each index is one Linear module; the modules, in ascending numeric index,
    /// are the network's layers. With a null <paramref name="layerCount"/> (reading a file without a network, as the weights
    /// exporter does) every module is returned, however many there are.
    /// </summary>
    public static LayerTensors[] BySequentialIndex(SafetensorsFile file, int? layerCount, string networkName)
    {
        if (file.Tensors.Count == 0)
            throw new InvalidDataException(layerCount is null
                ? "the file contains no tensors."
                : $"the file contains no tensors, but {networkName} has {layerCount} layers.");

        string? prefix = null, prefixExample = null;
        var modules = new SortedDictionary<int, (TensorEntry? Weight, TensorEntry? Bias)>();
        foreach (TensorEntry tensor in file.Tensors.Values.OrderBy(static t => t.Name, StringComparer.Ordinal))
        {
            if (!TryParseSequentialName(tensor.Name, out string tensorPrefix, out int index, out bool isWeight))
                throw new InvalidDataException(
                    $"tensor '{tensor.Name}' is not named '<index>.weight' or '<index>.bias' (optionally after a prefix such as 'net.'), " +
                    "as NetGen and nn.Sequential state dicts name Linear parameters; pass a nameMap to load other names.");
            if (prefix is null)
            {
                prefix = tensorPrefix;
                prefixExample = tensor.Name;
            }
            else if (tensorPrefix != prefix)
            {
                throw new InvalidDataException(
                    $"the tensors do not share one prefix: '{prefixExample}' has prefix '{prefix}' but '{tensor.Name}' has '{tensorPrefix}'; " +
                    "pass a nameMap to choose the tensors.");
            }

            modules.TryGetValue(index, out (TensorEntry? Weight, TensorEntry? Bias) module);
            TensorEntry? existing = isWeight ? module.Weight : module.Bias;
            if (existing is not null)
                throw new InvalidDataException($"tensors '{existing.Name}' and '{tensor.Name}' both name the {(isWeight ? "weight" : "bias")} at index {index}.");
            modules[index] = isWeight ? (tensor, module.Bias) : (module.Weight, tensor);
        }

        if (layerCount is not null && modules.Count != layerCount)
            throw new InvalidDataException(
                $"the file has {modules.Count} layer{(modules.Count == 1 ? "" : "s")} with parameters (indices " +
                $"{string.Join(", ", modules.Keys.Select(prefixedIndex))}) but {networkName} has {layerCount} layers.");

        var result = new LayerTensors[modules.Count];
        int l = 0;
        foreach (KeyValuePair<int, (TensorEntry? Weight, TensorEntry? Bias)> module in modules)
        {
            string name = prefix + module.Key.ToString(CultureInfo.InvariantCulture);
            if (module.Value.Weight is null)
                throw new InvalidDataException($"missing tensor '{name}.weight' (layer {l} weight): the file has '{module.Value.Bias!.Name}' but no weight for it.");
            if (module.Value.Bias is null)
                throw new InvalidDataException($"missing tensor '{name}.bias' (layer {l} bias): the file has '{module.Value.Weight.Name}' but no bias for it " +
                                               "(NetGen layers always have a bias; a Linear(bias=False) needs an explicit zero bias).");
            result[l++] = new LayerTensors(module.Value.Weight, module.Value.Bias);
        }
        return result;

        string prefixedIndex(int index) => prefix + index.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Parses <c>l.weight</c>/<c>l.bias</c> with a canonical non-negative decimal l.</summary>
    private static bool TryParseNetGenName(string name, out int layer, out bool isWeight)
    {
        layer = -1;
        if (!TryParseSequentialName(name, out string prefix, out layer, out isWeight) || prefix.Length != 0) return false;
        return name == string.Create(CultureInfo.InvariantCulture, $"{layer}.{(isWeight ? "weight" : "bias")}");
    }

    /// <summary>
    /// Splits <c>&lt;prefix&gt;&lt;digits&gt;.weight</c> or <c>.bias</c>, where the prefix is empty or ends with '.',
    /// so <c>net.2.weight</c> is ("net.", 2) and <c>fc1.weight</c> does not match.
    /// </summary>
    private static bool TryParseSequentialName(string name, out string prefix, out int index, out bool isWeight)
    {
        prefix = "";
        index = -1;
        isWeight = name.EndsWith(".weight", StringComparison.Ordinal);
        if (!isWeight && !name.EndsWith(".bias", StringComparison.Ordinal)) return false;
        ReadOnlySpan<char> stem = name.AsSpan(0, name.Length - (isWeight ? ".weight".Length : ".bias".Length));
        int start = stem.Length;
        while (start > 0 && char.IsAsciiDigit(stem[start - 1])) start--;
        if (start == stem.Length || (start > 0 && stem[start - 1] != '.')) return false;
        if (!int.TryParse(stem[start..], NumberStyles.None, CultureInfo.InvariantCulture, out index)) return false;
        prefix = stem[..start].ToString();
        return true;
    }
}
