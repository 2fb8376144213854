namespace NetGen.Generator;

/// <summary>Metadata names of the runtime types the generator matches (a test checks them against typeof(...).FullName).</summary>
internal static class KnownNames
{
    public const string NetworkAttribute = "NetGen.NetworkAttribute";
    public const string DenseAttribute = "NetGen.DenseAttribute";
    public const string ActivationEnum = "NetGen.Activation";
    public const string LossEnum = "NetGen.Loss";
}
