using System;
using System.Collections.Immutable;
using System.Globalization;

namespace NetGen.Generator;

/// <summary>
/// The naming rules of generated code, in one place: the members every network gets, the per-layer members (views,
/// layout constants, cache buffers, shape types) and what a user member may not be called. The emitters write these
/// names, <see cref="Parsing.DeclarationChecks"/> reports user members that would collide with them, and a test compiles
/// networks and checks every generated member is covered.
/// </summary>
internal static class Names
{
    /// <summary>
    /// Names NetGen generates or reserves in every network, besides the per-layer views (<see cref="Weight"/>,
    /// <see cref="Bias"/>) and the constructors () and (int). InputChannels, InputHeight, InputWidth and InputLength
    /// exist only for shaped inputs, and ClassWeights/SetClassWeights only for classifiers, but they are reserved everywhere,
    /// so changing the input shape or the loss never creates a collision.
    /// </summary>
    public static readonly ImmutableHashSet<string> Fixed = ImmutableHashSet.Create(
        "InputSize", "OutputSize", "ParameterCount", "LayerCount", "DefaultSeed", "Layout", "_storage", "Parameters",
        "GetLayerShape", "Forward", "ForwardCore", "ComputeGradients", "ComputeGradientsInLanes", "Backward", "Cost", "LossAndOutputGradient", "BackwardCore",
        "_cache", "EnsureCache", "Predict", "PredictClass", "Accuracy", "CreateTrainer", "Fit", "Cache", "Sizes",
        "Input", "Output", "SaveWeights", "LoadWeights", "InputChannels", "InputHeight", "InputWidth", "InputLength",
        "ClassWeights", "SetClassWeights", "_classWeights");

    /// <summary>INetwork members the generated class implements explicitly.</summary>
    public static readonly ImmutableHashSet<string> ExplicitlyImplemented = ImmutableHashSet.Create(
        "InputSize", "OutputSize", "ParameterCount", "LayerCount");

    /// <summary>The public view of layer l's weights, e.g. <c>W3</c>; also its offset constant in <c>Layout</c>.</summary>
    public static string Weight(int l) => "W" + N(l);

    /// <summary>The public view of layer l's biases, e.g. <c>b3</c>; also its offset constant in <c>Layout</c>.</summary>
    public static string Bias(int l) => "b" + N(l);

    /// <summary>Cache buffer of Z[l] (the layer's affine output, before g).</summary>
    public static string ZField(int l) => "_z" + N(l);

    /// <summary>Cache buffer of A[l] (the layer's output).</summary>
    public static string AField(int l) => "_a" + N(l);

    /// <summary>Cache buffer of dZ[l] (the gradient of J with respect to Z[l]; to A[l] for a layer without activation).</summary>
    public static string DzField(int l) => "_dz" + N(l);

    /// <summary>The size type for n in the kernels' generic arguments, e.g. <c>Sizes.N30</c>.</summary>
    public static string Dim(int n) => "Sizes.N" + N(n);

    /// <summary>The slope type of layer l's LeakyReLU when it is not the default 0.01, e.g. <c>Slope2</c> (inside <c>Sizes</c>).</summary>
    public static string SlopeType(int l) => "Slope" + N(l);

    /// <summary>The geometry type of a convolution or pooling layer l, e.g. <c>Sizes.Layer1</c>.</summary>
    public static string Geometry(int l) => "Sizes.Layer" + N(l);

    /// <summary>
    /// Whether a user member called <paramref name="name"/> would collide with a generated one, in a network whose layer
    /// l has weight and bias views when <paramref name="hasViews"/>(l).
    /// </summary>
    public static bool IsGenerated(string name, Func<int, bool> hasViews) =>
        Fixed.Contains(name) || ViewLayer(name) is int l && l >= 1 && hasViews(l);

    /// <summary>l for the layer views "Wl" and "bl" (no leading zero), else null.</summary>
    private static int? ViewLayer(string name)
    {
        if (name.Length < 2 || name.Length > 10 || name[0] is not ('W' or 'b') || name[1] == '0') return null;
        int l = 0;
        for (int i = 1; i < name.Length; i++)
        {
            if (name[i] is < '0' or > '9') return null;
            l = l * 10 + (name[i] - '0');
            if (l > 100_000_000) return null;
        }
        return l;
    }

    public static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
