using System;
using System.Globalization;
using System.IO;
using System.Linq;
using NetGen.Samples.LogicGatesCompiled;

namespace NetGen.EmbeddedWeightsTests;

/// <summary>samples/LogicGatesCompiled: AND, OR and XNOR from hand-set weights compiled into the program.</summary>
public class LogicGatesCompiledTests
{
    [Fact]
    public void EveryTruthTableIsExact()
    {
        var tables = CompiledGates.Evaluate();
        Assert.Equal(["AND", "OR", "XNOR"], tables.Select(t => t.Name));
        Assert.All(tables, t => Assert.True(t.Exact, t.Name));
        Assert.Equal([1f, 0f, 0f, 1f], tables[2].Rows.Select(r => (float)r.Class));
        Assert.All(tables.SelectMany(t => t.Rows), r => Assert.InRange(MathF.Abs(r.Output - r.Target), 0f, 5e-5f));
    }

    [Fact]
    public void TheNetworksStartFromTheHandSetWeights()
    {
        Assert.Equal([20f, 20f, -20f, -20f, -30f, 10f, 20f, 20f, -10f], new XnorNet().Parameters.ToArray());
        Assert.Equal([20f, 20f, -30f], new AndNet().Parameters.ToArray());
        Assert.Equal([20f, 20f, -10f], new OrNet().Parameters.ToArray());
        Assert.Equal(new XnorNet().Parameters.ToArray(), XnorNet.EmbeddedParameters.ToArray());
        // The seeded constructor still initialises randomly.
        Assert.NotEqual(XnorNet.EmbeddedParameters.ToArray(), new XnorNet(1).Parameters.ToArray());
    }

    [Fact]
    public void TheProgramPrintsTheTablesAndExitsWith0()
    {
        var log = new StringWriter(CultureInfo.InvariantCulture);
        Assert.True(CompiledGates.Run(log));
        string text = log.ToString();
        Assert.Contains("  XNOR   0  0        1   0.999955       1   ok", text);
        Assert.Contains("  XNOR   0  1        0   0.000045       0   ok", text);
        Assert.Contains("12 of 12 rows exact", text);
        Assert.DoesNotContain("WRONG", text);

        var main = typeof(CompiledGates).Assembly.EntryPoint!;
        var console = Console.Out;
        try
        {
            Console.SetOut(TextWriter.Null);
            Assert.Equal(0, main.Invoke(null, [Array.Empty<string>()]));
        }
        finally
        {
            Console.SetOut(console);
        }
    }

    [Fact]
    public void NoWeightsFileShipsWithTheProgram()
    {
        string directory = Path.GetDirectoryName(typeof(CompiledGates).Assembly.Location)!;
        Assert.Empty(Directory.GetFiles(directory, "*.weights.json"));
    }
}
