using System;

namespace NetGen.Serialization;

/// <summary>Reads and checks the layer shapes an <see cref="INetwork"/> reports, once per save or load.</summary>
internal static class NetworkLayout
{
    /// <summary>
    /// Returns the network's layers after checking that they chain (layer 0 takes InputSize inputs, each layer takes the
    /// previous one's units, the last has OutputSize units) and that every W and b lies inside <see cref="INetwork.Parameters"/>.
    /// </summary>
    public static LayerShape[] Describe(INetwork network, string paramName)
    {
        int layerCount = network.LayerCount;
        if (layerCount <= 0)
            throw new ArgumentException($"{Name(network)} reports {layerCount} layers; a network needs at least one.", paramName);

        int parameterCount = network.ParameterCount;
        int length = network.Parameters.Length;
        if (length != parameterCount)
            throw new ArgumentException(
                $"{Name(network)} reports ParameterCount {parameterCount} but its Parameters span has {length} values.", paramName);

        var layers = new LayerShape[layerCount];
        bool allDense = true;
        for (int l = 0; l < layerCount; l++)
        {
            LayerShape shape = network.GetLayerShape(l);
            if (shape.Units <= 0 || shape.Inputs <= 0)
                throw new ArgumentException(
                    $"{Name(network)} layer {l} reports {shape.Units} units and {shape.Inputs} inputs; both must be positive.", paramName);
            if (shape.Kind is LayerKind.Conv1D or LayerKind.Conv2D)
            {
                allDense = false;
                long kernelValues = shape.Kind == LayerKind.Conv2D ? (long)shape.Kernel * shape.Kernel : shape.Kernel;
                if (shape.Kernel <= 0 || shape.Inputs % kernelValues != 0)
                    throw new ArgumentException(
                        $"{Name(network)} layer {l} is a {shape.Kind} with kernel {shape.Kernel} and {shape.Inputs} weights per filter, " +
                        $"which is not channels × {(shape.Kind == LayerKind.Conv2D ? "kernel²" : "kernel")}.", paramName);
            }
            else if (shape.Kind != LayerKind.Dense)
            {
                throw new ArgumentException($"{Name(network)} layer {l} reports the unknown kind {(int)shape.Kind}.", paramName);
            }
            long weightEnd = (long)shape.WeightOffset + (long)shape.Units * shape.Inputs;
            if (shape.WeightOffset < 0 || weightEnd > length)
                throw new ArgumentException(
                    $"{Name(network)} layer {l} weight {FormatShape(shape.WeightShape())} at offset {shape.WeightOffset} " +
                    $"does not fit in the {length} parameters.", paramName);
            if (shape.BiasOffset < 0 || (long)shape.BiasOffset + shape.Units > length)
                throw new ArgumentException(
                    $"{Name(network)} layer {l} bias [{shape.Units}] at offset {shape.BiasOffset} does not fit in the {length} parameters.",
                    paramName);
            layers[l] = shape;
        }

        // A stack of dense layers chains through its sizes; between convolutions, pooling and flattening change them,
        // which only the generated code knows (it checked them at compile time).
        if (!allDense) return layers;
        int expectedInputs = network.InputSize;
        for (int l = 0; l < layerCount; l++)
        {
            if (layers[l].Inputs != expectedInputs)
                throw new ArgumentException(
                    $"{Name(network)} layer {l} reports {layers[l].Inputs} inputs but " +
                    (l == 0 ? $"InputSize is {expectedInputs}." : $"layer {l - 1} has {expectedInputs} units."), paramName);
            expectedInputs = layers[l].Units;
        }
        if (expectedInputs != network.OutputSize)
            throw new ArgumentException(
                $"{Name(network)} reports OutputSize {network.OutputSize} but its last layer has {expectedInputs} units.", paramName);
        return layers;
    }

    /// <summary>The network's type name, for messages.</summary>
    public static string Name(INetwork network) => network.GetType().Name;

    /// <summary>A shape written like Python's list: <c>[8, 16]</c>.</summary>
    public static string FormatShape(ReadOnlySpan<long> shape)
    {
        if (shape.Length == 0) return "[]";
        var text = new System.Text.StringBuilder("[");
        for (int i = 0; i < shape.Length; i++)
        {
            if (i > 0) text.Append(", ");
            text.Append(shape[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return text.Append(']').ToString();
    }

    /// <summary>The name NetGen writes for an activation in the <c>netgen.layers</c> metadata.</summary>
    public static string ActivationName(Activation activation) => activation switch
    {
        Activation.Identity => "Identity",
        Activation.ReLU => "ReLU",
        Activation.LeakyReLU => "LeakyReLU",
        Activation.Sigmoid => "Sigmoid",
        Activation.Tanh => "Tanh",
        Activation.Softmax => "Softmax",
        Activation.GELU => "GELU",
        Activation.SiLU => "SiLU",
        Activation.ELU => "ELU",
        Activation.Softplus => "Softplus",
        _ => ((int)activation).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// A layer's activation as the metadata writes it: the name, with a LeakyReLU slope other than 0.01 in parentheses
    /// (<c>LeakyReLU(0.2)</c>).
    /// </summary>
    public static string ActivationText(LayerShape layer) =>
        layer.Activation == Activation.LeakyReLU && layer.Slope != 0f && layer.Slope != Kernels.LeakyReLU.Slope
            ? "LeakyReLU(" + layer.Slope.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + ")"
            : ActivationName(layer.Activation);
}
