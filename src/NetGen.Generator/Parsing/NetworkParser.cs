using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Layers;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>
/// Turns a class carrying [Network] and its layer attributes ([Dense], [Conv2D], [MaxPool2D], [Flatten], …) into a <see cref="NetworkModel"/>,
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
        TensorShape? inputShape = ReadInputShape(network, networkArgs);
        var loss = networkArgs.ReadNamedEnum("Loss", KnownNames.LossEnum, LossKind.MeanSquaredError, out var lossLocation);
        var weightsRequest = WeightsReferenceParser.Read(network, networkSyntax, declaration, displayName, diagnostics);

        // The layer attributes, in the order written on the declaration that has [Network].
        var attributes = new List<(AttributeData Data, AttributeSyntax? Syntax, LayerKind Kind)>();
        foreach (var attribute in type.GetAttributes())
        {
            if (LayerKinds.Find(attribute.AttributeClass?.ToDisplayString()) is not { } kind) continue;
            var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
            if (syntax is not null && !IsOn(syntax, declaration))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayersSplit, LocationInfo.From(syntax), displayName));
                continue;
            }
            attributes.Add((attribute, syntax, kind));
        }
        attributes.Sort((a, b) => (a.Syntax?.SpanStart ?? 0).CompareTo(b.Syntax?.SpanStart ?? 0));

        // Read each layer and infer its shape from the one before (the shape rules live with each kind, in Layers/).
        // Once a layer is invalid the shapes after it are unknown: the later layers' arguments are still checked.
        var declarations = new List<LayerDeclaration>();
        var layers = new List<LayerModel>();
        var context = new ShapeContext(diagnostics);
        TensorShape? shape = inputShape;
        long parameterCount = 0;
        for (int l = 0; l < attributes.Count; l++)
        {
            var (data, syntax, kind) = attributes[l];
            var args = new AttributeArguments(data, syntax, semanticModel, kind.Name, diagnostics);
            compilerErrors |= args.HasCompilerErrors();
            var layerDeclaration = kind.Read(l + 1, args);
            declarations.Add(layerDeclaration);

            if (layerDeclaration.Activation == ActivationKind.Softmax && l < attributes.Count - 1 && layerDeclaration is Layers.Dense.DenseDeclaration)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxHidden, layerDeclaration.ActivationLocation, l + 1, attributes.Count));

            var layer = shape is TensorShape input ? layerDeclaration.Infer(input, context) : null;
            if (layer is null)
            {
                shape = null;
                continue;
            }
            layers.Add(layer);
            context.Previous = layer;
            shape = layer.Output;
            parameterCount = Math.Min(parameterCount + layer.WeightCount + layer.BiasCount, long.MaxValue / 4);
        }
        bool layersValid = shape is not null && layers.Count == attributes.Count;

        if (!declarations.Any(d => d.HasParameters) && !diagnostics.Any(d => d.Id == DiagnosticDescriptors.LayersSplitId))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoLayers, identifier, displayName));

        if (parameterCount > DiagnosticDescriptors.MaxNetworkParameters)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NetworkTooLarge, identifier, displayName, parameterCount));

        // The loss sees the last layer that computes values (a trailing [Flatten] only renames them). Checked whenever that
        // layer's own arguments are valid, even if an earlier size is not, so one mistake does not hide another.
        int output = declarations.Count - 1;
        while (output > 0 && declarations[output] is Layers.Flatten.FlattenDeclaration) output--;
        if (output >= 0 && loss is not null && declarations.All(d => d.IsWellFormed)
            && declarations[output].OutputActivation is ActivationKind outputActivation)
        {
            var last = declarations[output];
            int? units = last.OutputSize ?? layers.FirstOrDefault(layer => layer.Number == last.Number)?.Output.Size;
            if (units is not null) CheckOutputAndLoss(last.Number, outputActivation, units, loss.Value, last.ActivationLocation, lossLocation, diagnostics);
        }

        var views = new HashSet<int>(declarations.Where(d => d.HasParameters).Select(d => d.Number));
        DeclarationChecks.CheckCollisions(type, declaration, views.Contains, diagnostics, cancellationToken);
        DeclarationChecks.CheckInheritedCollisions(type, declaration, views.Contains, diagnostics, cancellationToken);
        if (weightsRequest is not null) WeightsReferenceParser.CheckCollisions(type, declaration, diagnostics);

        bool hasError = diagnostics.Any(d => DiagnosticDescriptors.ById(d.Id).DefaultSeverity == DiagnosticSeverity.Error);
        // A C# error inside [Network] or a layer attribute (reported by the compiler) also means there is nothing sound to generate.
        NetworkModel? model = hasError || compilerErrors || inputShape is null || loss is null || !layersValid ? null : new NetworkModel(
            Namespace: type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString(NamespaceFormat) : null,
            ContainingTypes: GetContainingTypes(declaration),
            ClassName: declaration.Identifier.Text,
            FullName: type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat.WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.None)),
            InputShape: inputShape.Value,
            Loss: loss.Value,
            Layers: layers.ToEquatableArray());
        return new ParseResult(model, diagnostics.ToEquatableArray(), weightsRequest);
    }

    /// <summary>
    /// The input shape from the [Network] constructor used: (inputs) flat, (channels, length) or (channels, height, width).
    /// Every size must be positive (NG0007) and their product at most <see cref="DiagnosticDescriptors.MaxLayerOutput"/> (NG0045).
    /// </summary>
    private static TensorShape? ReadInputShape(AttributeData network, AttributeArguments args)
    {
        string[] names = (network.AttributeConstructor?.Parameters.Length ?? 1) switch
        {
            2 => ["channels", "length"],
            3 => ["channels", "height", "width"],
            _ => ["inputs"],
        };
        var sizes = new int[names.Length];
        bool valid = true;
        for (int i = 0; i < names.Length; i++)
        {
            int? size = args.ReadPositiveInt(i, names[i], "The network's " + names[i], out _);
            if (size is int n) sizes[i] = n;
            else valid = false;
        }
        if (!valid) return null;
        long total = 1;
        foreach (int n in sizes) total *= n;
        if (sizes.Length > 1 && total > DiagnosticDescriptors.MaxLayerOutput)
        {
            args.Report(DiagnosticDescriptors.LayerOutputTooLarge, args.AttributeLocation, "The network's input has", string.Join("×", sizes), total);
            return null;
        }
        return sizes.Length switch
        {
            2 => TensorShape.Sequence(sizes[0], sizes[1]),
            3 => TensorShape.Image(sizes[0], sizes[1], sizes[2]),
            _ => TensorShape.Flat(sizes[0]),
        };
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

    private static void CheckOutputAndLoss(int index, ActivationKind activation, int? units, LossKind loss, LocationInfo? activationLocation,
        LocationInfo? lossLocation, List<DiagnosticInfo> diagnostics)
    {
        if (activation == ActivationKind.Softmax && units == 1)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxSingleUnit, activationLocation, index));
        switch (loss)
        {
            case LossKind.BinaryCrossEntropy when activation != ActivationKind.Sigmoid:
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BinaryCrossEntropyNeedsSigmoid, activationLocation, index, activation));
                break;
            case LossKind.CrossEntropy when activation != ActivationKind.Softmax:
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CrossEntropyNeedsSoftmax, activationLocation, index, activation));
                break;
            case LossKind.MeanSquaredError when activation == ActivationKind.Softmax && units > 1:
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
