using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Emit;
using NetGen.Generator.Parsing;

namespace NetGen.Generator;

/// <summary>
/// Emits a specialised network (constant shapes, forward, backward, training API) for every partial
/// class marked [Network]. Pipeline: parse → model → emit.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NetworkGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // 1. Parse. ForAttributeWithMetadataName only re-runs the transform for classes whose syntax
        //    changed, and the result (model + diagnostics) is a value: an edit elsewhere in the file
        //    yields an equal result, so everything downstream stays Cached.
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.NetworkAttribute,
                static (node, _) => node is TypeDeclarationSyntax,
                static (ctx, ct) => NetworkParser.Parse(ctx, ct))
            .WithTrackingName(TrackingNames.Parse);

        // 2. Model. Only valid networks have one; emission depends on the model alone, so a diagnostic
        //    that moves (e.g. a line inserted above) does not re-emit the code.
        var models = parsed
            .Select(static (result, _) => result.Model)
            .Where(static model => model is not null)
            .WithTrackingName(TrackingNames.Model);

        // 3. Emit: one file per network.
        context.RegisterSourceOutput(models, static (spc, model) => NetworkEmitter.AddSource(spc, model!));

        // Diagnostics go through their own output. They are combined with the compilation only to turn
        // stored spans back into locations in real syntax trees (so #pragma and .editorconfig apply);
        // that re-runs this cheap reporting step, never parsing or emission.
        var diagnostics = parsed
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics.Combine(context.CompilationProvider), static (spc, pair) =>
        {
            foreach (var diagnostic in pair.Left) spc.ReportDiagnostic(diagnostic.ToDiagnostic(pair.Right));
        });

        // [Dense] without [Network] generates nothing; say so instead of ignoring it.
        var orphans = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.DenseAttribute,
                static (node, _) => node is TypeDeclarationSyntax,
                static (ctx, ct) => OrphanLayerParser.Parse(ctx, ct))
            .WithTrackingName(TrackingNames.OrphanLayers);
        context.RegisterSourceOutput(orphans.Combine(context.CompilationProvider), static (spc, pair) =>
        {
            foreach (var diagnostic in pair.Left) spc.ReportDiagnostic(diagnostic.ToDiagnostic(pair.Right));
        });
    }
}
