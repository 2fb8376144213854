using System.IO;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace NetGen.Generator.Tests;

/// <summary>The README's complete example compiles, with the generator, without any diagnostic.</summary>
public class ReadmeTests
{
    [Fact]
    public void CompleteExampleCompiles()
    {
        string readme = File.ReadAllText(Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", "..", "README.md"));
        var section = readme.Substring(readme.IndexOf("## A complete example", System.StringComparison.Ordinal));
        string code = Regex.Match(section, "```csharp\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("[Network(", code);
        var result = GeneratorHarness.Run(code);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationDiagnostics);
    }

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
