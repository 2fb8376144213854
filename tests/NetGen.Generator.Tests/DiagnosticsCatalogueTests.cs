using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Analyzers;
using NetGen.Generator.Parsing;

namespace NetGen.Generator.Tests;

/// <summary>The catalogue is complete and consistent: IDs, help links, release tracking, documentation, reserved names.</summary>
public class DiagnosticsCatalogueTests
{
    private static string RepoFile(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NetGen.sln"))) return Path.Combine([dir.FullName, .. parts]);
        throw new InvalidOperationException("The repository root (NetGen.sln) was not found.");
    }

    [Fact]
    public void EveryDescriptorIsWellFormed()
    {
        var all = DiagnosticDescriptors.All;
        Assert.Equal(all.Count, all.Select(d => d.Id).Distinct().Count());
        Assert.All(all, d =>
        {
            Assert.Matches(@"^NG\d{4}$", d.Id);
            Assert.Equal(DiagnosticDescriptors.Category, d.Category);
            Assert.Equal(DiagnosticDescriptors.HelpBase + d.Id.ToLowerInvariant(), d.HelpLinkUri);
            Assert.EndsWith("docs/diagnostics.md#" + d.Id.ToLowerInvariant(), d.HelpLinkUri);
            Assert.False(string.IsNullOrWhiteSpace(d.Title.ToString()));
            Assert.False(string.IsNullOrWhiteSpace(d.MessageFormat.ToString()));
            Assert.False(string.IsNullOrWhiteSpace(d.Description.ToString()));
            Assert.True(d.IsEnabledByDefault);
        });
        Assert.Equal(DiagnosticSeverity.Warning, all.Single(d => d.Id == DiagnosticDescriptors.MeanSquaredErrorWithSoftmaxId).DefaultSeverity);
        Assert.All(all.Where(d => d.Id != DiagnosticDescriptors.MeanSquaredErrorWithSoftmaxId), d => Assert.Equal(DiagnosticSeverity.Error, d.DefaultSeverity));
    }

    [Fact]
    public void EveryIdConstantHasADescriptor()
    {
        var ids = typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name.EndsWith("Id", StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(ids, DiagnosticDescriptors.All.Select(d => d.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheAnalyzerReportsOnlyCatalogueDescriptors()
    {
        var supported = new NetworkCallAnalyzer().SupportedDiagnostics;
        Assert.NotEmpty(supported);
        Assert.All(supported, d => Assert.Contains(d, DiagnosticDescriptors.All));
    }

    [Fact]
    public void EveryRuleIsTrackedInARelease()
    {
        string text = File.ReadAllText(RepoFile("src", "NetGen.Generator", "AnalyzerReleases.Shipped.md"))
            + File.ReadAllText(RepoFile("src", "NetGen.Generator", "AnalyzerReleases.Unshipped.md"));
        foreach (var d in DiagnosticDescriptors.All)
        {
            var row = new Regex($@"^{d.Id}\s*\|\s*(\w+)\s*\|\s*(\w+)\s*\|\s*(.*)$", RegexOptions.Multiline).Match(text);
            Assert.True(row.Success, $"{d.Id} is not in AnalyzerReleases.*.md");
            Assert.Equal(d.Category, row.Groups[1].Value);
            Assert.Equal(d.DefaultSeverity.ToString(), row.Groups[2].Value);
            Assert.Equal(d.Title.ToString(), row.Groups[3].Value.Trim());
        }
    }

    [Fact]
    public void EveryRuleHasADocumentedSectionWithItsAnchor()
    {
        string doc = File.ReadAllText(RepoFile("docs", "diagnostics.md"));
        foreach (var d in DiagnosticDescriptors.All)
        {
            // "## NG0001" gives the anchor #ng0001; the section names the title and shows a message.
            var section = new Regex($@"^## {d.Id}\s*$(.*?)(?=^## |\z)", RegexOptions.Multiline | RegexOptions.Singleline).Match(doc);
            Assert.True(section.Success, $"docs/diagnostics.md has no '## {d.Id}' section");
            Assert.Contains($"**{d.Title}", section.Groups[1].Value);
            Assert.Contains("> ", section.Groups[1].Value);
            Assert.Contains("**Fix:**", section.Groups[1].Value);
            Assert.Contains($"[{d.Id}](#{d.Id.ToLowerInvariant()})", doc);
        }
    }

    [Fact]
    public void EveryGeneratedMemberNameIsReserved()
    {
        // If the emitter adds a member, NG0018 must know its name, or a user member with it becomes a C# error in generated code.
        var result = GeneratorHarness.Run("""
            using NetGen;
            [Network(3, Loss = Loss.CrossEntropy)]
            [Dense(5, Activation.ReLU)]
            [Dense(4, Activation.Tanh)]
            [Dense(2, Activation.Softmax)]
            public partial class Net;
            """);
        var tree = CSharpSyntaxTree.ParseText(result.GeneratedSource("Net.g.cs"));
        var network = tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>().First(c => c.Identifier.Text == "Net");
        var names = network.Members.SelectMany(NamesOf).Distinct().ToList();
        Assert.NotEmpty(names);
        var unreserved = names.Where(n => !DeclarationChecks.IsGeneratedName(n, 3)).ToList();
        Assert.True(unreserved.Count == 0, "Generated members missing from DeclarationChecks.GeneratedNames: " + string.Join(", ", unreserved));
    }

    private static string[] NamesOf(MemberDeclarationSyntax member) => member switch
    {
        MethodDeclarationSyntax { ExplicitInterfaceSpecifier: null } m => [m.Identifier.Text],
        PropertyDeclarationSyntax { ExplicitInterfaceSpecifier: null } p => [p.Identifier.Text],
        BaseFieldDeclarationSyntax f => f.Declaration.Variables.Select(v => v.Identifier.Text).ToArray(),
        BaseTypeDeclarationSyntax t => [t.Identifier.Text],
        DelegateDeclarationSyntax d => [d.Identifier.Text],
        EventDeclarationSyntax { ExplicitInterfaceSpecifier: null } e => [e.Identifier.Text],
        IndexerDeclarationSyntax => ["this[]"],
        _ => [], // constructors (checked by signature) and explicit interface implementations
    };
}
