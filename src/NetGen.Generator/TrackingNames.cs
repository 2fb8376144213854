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
    /// <summary>The weights paths networks name (path and declaring file, no locations), collected.</summary>
    public const string WeightsLookups = nameof(WeightsLookups);
    /// <summary>AdditionalFiles item → weights file (read and checked on its own), only for files some network names.</summary>
    public const string WeightsFiles = nameof(WeightsFiles);
    /// <summary>Parse result + weights files → parse result whose model carries the embedded weights.</summary>
    public const string EmbeddedWeights = nameof(EmbeddedWeights);
    /// <summary>Weights file → its own diagnostics (syntax, schema, data length, non-finite values).</summary>
    public const string WeightsFileDiagnostics = nameof(WeightsFileDiagnostics);
    /// <summary>[Dense] on a class without [Network].</summary>
    public const string OrphanLayers = nameof(OrphanLayers);
}
