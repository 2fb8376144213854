using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using static System.FormattableString;

namespace NetGen.Samples.LogicGatesCompiled;

/// <summary>One row of a truth table: the inputs, the target, the network's output and its class (output ≥ 0.5).</summary>
/// <param name="A">First input, 0 or 1.</param>
/// <param name="B">Second input, 0 or 1.</param>
/// <param name="Target">The gate's value.</param>
/// <param name="Output">The network's output.</param>
/// <param name="Class">The predicted value, 1 when the output is at least 0.5.</param>
public sealed record GateRow(float A, float B, float Target, float Output, int Class)
{
    /// <summary>The predicted class is the target and the output is within <see cref="CompiledGates.Tolerance"/> of it.</summary>
    public bool Exact => Class == Target && MathF.Abs(Output - Target) < CompiledGates.Tolerance;
}

/// <summary>A gate's truth table as computed by its network.</summary>
/// <param name="Name">The gate.</param>
/// <param name="WeightsFile">The weights file compiled into its network.</param>
/// <param name="Rows">The four rows 00, 01, 10, 11.</param>
public sealed record GateTable(string Name, string WeightsFile, IReadOnlyList<GateRow> Rows)
{
    /// <summary>Every row is exact.</summary>
    public bool Exact => Rows.All(r => r.Exact);
}

/// <summary>Evaluates the AND, OR and XNOR networks, whose hand-set weights are compiled into this program.</summary>
public static class CompiledGates
{
    /// <summary>How far an output may be from its 0/1 target; the saturated sigmoids of these weights stay within 5e-5.</summary>
    public const float Tolerance = 1e-4f;

    /// <summary>The four input rows (a, b): 00, 01, 10, 11.</summary>
    public static ReadOnlySpan<float> Inputs => [0, 0, 0, 1, 1, 0, 1, 1];

    /// <summary>The truth tables of the three gates, computed by networks created with their embedded weights.</summary>
    public static IReadOnlyList<GateTable> Evaluate() =>
    [
        Table("AND", "and.weights.json", new AndNet(), [0, 0, 0, 1]),
        Table("OR", "or.weights.json", new OrNet(), [0, 1, 1, 1]),
        Table("XNOR", "xnor.weights.json", new XnorNet(), [1, 0, 0, 1]),
    ];

    /// <summary>Prints the truth tables to <paramref name="log"/>; returns whether every row is exact.</summary>
    /// <param name="log">Receives the tables.</param>
    public static bool Run(TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        log.WriteLine("NetGen sample: logic gates with hand-set weights compiled in (no training, no file read at run time)");
        log.WriteLine("  AND  = sigmoid(-30 + 20a + 20b)");
        log.WriteLine("  OR   = sigmoid(-10 + 20a + 20b)");
        log.WriteLine("  XNOR = OR(AND(a, b), NOR(a, b)), NOR = sigmoid(10 - 20a - 20b): a 2-2-1 network");
        log.WriteLine();
        log.WriteLine("  gate   a  b   target     output   class");
        IReadOnlyList<GateTable> tables = Evaluate();
        foreach (GateTable table in tables)
        {
            foreach (GateRow row in table.Rows)
                log.WriteLine(Invariant($"  {table.Name,-5}  {row.A}  {row.B}   {row.Target,6}   {row.Output,8:0.000000}   {row.Class,5}   {(row.Exact ? "ok" : "WRONG")}"));
            log.WriteLine(Invariant($"  {"",-5}  weights from {table.WeightsFile}"));
        }
        log.WriteLine();
        int rows = tables.Sum(t => t.Rows.Count), exact = tables.Sum(t => t.Rows.Count(r => r.Exact));
        log.WriteLine(Invariant($"{exact} of {rows} rows exact (class equals the target, |output - target| < {Tolerance})."));
        return exact == rows;
    }

    private static GateTable Table(string name, string file, INetwork network, float[] targets)
    {
        float[] x = Inputs.ToArray();
        var outputs = new float[targets.Length];
        network.Forward(x, outputs);
        var rows = new GateRow[targets.Length];
        for (int i = 0; i < rows.Length; i++)
            rows[i] = new GateRow(x[2 * i], x[2 * i + 1], targets[i], outputs[i], outputs[i] >= 0.5f ? 1 : 0);
        return new GateTable(name, file, rows);
    }
}
