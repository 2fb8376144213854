namespace NetGen.Generator;

/// <summary>Names of the incremental pipeline steps, used by the cacheability tests.</summary>
public static class TrackingNames
{
    /// <summary>[Network] class → parse result (model + diagnostics).</summary>
    public const string Parse = nameof(Parse);
    /// <summary>Parse result → network model (input of the emitter).</summary>
    public const string Model = nameof(Model);
    /// <summary>Parse result → diagnostics.</summary>
    public const string Diagnostics = nameof(Diagnostics);
    /// <summary>[Dense] on a class without [Network].</summary>
    public const string OrphanLayers = nameof(OrphanLayers);
}
