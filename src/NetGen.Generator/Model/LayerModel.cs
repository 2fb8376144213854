namespace NetGen.Generator.Model;

/// <summary>Activation g of a layer (mirrors NetGen.Activation; values must stay in sync).</summary>
internal enum ActivationKind { Identity = 0, ReLU = 1, LeakyReLU = 2, Sigmoid = 3, Tanh = 4, Softmax = 5, GELU = 6, SiLU = 7, ELU = 8, Softplus = 9 }

/// <summary>What the emitters need to know about an activation beyond its kernel's name.</summary>
internal static class ActivationRules
{
    /// <summary>
    /// Whether g′ can be computed from the layer's output a = g(z) (tanh′ = 1 − a², σ′ = a(1 − a), ReLU′ = [a &gt; 0]):
    /// the dense backward pass then reads A and skips the exponentials. GELU, SiLU, ELU and Softplus need Z.
    /// </summary>
    public static bool HasOutputDerivative(ActivationKind activation) =>
        activation is ActivationKind.Identity or ActivationKind.ReLU or ActivationKind.LeakyReLU or ActivationKind.Sigmoid or ActivationKind.Tanh;

    /// <summary>The same for a layer: a LeakyReLU whose slope is not the default one reads Z too (its kernel takes the slope as a type).</summary>
    public static bool HasOutputDerivative(ActivationKind activation, float slope) =>
        HasOutputDerivative(activation) && !IsCustomSlope(activation, slope);

    /// <summary>The activation as the comments write it: its name, with the slope of a LeakyReLU that has its own ("LeakyReLU(0.2)").</summary>
    public static string Describe(ActivationKind activation, float slope) => IsCustomSlope(activation, slope)
        ? $"LeakyReLU({slope.ToString("R", System.Globalization.CultureInfo.InvariantCulture)})"
        : activation.ToString();

    /// <summary>PyTorch's default negative slope, the one <c>NetGen.Kernels.LeakyReLU</c> has built in.</summary>
    public const float DefaultSlope = 0.01f;

    /// <summary>Whether a layer needs its own slope type (<c>Sizes.Slope{l}</c>) for its LeakyReLU kernel.</summary>
    public static bool IsCustomSlope(ActivationKind activation, float slope) =>
        activation == ActivationKind.LeakyReLU && slope != DefaultSlope;
}

/// <summary>Loss of a network (mirrors NetGen.Loss).</summary>
internal enum LossKind { BinaryCrossEntropy = 0, CrossEntropy = 1, MeanSquaredError = 2 }

/// <summary>
/// One layer of a network after shape inference: its 1-based <see cref="Number"/> (the position of its attribute among
/// the layers) and the shapes it maps between. Each kind is a record in its own folder under <c>Layers/</c>, with the
/// rule that reads its attribute and infers its shape, and its emitter. Records compare by value, so the incremental
/// pipeline sees an unchanged network as equal.
/// </summary>
internal abstract record LayerModel(int Number, TensorShape Input, TensorShape Output)
{
    /// <summary>The attribute's name without "Attribute": "Dense", "Conv2D", "MaxPool2D", "Flatten".</summary>
    public abstract string Kind { get; }

    /// <summary>The activation g applied after the layer's affine map; null for layers without one (pooling, flatten).</summary>
    public virtual ActivationKind? Activation => null;

    /// <summary>LeakyReLU's negative slope (0.01 unless declared); unused by the other activations.</summary>
    public virtual float Slope => ActivationRules.DefaultSlope;

    /// <summary>Rows of W (units or filters); 0 for a layer without parameters.</summary>
    public virtual int WeightRows => 0;

    /// <summary>Values in each row of W (inputs, or channels × kernel values of one filter).</summary>
    public virtual int WeightRowLength => 0;

    public bool HasParameters => WeightRows > 0;

    public int WeightCount => WeightRows * WeightRowLength;

    /// <summary>The biases: one per row of W.</summary>
    public int BiasCount => WeightRows;

    /// <summary>W's shape in PyTorch's layout, e.g. [8, 16] or [6, 1, 5, 5].</summary>
    public virtual long[] WeightShape => [WeightRows, WeightRowLength];

    /// <summary>Multiply-adds per example of the forward pass (for the comments and the trainer's work estimate).</summary>
    public virtual long MultiplyAdds => (long)WeightRows * WeightRowLength;

    /// <summary>Whether the layer writes its own buffers (a flatten only renames its input's).</summary>
    public virtual bool HasOwnBuffers => true;
}
