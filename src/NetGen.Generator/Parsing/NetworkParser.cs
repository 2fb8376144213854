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
    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var declaration = (TypeDeclarationSyntax)context.TargetNode;
        var type = (INamedTypeSymbol)context.TargetSymbol;
        try
        {
            return ParseCore(declaration, type, context.Attributes, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var diagnostic = DiagnosticInfo.Create(DiagnosticDescriptors.InternalError,
                LocationInfo.From(declaration.Identifier.GetLocation()), type.Name, ex.GetType().Name + ": " + ex.Message);
            return new ParseResult(null, ImmutableArray.Create(diagnostic).ToEquatableArray());
        }
    }

    private static ParseResult ParseCore(TypeDeclarationSyntax declaration, INamedTypeSymbol type,
        ImmutableArray<AttributeData> networkAttributes, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var identifier = LocationInfo.From(declaration.Identifier.GetLocation());
        string displayName = type.Name;

        CheckTypeForm(declaration, type, identifier, diagnostics);
        CheckCollisions(type, diagnostics, cancellationToken);

        // [Network(inputs, Loss = …)]
        var network = networkAttributes[0];
        var networkSyntax = network.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        int inputs = ReadInt(network, 0, "inputs", "Network", networkSyntax, diagnostics, out var inputsLocation);
        LossKind loss = LossKind.MeanSquaredError;
        var lossLocation = LocationInfo.From(FindArgument(networkSyntax, -1, null, "Loss")) ?? LocationInfo.From(networkSyntax);
        if (TryGetNamed(network, "Loss", out var lossConstant))
        {
            if (lossConstant.Kind == TypedConstantKind.Error || lossConstant.Value is not int lossValue)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidArgument, lossLocation, "Loss", "Network", "NetGen.Loss value"));
            else if (!Enum.IsDefined(typeof(LossKind), lossValue))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidEnumValue, lossLocation, "(Loss)" + lossValue, "NetGen.Loss"));
            else
                loss = (LossKind)lossValue;
        }
        if (inputs <= 0 && inputs != int.MinValue)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositiveSize, inputsLocation, "The network's inputs", inputs));

        // [Dense(units, activation, Inputs = k)], in the order written.
        var denseAttributes = new List<(AttributeData Data, AttributeSyntax? Syntax)>();
        foreach (var attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() != KnownNames.DenseAttribute) continue;
            var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
            if (syntax is not null && syntax.FirstAncestorOrSelf<TypeDeclarationSyntax>() != declaration)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayersSplit, LocationInfo.From(syntax), displayName));
                continue;
            }
            denseAttributes.Add((attribute, syntax));
        }
        denseAttributes.Sort((a, b) => (a.Syntax?.SpanStart ?? 0).CompareTo(b.Syntax?.SpanStart ?? 0));

        if (denseAttributes.Count == 0)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoLayers, identifier, displayName));

        var layers = new List<LayerModel>();
        int previous = inputs;
        long parameterCount = 0;
        for (int l = 0; l < denseAttributes.Count; l++)
        {
            var (data, syntax) = denseAttributes[l];
            int index = l + 1;
            int units = ReadInt(data, 0, "units", "Dense", syntax, diagnostics, out var unitsLocation);
            if (units <= 0 && units != int.MinValue)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositiveSize, unitsLocation, $"The units of layer {index}", units));

            var activation = ActivationKind.Identity;
            var activationLocation = LocationInfo.From(FindArgument(syntax, 1, "activation", null)) ?? LocationInfo.From(syntax);
            if (data.ConstructorArguments.Length > 1)
            {
                var constant = data.ConstructorArguments[1];
                if (constant.Kind == TypedConstantKind.Error || constant.Value is not int activationValue)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidArgument, activationLocation, "activation", "Dense", "NetGen.Activation value"));
                else if (!Enum.IsDefined(typeof(ActivationKind), activationValue))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidEnumValue, activationLocation, "(Activation)" + activationValue, "NetGen.Activation"));
                else
                    activation = (ActivationKind)activationValue;
            }

            if (TryGetNamed(data, "Inputs", out var declaredInputs))
            {
                var location = LocationInfo.From(FindArgument(syntax, -1, null, "Inputs")) ?? LocationInfo.From(syntax);
                if (declaredInputs.Kind == TypedConstantKind.Error || declaredInputs.Value is not int k)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidArgument, location, "Inputs", "Dense", "int"));
                else if (previous > 0 && k != previous)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InputsMismatch, location, index, k, previous,
                        l == 0 ? "the network's inputs" : $"layer {l}'s units"));
            }

            if (activation == ActivationKind.Softmax && l < denseAttributes.Count - 1)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxHidden, activationLocation, index, denseAttributes.Count));

            if (previous > 0 && units > 0)
            {
                long weights = (long)units * previous;
                if (weights > DiagnosticDescriptors.MaxLayerWeights)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerTooLarge, unitsLocation, index, units, previous, weights));
                parameterCount += weights + units;
            }
            layers.Add(new LayerModel(units, previous, activation));
            previous = units;
        }

        if (parameterCount > DiagnosticDescriptors.MaxNetworkParameters)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NetworkTooLarge, identifier, displayName, parameterCount));

        if (layers.Count > 0)
            CheckOutputAndLoss(layers, loss, denseAttributes[layers.Count - 1].Syntax, lossLocation, diagnostics);

        bool hasError = diagnostics.Any(d => DiagnosticDescriptors.ById(d.Id).DefaultSeverity == DiagnosticSeverity.Error);
        NetworkModel? model = hasError ? null : new NetworkModel(
            Namespace: type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
            ContainingTypes: GetContainingTypes(declaration),
            ClassName: declaration.Identifier.Text,
            FullName: type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat.WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.None)),
            InputSize: inputs,
            Loss: loss,
            Layers: layers.ToEquatableArray());
        return new ParseResult(model, diagnostics.ToEquatableArray());
    }

    private static void CheckTypeForm(TypeDeclarationSyntax declaration, INamedTypeSymbol type, LocationInfo? identifier, List<DiagnosticInfo> diagnostics)
    {
        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, identifier, type.Name));

        string? form = type switch
        {
            { IsStatic: true } => "static",
            { IsRecord: true } => "a record",
            { TypeKind: not TypeKind.Class } => "a " + type.TypeKind.ToString().ToLowerInvariant(),
            { IsGenericType: true } => "generic",
            _ => declaration.ParameterList is not null ? "declared with a primary constructor" : null,
        };
        if (form is not null)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedType, identifier, type.Name, form));

        for (var parent = declaration.Parent as TypeDeclarationSyntax; parent is not null; parent = parent.Parent as TypeDeclarationSyntax)
        {
            if (!parent.Modifiers.Any(SyntaxKind.PartialKeyword))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ContainingTypeNotPartial,
                    LocationInfo.From(parent.Identifier.GetLocation()), parent.Identifier.Text, type.Name));
        }
    }

    /// <summary>Names NetGen generates in every network (the layer views W1, b1, … are checked separately).</summary>
    internal static readonly ImmutableHashSet<string> GeneratedNames = ImmutableHashSet.Create(
        "InputSize", "OutputSize", "ParameterCount", "LayerCount", "DefaultSeed", "Parameters", "Forward", "ComputeGradients",
        "Backward", "Cost", "Predict", "PredictClass", "Accuracy", "Fit", "CreateTrainer", "SaveWeights", "LoadWeights",
        "GetLayerShape", "Cache", "Sizes", "Layout", "_parameters", "_cache", "EnsureCache", "ForwardCore", "BackwardCore");

    private static void CheckCollisions(INamedTypeSymbol type, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        if (GeneratedNames.Contains(type.Name) || IsLayerViewName(type.Name))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberCollision,
                LocationInfo.From(type.Locations.FirstOrDefault()), type.Name, type.Name + " (the class name itself)"));

        foreach (var member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member.IsImplicitlyDeclared) continue;
            bool collides = member is IMethodSymbol { MethodKind: MethodKind.Constructor } ctor
                ? !ctor.IsStatic && (ctor.Parameters.Length == 0 || ctor.Parameters.Length == 1 && ctor.Parameters[0].Type.SpecialType == SpecialType.System_Int32)
                : GeneratedNames.Contains(member.Name) || IsLayerViewName(member.Name);
            if (!collides) continue;
            string what = member is IMethodSymbol { MethodKind: MethodKind.Constructor } c
                ? type.Name + "(" + string.Join(", ", c.Parameters.Select(p => p.Type.ToDisplayString())) + ")"
                : member.Name;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberCollision, LocationInfo.From(member.Locations.FirstOrDefault()), type.Name, what));
        }
    }

    private static bool IsLayerViewName(string name) =>
        name.Length > 1 && (name[0] == 'W' || name[0] == 'b') && name.Skip(1).All(char.IsDigit) && name[1] != '0';

    private static void CheckOutputAndLoss(List<LayerModel> layers, LossKind loss, AttributeSyntax? outputSyntax, LocationInfo? lossLocation,
        List<DiagnosticInfo> diagnostics)
    {
        var output = layers[layers.Count - 1];
        int index = layers.Count;
        var activationLocation = LocationInfo.From(FindArgument(outputSyntax, 1, "activation", null)) ?? LocationInfo.From(outputSyntax);
        if (output.Activation == ActivationKind.Softmax && output.Units == 1)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxSingleUnit, activationLocation));
        switch (loss)
        {
            case LossKind.BinaryCrossEntropy when output.Activation != ActivationKind.Sigmoid:
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BinaryCrossEntropyNeedsSigmoid, activationLocation, index, output.Activation));
                break;
            case LossKind.CrossEntropy when output.Activation != ActivationKind.Softmax:
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CrossEntropyNeedsSoftmax, activationLocation, index, output.Activation));
                break;
            case LossKind.MeanSquaredError when output.Activation == ActivationKind.Softmax && output.Units > 1:
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MeanSquaredErrorWithSoftmax, lossLocation ?? activationLocation));
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

    /// <summary>Reads a required int constructor argument; int.MinValue marks "invalid, already reported".</summary>
    private static int ReadInt(AttributeData data, int position, string parameter, string attribute, AttributeSyntax? syntax,
        List<DiagnosticInfo> diagnostics, out LocationInfo? location)
    {
        location = LocationInfo.From(FindArgument(syntax, position, parameter, null)) ?? LocationInfo.From(syntax);
        if (data.AttributeConstructor is not null && data.ConstructorArguments.Length > position)
        {
            var constant = data.ConstructorArguments[position];
            if (constant.Kind != TypedConstantKind.Error && constant.Value is int value) return value;
        }
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidArgument, location, parameter, attribute, "int"));
        return int.MinValue;
    }

    private static bool TryGetNamed(AttributeData data, string name, out TypedConstant value)
    {
        foreach (var pair in data.NamedArguments)
            if (pair.Key == name) { value = pair.Value; return true; }
        value = default;
        return false;
    }

    /// <summary>The syntax of a constructor argument (by name or position) or of a named property.</summary>
    internal static AttributeArgumentSyntax? FindArgument(AttributeSyntax? syntax, int position, string? parameter, string? property)
    {
        if (syntax?.ArgumentList is null) return null;
        int positional = 0;
        foreach (var argument in syntax.ArgumentList.Arguments)
        {
            if (argument.NameEquals is not null)
            {
                if (property is not null && argument.NameEquals.Name.Identifier.ValueText == property) return argument;
                continue;
            }
            if (argument.NameColon is not null)
            {
                if (parameter is not null && argument.NameColon.Name.Identifier.ValueText == parameter) return argument;
                continue;
            }
            if (property is null && positional == position) return argument;
            positional++;
        }
        return null;
    }
}
