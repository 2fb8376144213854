using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>
/// Turns a class carrying [Network] and its [Dense] attributes into a <see cref="NetworkModel"/>,
/// or into diagnostics that say precisely what is wrong. Any error suppresses the model, so a wrong
/// declaration produces the NetGen error and no cascade of C# errors in generated code.
/// </summary>
internal static class NetworkParser
{
    private static readonly ParseResult Nothing = new(null, EquatableArray<DiagnosticInfo>.Empty);

    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetNode is not TypeDeclarationSyntax declaration || context.TargetSymbol is not INamedTypeSymbol type)
            return Nothing;
        try
        {
            return ParseCore(declaration, type, context.Attributes, context.SemanticModel, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var diagnostic = DiagnosticInfo.Create(DiagnosticDescriptors.InternalError,
                LocationInfo.From(declaration.Identifier.GetLocation()), type.Name, ex.GetType().Name + ": " + ex.Message);
            return new ParseResult(null, ImmutableArray.Create(diagnostic).ToEquatableArray());
        }
    }

    private static ParseResult ParseCore(TypeDeclarationSyntax declaration, INamedTypeSymbol type,
        ImmutableArray<AttributeData> networkAttributes, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        // [Network] written more than once (on one or several partial declarations) is CS0579; generating for each
        // would add the same file twice, so generate nothing and let the compiler's error speak.
        if (networkAttributes.Length != 1 || CountNetworkAttributes(type) != 1)
            return Nothing;

        var diagnostics = new List<DiagnosticInfo>();
        var identifier = LocationInfo.From(declaration.Identifier.GetLocation());
        string displayName = type.Name;

        DeclarationChecks.CheckForm(declaration, type, diagnostics);

        // [Network(inputs, Loss = …)]
        var network = networkAttributes[0];
        var networkSyntax = network.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        // Generated code needs C# 12: with an older LangVersion it would only produce C# errors inside generated files.
        if (declaration.SyntaxTree.Options is CSharpParseOptions { LanguageVersion: var version } && version < LanguageVersion.CSharp12)
        {
            var where = networkSyntax is not null ? LocationInfo.From(networkSyntax) : identifier;
            var tooOld = DiagnosticInfo.Create(DiagnosticDescriptors.LanguageVersionTooLow, where, displayName, version.ToDisplayString());
            return new ParseResult(null, ImmutableArray.Create(tooOld).ToEquatableArray());
        }
        var networkArgs = new AttributeArguments(network, networkSyntax, semanticModel, "Network", diagnostics);
        bool compilerErrors = networkArgs.HasCompilerErrors();
        int? inputs = networkArgs.ReadInt(0, "inputs", out var inputsLocation);
        var loss = networkArgs.ReadNamedEnum("Loss", KnownNames.LossEnum, LossKind.MeanSquaredError, out var lossLocation);
        var weightsRequest = WeightsReferenceParser.Read(network, networkSyntax, declaration, displayName, diagnostics);
        if (inputs <= 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositiveSize, inputsLocation, "The network's inputs", inputs.Value));
            inputs = null;
        }

        // [Dense(units, activation, Inputs = k)], in the order written on the declaration that has [Network].
        var dense = new List<(AttributeData Data, AttributeSyntax? Syntax)>();
        foreach (var attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() != KnownNames.DenseAttribute) continue;
            var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
            if (syntax is not null && !IsOn(syntax, declaration))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayersSplit, LocationInfo.From(syntax), displayName));
                continue;
            }
            dense.Add((attribute, syntax));
        }
        dense.Sort((a, b) => (a.Syntax?.SpanStart ?? 0).CompareTo(b.Syntax?.SpanStart ?? 0));

        if (dense.Count == 0 && !diagnostics.Any(d => d.Id == DiagnosticDescriptors.LayersSplitId))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoLayers, identifier, displayName));

        var layers = new List<LayerModel>();
        var activationLocations = new List<LocationInfo?>();
        bool layersValid = true;
        int? previous = inputs; // n[l−1]; null once a size is invalid (no check can rely on it)
        long parameterCount = 0;
        for (int l = 0; l < dense.Count; l++)
        {
            var (data, syntax) = dense[l];
            int index = l + 1;
            var args = new AttributeArguments(data, syntax, semanticModel, "Dense", diagnostics);
            compilerErrors |= args.HasCompilerErrors();
            int? units = args.ReadInt(0, "units", out var unitsLocation);
            if (units <= 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositiveSize, unitsLocation, $"The units of layer {index}", units.Value));
                units = null;
            }

            var activation = args.ReadEnum(1, "activation", KnownNames.ActivationEnum, ActivationKind.Identity, out var activationLocation);
            activationLocations.Add(activationLocation);

            if (args.TryReadNamedInt("Inputs", out int? declaredInputs, out var inputsArgument) && declaredInputs is int k
                && previous is int expected && k != expected)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InputsMismatch, inputsArgument, index, k, expected,
                    l == 0 ? "the network's inputs" : $"the {expected} units of layer {l}"));
            }

            if (activation == ActivationKind.Softmax && l < dense.Count - 1)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxHidden, activationLocation, index, dense.Count));

            if (previous is int n && units is int u)
            {
                long weights = (long)u * n;
                if (weights > DiagnosticDescriptors.MaxLayerWeights)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerTooLarge, unitsLocation, index, u, n, weights));
                parameterCount = Math.Min(parameterCount + weights + u, long.MaxValue / 4);
            }
            if (units is null || activation is null) layersValid = false;
            else layers.Add(new LayerModel(units.Value, previous ?? 0, activation.Value));
            previous = units;
        }

        if (parameterCount > DiagnosticDescriptors.MaxNetworkParameters)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NetworkTooLarge, identifier, displayName, parameterCount));

        if (dense.Count > 0 && layersValid && loss is not null)
            CheckOutputAndLoss(layers[layers.Count - 1], layers.Count, loss.Value, activationLocations[layers.Count - 1], lossLocation, diagnostics);

        DeclarationChecks.CheckCollisions(type, declaration, dense.Count, diagnostics, cancellationToken);
        DeclarationChecks.CheckInheritedCollisions(type, declaration, dense.Count, diagnostics, cancellationToken);
        if (weightsRequest is not null) WeightsReferenceParser.CheckCollisions(type, declaration, diagnostics);

        bool hasError = diagnostics.Any(d => DiagnosticDescriptors.ById(d.Id).DefaultSeverity == DiagnosticSeverity.Error);
        // A C# error inside [Network] or [Dense] (reported by the compiler) also means there is nothing sound to generate.
        NetworkModel? model = hasError || compilerErrors || inputs is null || loss is null || !layersValid ? null : new NetworkModel(
            Namespace: type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString(NamespaceFormat) : null,
            ContainingTypes: GetContainingTypes(declaration),
            ClassName: declaration.Identifier.Text,
            FullName: type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat.WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.None)),
            InputSize: inputs.Value,
            Loss: loss.Value,
            Layers: layers.ToEquatableArray());
        return new ParseResult(model, diagnostics.ToEquatableArray(), weightsRequest);
    }

    /// <summary>A namespace as it must be written in code (keywords escaped), without "global::".</summary>
    private static readonly SymbolDisplayFormat NamespaceFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted);

    private static int CountNetworkAttributes(INamedTypeSymbol type)
    {
        int count = 0;
        foreach (var attribute in type.GetAttributes())
            if (attribute.AttributeClass?.ToDisplayString() == KnownNames.NetworkAttribute) count++;
        return count;
    }

    /// <summary>Whether <paramref name="attribute"/> is written on <paramref name="declaration"/> itself (not another partial declaration).</summary>
    private static bool IsOn(AttributeSyntax attribute, TypeDeclarationSyntax declaration) =>
        attribute.SyntaxTree == declaration.SyntaxTree
        && attribute.Parent?.Parent is TypeDeclarationSyntax owner
        && owner.Span == declaration.Span;

    private static void CheckOutputAndLoss(LayerModel output, int index, LossKind loss, LocationInfo? activationLocation,
        LocationInfo? lossLocation, List<DiagnosticInfo> diagnostics)
    {
        if (output.Activation == ActivationKind.Softmax && output.Units == 1)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxSingleUnit, activationLocation, index));
        switch (loss)
        {
            case LossKind.BinaryCrossEntropy when output.Activation != ActivationKind.Sigmoid:
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BinaryCrossEntropyNeedsSigmoid, activationLocation, index, output.Activation));
                break;
            case LossKind.CrossEntropy when output.Activation != ActivationKind.Softmax:
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CrossEntropyNeedsSoftmax, activationLocation, index, output.Activation));
                break;
            case LossKind.MeanSquaredError when output.Activation == ActivationKind.Softmax && output.Units > 1:
                // On the Loss argument when it is written; on the Softmax when MeanSquaredError is the default.
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MeanSquaredErrorWithSoftmax, lossLocation ?? activationLocation,
                    lossLocation is null ? " (the default loss)" : ""));
                break;
        }
    }

    private static EquatableArray<ContainingType> GetContainingTypes(TypeDeclarationSyntax declaration)
    {
        var result = new List<ContainingType>();
        for (var parent = declaration.Parent as TypeDeclarationSyntax; parent is not null; parent = parent.Parent as TypeDeclarationSyntax)
        {
            string keyword = parent switch
            {
                RecordDeclarationSyntax r => r.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? "record struct" : "record",
                _ => parent.Keyword.ValueText,
            };
            result.Insert(0, new ContainingType(keyword, parent.Identifier.Text + (parent.TypeParameterList?.ToString() ?? "")));
        }
        return result.ToEquatableArray();
    }
}
