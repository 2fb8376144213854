using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace NetGen.Generator.Model;

/// <summary>A source location as values (file path and spans), unlike <see cref="Location"/> which holds a syntax tree.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    /// <summary>
    /// A location in the compilation's syntax tree for the file when there is one, so #pragma warning and
    /// .editorconfig severities apply; otherwise an external file location.
    /// </summary>
    public Location ToLocation(Compilation? compilation)
    {
        if (compilation is not null)
            foreach (var tree in compilation.SyntaxTrees)
                if (tree.FilePath == FilePath && Span.End <= tree.Length)
                    return Location.Create(tree, Span);
        return Location.Create(FilePath, Span, LineSpan);
    }

    public static LocationInfo? From(Location? location) =>
        location is null || location.SourceTree is null
            ? null
            : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);

    public static LocationInfo? From(SyntaxNode? node) => node is null ? null : From(node.GetLocation());
}

/// <summary>A diagnostic as values: the descriptor's ID, where, and the message arguments.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> MessageArgs)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params object[] args)
    {
        var strings = new string[args.Length];
        for (int i = 0; i < args.Length; i++)
            strings[i] = System.Convert.ToString(args[i], System.Globalization.CultureInfo.InvariantCulture) ?? "";
        return new DiagnosticInfo(descriptor.Id, location, strings.ToEquatableArray());
    }

    public Diagnostic ToDiagnostic(Compilation? compilation)
    {
        var args = new object[MessageArgs.Length];
        for (int i = 0; i < args.Length; i++) args[i] = MessageArgs[i];
        return Diagnostic.Create(DiagnosticDescriptors.ById(Id), Location?.ToLocation(compilation) ?? Microsoft.CodeAnalysis.Location.None, args);
    }
}

/// <summary>
/// What parsing one [Network] class yields: a model when it is valid, its diagnostics, and the weights file it names
/// (<c>Weights = "…"</c>), which a later step reads and binds into the model.
/// </summary>
internal sealed record ParseResult(NetworkModel? Model, EquatableArray<DiagnosticInfo> Diagnostics, WeightsRequest? Weights = null);
