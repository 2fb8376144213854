using System;
using System.Collections.Generic;
using System.IO;
using NetGen.Samples.Data;
using static System.FormattableString;

namespace NetGen.Samples.LogicGates;

/// <summary>XOR with four hidden units: 2 inputs → 4 Tanh → 1 Sigmoid, trained with binary cross-entropy.</summary>
[Network(2, Loss = Loss.BinaryCrossEntropy)]
[Dense(4, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
public sealed partial class XorNet;

/// <summary>
/// XNOR, same shape as <see cref="XorNet"/>. (The minimal 2 → 2 → 1 network can represent XOR and XNOR too, but
/// gradient descent leaves it stuck in a local minimum for about half of all initialisations; four hidden units
/// make training reliable.)
/// </summary>
[Network(2, Loss = Loss.BinaryCrossEntropy)]
[Dense(4, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
public sealed partial class XnorNet;

/// <summary>
/// Learns the XOR and XNOR truth tables. Neither is linearly separable, so a network needs a hidden layer;
/// with one, full-batch Adam learns each table in a few hundred steps.
/// </summary>
public static class LogicGatesSample
{
    /// <summary>Epochs (= full-batch steps) per gate by default.</summary>
    public const int DefaultEpochs = 300;

    /// <summary>
    /// Seed of both networks' initial parameters. With it both gates reach 100 % for learning rates 0.02–0.1 and
    /// 100–1000 epochs (most seeds do; a few start in a local minimum).
    /// </summary>
    public const int NetworkSeed = 34;

    /// <summary>Adam's learning rate: large, as the problem is tiny and the batch is the whole table.</summary>
    public const float LearningRate = 0.05f;

    private const int PrintEvery = 50;

    /// <summary>The four input rows (a, b): 00, 01, 10, 11.</summary>
    public static ReadOnlySpan<float> Inputs => [0, 0, 0, 1, 1, 0, 1, 1];

    /// <summary>a XOR b for each input row.</summary>
    public static ReadOnlySpan<float> XorTargets => [0, 1, 1, 0];

    /// <summary>a XNOR b (NOT XOR) for each input row.</summary>
    public static ReadOnlySpan<float> XnorTargets => [1, 0, 0, 1];

    /// <summary>Trains both gates, writing progress and truth tables to <paramref name="log"/>.</summary>
    /// <param name="log">Receives the output.</param>
    /// <param name="epochs">Epochs per gate; <see cref="DefaultEpochs"/> when null.</param>
    /// <returns>One result per gate (XOR, then XNOR); the "test set" is the truth table itself.</returns>
    public static IReadOnlyList<SampleResult> Run(TextWriter log, int? epochs = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        int n = epochs ?? DefaultEpochs;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n, nameof(epochs));

        log.WriteLine("NetGen sample: logic gates (XOR and XNOR truth tables)");
        log.WriteLine(Invariant($"Training: Adam(learning rate {LearningRate}), full batch of 4 rows, {n} epochs, network seed {NetworkSeed}"));
        log.WriteLine();
        var results = new List<SampleResult>
        {
            Train("XOR", new XorNet(NetworkSeed), XorTargets, n, log),
            Train("XNOR", new XnorNet(NetworkSeed), XnorTargets, n, log),
        };
        foreach (SampleResult r in results)
            log.WriteLine(Invariant($"{r.Name}: accuracy {Report.Percent(r.TestAccuracy)}, final loss {r.FinalLoss:0.0000}, trained in {Report.Milliseconds(r.TrainingTime)}"));
        return results;
    }

    // Works for any generated network through INetwork and the runtime Trainer, so one method trains both gates.
    private static SampleResult Train(string gate, INetwork network, ReadOnlySpan<float> targets, int epochs, TextWriter log)
    {
        log.WriteLine(Invariant($"{gate}: {Report.Describe(network)}, {network.ParameterCount} parameters, binary cross-entropy"));
        log.WriteLine("  epoch      loss   accuracy");
        float[] x = Inputs.ToArray(), y = targets.ToArray();
        var history = new List<EpochMetrics>(epochs);
        var progress = new SynchronousProgress<EpochReport>(report =>
        {
            float accuracy = Metrics.Accuracy(network, x, y);
            // The truth table is both the training and the evaluation set (there is nothing else to validate on).
            history.Add(new EpochMetrics(report.Epoch, report.Loss, report.Accuracy, report.Loss, accuracy, report.LearningRate, report.Elapsed));
            if (report.Epoch == 1 || report.Epoch % PrintEvery == 0 || report.Epoch == report.Epochs)
                log.WriteLine(Invariant($"  {report.Epoch,5}   {report.Loss,7:0.0000}   {Report.Percent(accuracy),8}"));
        });

        var trainer = new Trainer(network, new Adam(LearningRate));
        EpochReport[] reports = trainer.Fit(x, y, epochs, batchSize: 4, seed: NetworkSeed, progress: progress);
        TimeSpan elapsed = TimeSpan.Zero;
        foreach (EpochReport report in reports) elapsed += report.Elapsed;

        log.WriteLine("   a  b   target   output");
        Span<float> outputs = stackalloc float[4];
        network.Forward(x, outputs);
        for (int i = 0; i < 4; i++)
            log.WriteLine(Invariant($"   {x[2 * i]}  {x[2 * i + 1]}   {y[i],6}   {outputs[i],6:0.0000}"));
        log.WriteLine();

        float final = Metrics.Accuracy(network, x, y);
        return new SampleResult(gate, 4, 0, 4, final, final, history, reports.Length, elapsed);
    }
}
