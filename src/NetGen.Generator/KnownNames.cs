namespace NetGen.Generator;

/// <summary>Metadata names of the runtime types the generator matches (a test checks them against typeof(...).FullName).</summary>
internal static class KnownNames
{
    public const string NetworkAttribute = "NetGen.NetworkAttribute";
    public const string DenseAttribute = "NetGen.DenseAttribute";
    public const string Conv2DAttribute = "NetGen.Conv2DAttribute";
    public const string Conv1DAttribute = "NetGen.Conv1DAttribute";
    public const string MaxPool2DAttribute = "NetGen.MaxPool2DAttribute";
    public const string AvgPool2DAttribute = "NetGen.AvgPool2DAttribute";
    public const string MaxPool1DAttribute = "NetGen.MaxPool1DAttribute";
    public const string AvgPool1DAttribute = "NetGen.AvgPool1DAttribute";
    public const string FlattenAttribute = "NetGen.FlattenAttribute";
    public const string ActivationEnum = "NetGen.Activation";
    public const string LossEnum = "NetGen.Loss";
}
