using System;
using System.Collections.Generic;

namespace NetGen.Generator.Parsing;

/// <summary>
/// How a <c>Weights = "…"</c> path finds its AdditionalFiles item, with '/' and '\' both separating directories on every
/// platform (the attribute is written once for all of them):
/// <list type="number">
/// <item>relative to the directory of the source file that declares the network (or the path itself when absolute);</item>
/// <item>otherwise as the trailing segments of an AdditionalFiles path (a path without "..").</item>
/// </list>
/// </summary>
internal static class WeightsPath
{
    /// <summary>How an AdditionalFiles path matched a reference.</summary>
    public enum Match { None, Suffix, Exact }

    public static Match Matches(string reference, string sourceFile, string additionalFile)
    {
        string file = Normalize(additionalFile);
        string relative = Normalize(reference);
        if (relative.Length == 0 || file.Length == 0) return Match.None;
        string directory = Directory(sourceFile);
        string anchored = IsAbsolute(relative) || directory.Length == 0 ? relative : Normalize(directory + "/" + relative);
        if (string.Equals(anchored, file, StringComparison.Ordinal)) return Match.Exact;
        if (IsAbsolute(relative) || HasParentSegment(relative)) return Match.None;
        return string.Equals(file, relative, StringComparison.Ordinal)
               || file.EndsWith("/" + relative, StringComparison.Ordinal) ? Match.Suffix : Match.None;
    }

    /// <summary>Whether <paramref name="additionalFile"/> could be the file of any of <paramref name="lookups"/>.</summary>
    public static bool IsRequested(string additionalFile, IEnumerable<Model.WeightsLookup> lookups)
    {
        foreach (var lookup in lookups)
            if (Matches(lookup.Path, lookup.SourceFile, additionalFile) != Match.None) return true;
        return false;
    }

    /// <summary>The last segment of a path.</summary>
    public static string FileName(string path)
    {
        int slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        return path.Substring(slash + 1);
    }

    /// <summary>'/' separators, no empty or "." segments, ".." applied where a segment precedes it; keeps a leading '/' or drive.</summary>
    internal static string Normalize(string path)
    {
        path = path.Trim().Replace('\\', '/');
        bool rooted = path.StartsWith("/", StringComparison.Ordinal);
        var segments = new List<string>();
        foreach (string segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment == ".") continue;
            if (segment == ".." && segments.Count > 0 && segments[segments.Count - 1] != ".." && !IsDrive(segments, segments.Count - 1))
                segments.RemoveAt(segments.Count - 1);
            else
                segments.Add(segment);
        }
        return (rooted ? "/" : "") + string.Join("/", segments);
    }

    private static bool IsDrive(List<string> segments, int index) => index == 0 && segments[0].Length == 2 && segments[0][1] == ':';

    private static bool IsAbsolute(string normalized) =>
        normalized.StartsWith("/", StringComparison.Ordinal) || (normalized.Length >= 2 && normalized[1] == ':');

    private static bool HasParentSegment(string normalized) =>
        normalized == ".." || normalized.StartsWith("../", StringComparison.Ordinal) || normalized.Contains("/../");

    private static string Directory(string file)
    {
        string normalized = file.Replace('\\', '/');
        int slash = normalized.LastIndexOf('/');
        return slash < 0 ? "" : normalized.Substring(0, slash);
    }
}
