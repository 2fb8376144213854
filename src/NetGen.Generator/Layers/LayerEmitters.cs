using NetGen.Generator.Emit;
using NetGen.Generator.Layers.Convolution;
using NetGen.Generator.Layers.Dense;
using NetGen.Generator.Layers.Flatten;
using NetGen.Generator.Layers.Pooling;
using NetGen.Generator.Model;

namespace NetGen.Generator.Layers;

/// <summary>
/// What one layer's backward block reads and writes. <see cref="Dz"/> is dZ[l] (dA[l] for a layer without activation),
/// already holding the 1/m. When the layer before has values of its own (<see cref="Previous"/> &gt; 0), the block also
/// writes dZ of that layer: dA[l−1] ⊙ g′ of <see cref="PreviousActivation"/>, into <see cref="DzPrevious"/>.
/// </summary>
/// <param name="Dz">dZ[l], m × n[l].</param>
/// <param name="APrevious">A[l−1], the layer's input (the batch for layer 1).</param>
/// <param name="Previous">The layer whose buffers hold A[l−1] (past any [Flatten]); 0 when it is the input.</param>
/// <param name="ZPrevious">Z of that layer (its A when it has no activation); null when Previous is 0.</param>
/// <param name="DzPrevious">dZ of that layer; null when Previous is 0.</param>
/// <param name="PreviousActivation">Its activation (Identity for pooling).</param>
internal sealed record BackwardStep(string Dz, string APrevious, int Previous, string? ZPrevious, string? DzPrevious,
    ActivationKind PreviousActivation);

/// <summary>The one switch from a layer's kind to its emitter; every emitter lives in its kind's folder.</summary>
internal static class LayerEmitters
{
    /// <summary>The layer's comment after "Layer l: ", with its equation and shapes.</summary>
    public static string Equation(Shapes s, int l) => s.Layer(l) switch
    {
        DenseLayer => DenseEmitter.Equation(s, l),
        ConvolutionLayer conv => ConvolutionEmitter.Equation(conv),
        PoolingLayer pool => PoolingEmitter.Equation(pool),
        FlattenLayer flatten => FlattenEmitter.Equation(flatten),
        var other => throw Unknown(other),
    };

    /// <summary>A[l] (and Z[l] when the layer has an activation; <paramref name="z"/> may be <paramref name="a"/>) from <paramref name="aPrev"/>.</summary>
    public static void WriteForward(IndentedWriter w, Shapes s, int l, string aPrev, string z, string a, string m)
    {
        switch (s.Layer(l))
        {
            case DenseLayer: DenseEmitter.WriteForward(w, s, l, aPrev, z, a, m); break;
            case ConvolutionLayer conv: ConvolutionEmitter.WriteForward(w, s, conv, aPrev, z, a, m); break;
            case PoolingLayer pool: PoolingEmitter.WriteForward(w, pool, aPrev, a, m); break;
            case FlattenLayer flatten: FlattenEmitter.WriteForward(w, flatten); break;
            case var other: throw Unknown(other);
        }
    }

    /// <summary>dW[l] and db[l] into the gradients g, and dZ of the layer before (see <see cref="BackwardStep"/>).</summary>
    public static void WriteBackward(IndentedWriter w, Shapes s, int l, BackwardStep step, string m)
    {
        switch (s.Layer(l))
        {
            case DenseLayer: DenseEmitter.WriteBackward(w, s, l, step, m); break;
            case ConvolutionLayer conv: ConvolutionEmitter.WriteBackward(w, s, conv, step, m); break;
            case PoolingLayer pool: PoolingEmitter.WriteBackward(w, s, pool, step, m); break;
            case FlattenLayer flatten: FlattenEmitter.WriteBackward(w, s, flatten); break;
            case var other: throw Unknown(other);
        }
    }

    /// <summary>The layer's geometry type in <c>Sizes</c>, for kinds whose kernels take one (convolution, pooling).</summary>
    public static void WriteGeometry(IndentedWriter w, LayerModel layer)
    {
        switch (layer)
        {
            case ConvolutionLayer conv: ConvolutionEmitter.WriteGeometry(w, conv); break;
            case PoolingLayer pool: PoolingEmitter.WriteGeometry(w, pool); break;
        }
    }

    /// <summary>The initialisation of W[l]: He-normal for ReLU/LeakyReLU, Glorot-uniform otherwise (fans as PyTorch counts them).</summary>
    public static void WriteInitialization(IndentedWriter w, Shapes s, int l)
    {
        var layer = s.Layer(l);
        // PyTorch's fans: fan_in = inputs (channels × kernel values), fan_out = units (filters × kernel values).
        int kernelValues = layer is ConvolutionLayer conv ? conv.KernelHeight * conv.Kernel : 1;
        int fanIn = layer.WeightRowLength, fanOut = layer.WeightRows * kernelValues;
        string slice = s.WeightSlice("p", l);
        var activation = s.Activation(l);
        if (activation is ActivationKind.ReLU or ActivationKind.LeakyReLU) // DESIGN §2: He for ReLU and LeakyReLU, Glorot otherwise
            w.Line($"global::NetGen.Initializers.HeNormal({slice}, {Shapes.Num(fanIn)}, ref rng); // {Names.Weight(l)}: {activation} layer");
        else
            w.Line($"global::NetGen.Initializers.GlorotUniform({slice}, {Shapes.Num(fanIn)}, {Shapes.Num(fanOut)}, ref rng); // {Names.Weight(l)}: {activation} layer");
    }

    private static System.InvalidOperationException Unknown(LayerModel layer) =>
        new($"No emitter for the layer kind {layer.Kind} (layer {layer.Number}).");
}
