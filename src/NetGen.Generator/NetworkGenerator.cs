using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Emit;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;

namespace NetGen.Generator;

/// <summary>
/// Emits a specialised network (constant shapes, forward, backward, training API) for every partial
/// class marked [Network]. Pipeline: parse → (weights file → bind) → model → emit.
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

        // 2. Weights files ([Network(…, Weights = "file")]). Only AdditionalFiles that some network names are read, each
        //    once however many networks share it, and parsed on its own (JSON, schema, lengths, finite values). The
        //    lookups carry no locations, so moving an attribute does not re-read any file; an edit to an unrelated
        //    AdditionalFiles item yields null for it again, and the parsed files compare equal, so nothing below re-runs.
        var weightsLookups = parsed
            .Select(static (result, _) => result.Weights?.Lookup)
            .Where(static lookup => lookup is not null)
            .Collect()
            .Select(static (lookups, _) => lookups.Distinct().OrderBy(l => l!.Path, StringComparer.Ordinal)
                .ThenBy(l => l!.SourceFile, StringComparer.Ordinal).Select(l => l!).ToEquatableArray())
            .WithTrackingName(TrackingNames.WeightsLookups);
        var weightsFiles = context.AdditionalTextsProvider
            .Combine(weightsLookups)
            .Select(static (pair, ct) => pair.Right.Length == 0 ? null : WeightsFileParser.ParseIfRequested(pair.Left, pair.Right, ct))
            .Where(static file => file is not null)
            .Select(static (file, _) => file!)
            .WithTrackingName(TrackingNames.WeightsFiles);

        // 3. Bind each network to its weights file: checked against the layers, the values go into the model. Networks
        //    without Weights pass through unchanged; a changed file only changes (and re-emits) the networks that use it.
        var bound = parsed
            .Combine(weightsFiles.Collect())
            .Select(static (pair, ct) => WeightsBinder.Bind(pair.Left, pair.Right, ct))
            .WithTrackingName(TrackingNames.EmbeddedWeights);

        // 4. Model. Only valid networks have one; emission depends on the model alone, so a diagnostic that moves
        //    (e.g. a line inserted above) does not re-emit the code.
        var models = bound
            .Select(static (result, _) => result.Model)
            .Where(static model => model is not null)
            .WithTrackingName(TrackingNames.Model);

        // 5. Emit: one file per network.
        context.RegisterSourceOutput(models, static (spc, model) => NetworkEmitter.AddSource(spc, model!));

        // Diagnostics go through their own output. They are combined with the compilation only to turn
        // stored spans back into locations in real syntax trees (so #pragma and .editorconfig apply);
        // that re-runs this cheap reporting step, never parsing or emission.
        var diagnostics = bound
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics.Combine(context.CompilationProvider), static (spc, pair) =>
        {
            foreach (var diagnostic in pair.Left) spc.ReportDiagnostic(diagnostic.ToDiagnostic(pair.Right));
        });

        // A weights file's own errors, once per file, located in the file (line and column).
        var fileDiagnostics = weightsFiles
            .Select(static (file, _) => file.Diagnostics)
            .WithTrackingName(TrackingNames.WeightsFileDiagnostics);
        context.RegisterSourceOutput(fileDiagnostics, static (spc, diagnostics) =>
        {
            foreach (var diagnostic in diagnostics) spc.ReportDiagnostic(diagnostic.ToDiagnostic(null));
        });

        // Layer attributes without [Network] generate nothing; say so instead of ignoring them (one provider per kind).
        foreach (var kind in Layers.LayerKinds.All)
        {
            var orphans = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    kind.AttributeName,
                    static (node, _) => node is TypeDeclarationSyntax,
                    static (ctx, ct) => OrphanLayerParser.Parse(ctx, ct))
                .WithTrackingName(TrackingNames.OrphanLayers);
            context.RegisterSourceOutput(orphans.Combine(context.CompilationProvider), static (spc, pair) =>
            {
                foreach (var diagnostic in pair.Left) spc.ReportDiagnostic(diagnostic.ToDiagnostic(pair.Right));
            });
        }
    }
}
