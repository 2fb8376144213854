using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace NetGen.Generator.Analyzers;

/// <summary>
/// Checks calls to the members NetGen generates (Forward, ComputeGradients, Backward, Cost, Accuracy, Fit, Predict,
/// PredictClass) whose span arguments have a length known at compile time (see <see cref="KnownLength"/>): inputs must
/// be a positive multiple of InputSize, outputs and targets must match the number of examples, gradients must be
/// ParameterCount long, and Predict takes exactly one example. The shapes are read from the generated constants of the
/// network type, which the compilation the analyzer sees already contains.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NetworkCallAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.BatchInputLength, DiagnosticDescriptors.BatchLengthMismatch,
        DiagnosticDescriptors.GradientLength, DiagnosticDescriptors.ExampleLength);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var networkAttribute = start.Compilation.GetTypeByMetadataName(KnownNames.NetworkAttribute);
            if (networkAttribute is null) return; // NetGen is not referenced: nothing to check
            var shapes = new ConcurrentDictionary<INamedTypeSymbol, Shape?>(SymbolEqualityComparer.Default);
            start.RegisterOperationAction(c => AnalyzeInvocation(c, networkAttribute, shapes), OperationKind.Invocation);
        });
    }

    /// <summary>The generated constants of one network type.</summary>
    private sealed record Shape(string TypeName, int InputSize, int OutputSize, int ParameterCount);

    /// <summary>What an argument is to the network, by parameter name.</summary>
    private enum Role { None, BatchInputs, PerExampleOutputs, Gradients, ExampleInput, ExampleOutput, ValidationInputs, ValidationTargets }

    private static void AnalyzeInvocation(OperationAnalysisContext context, INamedTypeSymbol networkAttribute,
        ConcurrentDictionary<INamedTypeSymbol, Shape?> shapes)
    {
        try
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (method.IsStatic || method.MethodKind != MethodKind.Ordinary || !IsCheckedMethod(method.Name)) return;
            if (method.ContainingType is not { } type) return;
            var shape = shapes.GetOrAdd(type, t => ReadShape(t, networkAttribute));
            if (shape is null) return;

            long? examples = null, validationExamples = null; // m of the batch and of Fit's validation set, once their inputs fix them
            foreach (var argument in invocation.Arguments.OrderBy(a => RoleOf(method.Name, a.Parameter) is Role.BatchInputs or Role.ValidationInputs ? 0 : 1))
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter is not { } parameter) continue;
                var role = RoleOf(method.Name, parameter);
                if (role == Role.None) continue;
                if (KnownLength.Of(argument.Value) is not long length) continue;
                bool validation = role is Role.ValidationInputs or Role.ValidationTargets;
                if (validation && length == 0) continue; // an empty validation set means none
                if (validation) role = role == Role.ValidationInputs ? Role.BatchInputs : Role.PerExampleOutputs;
                var diagnostic = Check(role, length, parameter.Name, method.Name, shape, argument.Syntax.GetLocation(),
                    validation ? "validationInputs" : "inputs", ref validation ? ref validationExamples : ref examples);
                if (diagnostic is not null) context.ReportDiagnostic(diagnostic);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // An analyzer must never fail the build: an unexpected shape of code simply goes unchecked.
        }
    }

    private static Diagnostic? Check(Role role, long length, string parameter, string method, Shape shape, Location location,
        string inputs, ref long? examples)
    {
        string L(long n) => n.ToString(CultureInfo.InvariantCulture);
        switch (role)
        {
            case Role.BatchInputs:
                if (length > 0 && length % shape.InputSize == 0)
                {
                    examples = length / shape.InputSize;
                    return null;
                }
                return Diagnostic.Create(DiagnosticDescriptors.BatchInputLength, location, [parameter, shape.TypeName, method, L(length), L(shape.InputSize)]);

            case Role.PerExampleOutputs when examples is long m:
                if (length == m * shape.OutputSize) return null;
                return Diagnostic.Create(DiagnosticDescriptors.BatchLengthMismatch, location, [parameter, shape.TypeName, method, L(length),
                    $"the {L(m)} example{(m == 1 ? $" of '{inputs}' needs" : $"s of '{inputs}' need")} {L(m)} × {shape.TypeName}.OutputSize ({L(shape.OutputSize)}) = {L(m * shape.OutputSize)} values"]);

            case Role.PerExampleOutputs:
                if (length > 0 && length % shape.OutputSize == 0) return null;
                return Diagnostic.Create(DiagnosticDescriptors.BatchLengthMismatch, location, [parameter, shape.TypeName, method, L(length),
                    $"it must be a positive multiple of {shape.TypeName}.OutputSize ({L(shape.OutputSize)})"]);

            case Role.Gradients:
                if (length == shape.ParameterCount) return null;
                return Diagnostic.Create(DiagnosticDescriptors.GradientLength, location, [parameter, shape.TypeName, method, L(length), L(shape.ParameterCount)]);

            case Role.ExampleInput:
                if (length == shape.InputSize) return null;
                return Diagnostic.Create(DiagnosticDescriptors.ExampleLength, location, [parameter, shape.TypeName, method, L(length), "InputSize", L(shape.InputSize)]);

            case Role.ExampleOutput:
                if (length == shape.OutputSize) return null;
                return Diagnostic.Create(DiagnosticDescriptors.ExampleLength, location, [parameter, shape.TypeName, method, L(length), "OutputSize", L(shape.OutputSize)]);
        }
        return null;
    }

    private static bool IsCheckedMethod(string name) => name is "Forward" or "ComputeGradients" or "Backward" or "Cost" or "Accuracy"
        or "Fit" or "Predict" or "PredictClass";

    /// <summary>The role of a parameter of a generated method: the generated signatures name them consistently.</summary>
    private static Role RoleOf(string method, IParameterSymbol? parameter)
    {
        if (parameter is null || !KnownLength.IsFloatBuffer(parameter.Type)) return Role.None;
        bool single = method is "Predict" or "PredictClass";
        return parameter.Name switch
        {
            "inputs" when !single => Role.BatchInputs,
            "outputs" or "targets" when !single => Role.PerExampleOutputs,
            "gradients" when !single => Role.Gradients,
            "validationInputs" when method == "Fit" => Role.ValidationInputs,
            "validationTargets" when method == "Fit" => Role.ValidationTargets,
            "input" when single => Role.ExampleInput,
            "output" when single => Role.ExampleOutput,
            _ => Role.None,
        };
    }

    /// <summary>The shape of a [Network] type from its generated constants; null for any other type.</summary>
    private static Shape? ReadShape(INamedTypeSymbol type, INamedTypeSymbol networkAttribute)
    {
        if (!type.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, networkAttribute))) return null;
        int? input = Constant(type, "InputSize"), output = Constant(type, "OutputSize"), parameters = Constant(type, "ParameterCount");
        if (input is not > 0 || output is not > 0 || parameters is not > 0) return null;
        return new Shape(type.Name, input.Value, output.Value, parameters.Value);
    }

    private static int? Constant(INamedTypeSymbol type, string name)
    {
        foreach (var member in type.GetMembers(name))
            if (member is IFieldSymbol { IsConst: true, ConstantValue: int value }) return value;
        return null;
    }
}
