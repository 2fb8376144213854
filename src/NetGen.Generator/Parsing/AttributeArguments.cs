using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>
/// Reads the constant arguments of one [Network] or layer attribute and reports, at the argument itself,
/// every argument that is missing, not a constant, of the wrong type or an undefined enum value.
/// </summary>
internal sealed class AttributeArguments
{
    private readonly AttributeData _data;
    private readonly AttributeSyntax? _syntax;
    private readonly SemanticModel? _semanticModel;
    private readonly string _attributeName;
    private readonly List<DiagnosticInfo> _diagnostics;

    public AttributeArguments(AttributeData data, AttributeSyntax? syntax, SemanticModel semanticModel, string attributeName,
        List<DiagnosticInfo> diagnostics)
    {
        _data = data;
        _syntax = syntax;
        // Details of a bad argument come from the semantic model of its own tree only.
        _semanticModel = syntax is not null && syntax.SyntaxTree == semanticModel.SyntaxTree ? semanticModel : null;
        _attributeName = attributeName;
        _diagnostics = diagnostics;
    }

    /// <summary>The whole attribute, e.g. <c>[Dense(4, Activation.ReLU)]</c> without the brackets.</summary>
    public LocationInfo? AttributeLocation => LocationInfo.From(_syntax);

    /// <summary>Where the constructor argument at <paramref name="position"/> (or named <paramref name="parameter"/>) is written.</summary>
    public AttributeArgumentSyntax? Positional(int position, string parameter) => FindArgument(_syntax, position, parameter, null);

    /// <summary>Where the named property argument <c>Name = value</c> is written.</summary>
    public AttributeArgumentSyntax? Named(string property) => FindArgument(_syntax, -1, null, property);

    /// <summary>
    /// Whether the compiler reports an error inside the attribute (a syntax error, an argument it cannot convert, a
    /// missing or extra argument). NetGen then generates nothing for the class; the compiler's error says what is wrong.
    /// </summary>
    public bool HasCompilerErrors() => _data.AttributeConstructor is null || CompilerErrorSpans().Length > 0;

    private ImmutableArray<TextSpan>? _errorSpans;

    /// <summary>The spans of the compiler's errors inside the attribute (computed once).</summary>
    private ImmutableArray<TextSpan> CompilerErrorSpans()
    {
        if (_errorSpans is { } known) return known;
        var spans = ImmutableArray.CreateBuilder<TextSpan>();
        if (_syntax is not null && _semanticModel is not null)
        {
            try
            {
                foreach (var diagnostic in _semanticModel.GetDiagnostics(_syntax.Span))
                    if (diagnostic.Severity == DiagnosticSeverity.Error) spans.Add(diagnostic.Location.SourceSpan);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                spans.Add(_syntax.Span);
            }
        }
        _errorSpans = spans.ToImmutable();
        return _errorSpans.Value;
    }

    /// <summary>Whether the compiler reports an error within the argument's own expression (not the whole attribute).</summary>
    private bool HasOwnCompilerError(AttributeArgumentSyntax syntax)
    {
        foreach (var span in CompilerErrorSpans())
            if (syntax.Expression.Span.Contains(span)) return true;
        return false;
    }

    /// <summary>Reads a required int constructor argument; null when it is invalid (and reported).</summary>
    public int? ReadInt(int position, string parameter, out LocationInfo? location)
    {
        var syntax = Positional(position, parameter);
        location = LocationInfo.From(syntax) ?? AttributeLocation;
        if (TryGetValue(ConstructorArgument(position), syntax, out var value, out _, out _) && value is int result) return result;
        ReportInvalid(syntax, location, parameter, "int");
        return null;
    }

    /// <summary>Reports a diagnostic through the list this reader reports to.</summary>
    public void Report(DiagnosticDescriptor descriptor, LocationInfo? location, params object[] args) =>
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, args));

    /// <summary>Reads a required int constructor argument that must be at least 1 (NG0007 names it as <paramref name="what"/>).</summary>
    public int? ReadPositiveInt(int position, string parameter, string what, out LocationInfo? location)
    {
        int? value = ReadInt(position, parameter, out location);
        if (value is not <= 0) return value;
        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositiveSize, location, what, value.Value));
        return null;
    }

    /// <summary>Reads an optional named int property that must be at least 1; <paramref name="defaultValue"/> when not written.</summary>
    public int? ReadOptionalPositiveInt(string property, int defaultValue, string what)
    {
        if (!TryReadNamedInt(property, out int? value, out var location)) return defaultValue;
        if (value is not <= 0) return value;
        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositiveSize, location, what, value.Value));
        return null;
    }

    /// <summary>Reads an optional named int property that must be at least 0 (NG0044); <paramref name="defaultValue"/> when not written.</summary>
    public int? ReadOptionalNonNegativeInt(string property, int defaultValue, string what)
    {
        if (!TryReadNamedInt(property, out int? value, out var location)) return defaultValue;
        if (value is not < 0) return value;
        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NegativePadding, location, what, value.Value));
        return null;
    }

    /// <summary>
    /// Reads an optional enum constructor argument (<paramref name="defaultValue"/> when not written); null when it
    /// is invalid (and reported). <paramref name="location"/> is the argument, or the whole attribute when it is not written.
    /// </summary>
    public TEnum? ReadEnum<TEnum>(int position, string parameter, string enumName, TEnum defaultValue, out LocationInfo? location)
        where TEnum : struct, Enum
    {
        var syntax = Positional(position, parameter);
        location = LocationInfo.From(syntax) ?? AttributeLocation;
        if (syntax is null) return defaultValue;
        TryGetValue(ConstructorArgument(position), syntax, out var value, out var type, out bool fromModel);
        return ToEnum<TEnum>(value, type, fromModel, syntax, location, parameter, enumName);
    }

    /// <summary>Reads an optional named enum property (<paramref name="defaultValue"/> when not written); null when it is invalid.</summary>
    public TEnum? ReadNamedEnum<TEnum>(string property, string enumName, TEnum defaultValue, out LocationInfo? location)
        where TEnum : struct, Enum
    {
        var syntax = Named(property);
        var bound = NamedArgument(property);
        location = LocationInfo.From(syntax);
        if (bound is null && syntax is null) return defaultValue;
        location ??= AttributeLocation;
        TryGetValue(bound, syntax, out var value, out var type, out bool fromModel);
        return ToEnum<TEnum>(value, type, fromModel, syntax, location, property, enumName);
    }

    /// <summary>
    /// Reads LeakyReLU's optional <c>Slope</c> (0.01 when not written) for layer <paramref name="number"/>: NG0048 when it is
    /// not finite, NG0047 when it is written on another activation; null when invalid. An int constant is accepted (2 → 2f).
    /// </summary>
    public float? ReadSlope(int number, ActivationKind? activation)
    {
        const string property = "Slope";
        var syntax = Named(property);
        var bound = NamedArgument(property);
        if (bound is null && syntax is null) return 0.01f;
        var location = LocationInfo.From(syntax) ?? AttributeLocation;
        TryGetValue(bound, syntax, out var raw, out _, out _);
        float? slope = raw switch { float f => f, double d => (float)d, int i => i, _ => null };
        if (slope is not float value)
        {
            ReportInvalid(syntax, location, property, "float");
            return null;
        }
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        if (float.IsNaN(value) || float.IsInfinity(value))
        {
            Report(DiagnosticDescriptors.SlopeNotFinite, location, number, text);
            return null;
        }
        if (activation is ActivationKind kind && kind != ActivationKind.LeakyReLU)
        {
            Report(DiagnosticDescriptors.SlopeWithoutLeakyRelu, location, number, text, kind);
            return null;
        }
        return value;
    }

    /// <summary>Reads an optional named int property: false when it is not written; <paramref name="value"/> null when invalid.</summary>
    public bool TryReadNamedInt(string property, out int? value, out LocationInfo? location)
    {
        var syntax = Named(property);
        var bound = NamedArgument(property);
        location = LocationInfo.From(syntax) ?? AttributeLocation;
        value = null;
        if (bound is null && syntax is null) return false;
        if (TryGetValue(bound, syntax, out var raw, out _, out _) && raw is int v) value = v;
        else ReportInvalid(syntax, location, property, "int");
        return true;
    }

    private TypedConstant? ConstructorArgument(int position) =>
        _data.AttributeConstructor is not null && _data.ConstructorArguments.Length > position ? _data.ConstructorArguments[position] : null;

    private TypedConstant? NamedArgument(string name)
    {
        foreach (var pair in _data.NamedArguments)
            if (pair.Key == name) return pair.Value;
        return null;
    }

    /// <summary>
    /// The constant of an argument, from the attribute's data when it was bound. When the attribute did not bind as a
    /// whole (another argument is wrong, so the compiler keeps none of them), the argument's own constant is read from
    /// the semantic model, so one bad argument does not condemn the others.
    /// </summary>
    private bool TryGetValue(TypedConstant? bound, AttributeArgumentSyntax? syntax, out object? value, out ITypeSymbol? type,
        out bool fromModel)
    {
        value = null;
        type = null;
        fromModel = false;
        // The compiler may keep a value it reported an error for (e.g. "Loss = 1" is CS0266 but bound as 1).
        if (syntax is not null && HasOwnCompilerError(syntax)) return false;
        if (bound is { Kind: not TypedConstantKind.Error } constant)
        {
            value = constant.Value;
            type = constant.Type;
            return true;
        }
        if (bound is not null || syntax is null || _semanticModel is null) return false;
        try
        {
            var constantValue = _semanticModel.GetConstantValue(syntax.Expression);
            if (!constantValue.HasValue) return false;
            // The implicit constant conversions the compiler would have applied: a smaller integral type widens
            // to int, and a constant 0 of any integral type converts to an enum.
            value = constantValue.Value switch
            {
                sbyte v => (int)v,
                byte v => (int)v,
                short v => (int)v,
                ushort v => (int)v,
                char v => (int)v,
                var v => v,
            };
            var info = _semanticModel.GetTypeInfo(syntax.Expression);
            type = info.ConvertedType ?? info.Type;
            fromModel = true;
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return false;
        }
    }

    private TEnum? ToEnum<TEnum>(object? value, ITypeSymbol? type, bool fromModel, AttributeArgumentSyntax? syntax, LocationInfo? location,
        string name, string enumName) where TEnum : struct, Enum
    {
        bool isEnum = type?.ToDisplayString() == enumName;
        bool isZero = fromModel && value is int zero && zero == 0 && type?.SpecialType == SpecialType.System_Int32;
        if (value is not int raw || !(isEnum || isZero))
        {
            ReportInvalid(syntax, location, name, enumName + " value");
            return null;
        }
        if (!Enum.IsDefined(typeof(TEnum), raw))
        {
            string shortName = enumName.Substring(enumName.LastIndexOf('.') + 1);
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidEnumValue, location,
                "(" + shortName + ")" + raw.ToString(CultureInfo.InvariantCulture), enumName,
                string.Join(", ", Enum.GetNames(typeof(TEnum)))));
            return null;
        }
        return (TEnum)(object)raw;
    }

    private void ReportInvalid(AttributeArgumentSyntax? syntax, LocationInfo? location, string name, string expected) =>
        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidArgument, location, name, _attributeName, expected,
            Describe(syntax)));

    /// <summary>Says what is wrong with an argument, as the end of the NG0017 message.</summary>
    private string Describe(AttributeArgumentSyntax? syntax)
    {
        if (syntax is null) return "it is missing";
        string text = Shorten(syntax.Expression.ToString());
        if (_semanticModel is null) return $"'{text}' could not be evaluated";
        try
        {
            var constant = _semanticModel.GetConstantValue(syntax.Expression);
            if (!constant.HasValue) return $"'{text}' is not a compile-time constant";
            var type = _semanticModel.GetTypeInfo(syntax.Expression).Type;
            if (constant.Value is null) return $"'{text}' is null";
            if (type is not null && type.TypeKind != TypeKind.Error)
                return $"'{text}' is of type '{type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat)}'";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The detail is a courtesy; the diagnostic stands without it.
        }
        return $"'{text}' could not be evaluated";
    }

    private static string Shorten(string text)
    {
        text = text.Replace("\r", " ").Replace("\n", " ");
        return text.Length <= 60 ? text : text.Substring(0, 57) + "...";
    }

    /// <summary>
    /// The syntax of a constructor argument (by name or position) or of a named property. A non-trailing named
    /// argument (C# 7.2) stands in its own position, so it is counted like a positional one.
    /// </summary>
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
            if (property is null)
            {
                if (argument.NameColon is not null)
                {
                    if (argument.NameColon.Name.Identifier.ValueText == parameter) return argument;
                }
                else if (positional == position)
                {
                    return argument;
                }
            }
            positional++;
        }
        return null;
    }
}
