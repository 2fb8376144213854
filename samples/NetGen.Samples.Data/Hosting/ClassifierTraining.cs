using System;
using System.Collections.Generic;
using System.IO;
using NetGen.Samples.Data;
using static System.FormattableString;

namespace NetGen.Samples;

/// <summary>How a sample trains its classifier.</summary>
/// <param name="Name">The sample's name in its <see cref="SampleResult"/>.</param>
/// <param name="MaxEpochs">Most epochs; early stopping usually ends sooner.</param>
/// <param name="BatchSize">Examples per optimiser step.</param>
/// <param name="LearningRate">Adam's learning rate α₀.</param>
/// <param name="LearningRateDecay">α = α₀ · decay^epoch (an exponential schedule); 1 for a constant rate.</param>
/// <param name="Patience">Epochs without a better validation loss after which training stops.</param>
/// <param name="NetworkSeed">The seed the network was created with (reported).</param>
/// <param name="ShuffleSeed">Seed of the per-epoch shuffle.</param>
public sealed record TrainingSetup(string Name, int MaxEpochs, int BatchSize, float LearningRate, float LearningRateDecay, int Patience,
    int NetworkSeed, int ShuffleSeed)
{
    /// <summary>Most threads a step uses.</summary>
    public int Threads { get; init; } = 1;
}

/// <summary>What the run shows besides its table: a live line inside epochs and a curve image.</summary>
/// <param name="ShowBatchProgress">Redraw a progress line inside each epoch (for an interactive console only).</param>
/// <param name="CurvePath">Where to write the training curve (PNG); null for none.</param>
public sealed record TrainingDisplay(bool ShowBatchProgress = false, string? CurvePath = null)
{
    /// <summary>No live line, no image: what tests use.</summary>
    public static readonly TrainingDisplay None = new();
}

/// <summary>
/// The samples' training run, in the way a careful user trains: <c>Fit</c> on the training split with the validation
/// split evaluated after every epoch, early stopping on the validation loss (restoring the best epoch's parameters), an
/// optional learning-rate schedule and a live progress line; the test split is used once, at the end. Writes the epoch
/// table, a confusion matrix with per-class precision and recall, and optionally the curve.
/// </summary>
public static class ClassifierTraining
{
    /// <summary>Trains <paramref name="network"/> and reports to <paramref name="log"/>.</summary>
    /// <param name="network">A classifier (binary or categorical cross-entropy) for the data's features.</param>
    /// <param name="setup">Training constants.</param>
    /// <param name="train">Examples trained on.</param>
    /// <param name="validation">Examples evaluated after each epoch.</param>
    /// <param name="test">Examples for the final evaluation only.</param>
    /// <param name="log">Receives the output.</param>
    /// <param name="display">The live line and the curve.</param>
    public static SampleResult Run(INetwork network, TrainingSetup setup, Dataset train, Dataset validation, Dataset test, TextWriter log,
        TrainingDisplay display)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(display);
        int nOut = network.OutputSize;
        float[] trainTargets = train.Targets(nOut), validationTargets = validation.Targets(nOut), testTargets = test.Targets(nOut);

        var optimizer = new Adam(setup.LearningRate);
        LearningRateSchedule? schedule = setup.LearningRateDecay == 1f ? null : LearningRateSchedule.Exponential(setup.LearningRateDecay);
        var trainer = new Trainer(network, optimizer, setup.Threads);
        int steps = (train.Count + setup.BatchSize - 1) / setup.BatchSize;
        string rate = schedule is null ? Invariant($"{setup.LearningRate}") : Invariant($"{setup.LearningRate} × {setup.LearningRateDecay}^epoch");
        log.WriteLine(Invariant($"Training  Adam(learning rate {rate}), batch {setup.BatchSize} ({steps} steps per epoch), up to {setup.MaxEpochs} epochs, early stopping after {setup.Patience} without a better validation loss (network seed {setup.NetworkSeed}, shuffle seed {setup.ShuffleSeed})"));
        if (setup.Threads > 1)
            log.WriteLine(Invariant($"          up to {setup.Threads} threads per step ({(setup.BatchSize / setup.Threads >= Trainer.MinExamplesPerThread ? "each full batch is split" : $"batches are too small to split: fewer than {Trainer.MinExamplesPerThread} examples per thread")})"));
        log.WriteLine();
        log.WriteLine("epoch   train loss   train acc    val loss     val acc   learning rate        time");

        var history = new List<EpochMetrics>(setup.MaxEpochs);
        var live = new LiveProgress(log, display.ShowBatchProgress);
        var progress = new SynchronousProgress<EpochReport>(r =>
        {
            live.Clear();
            history.Add(new EpochMetrics(r.Epoch, r.Loss, r.Accuracy, r.ValidationLoss, r.ValidationAccuracy, r.LearningRate, r.Elapsed));
            log.WriteLine(Invariant(
                $"{r.Epoch,5}   {r.Loss,10:0.0000}   {Report.Percent(r.Accuracy),9}   {r.ValidationLoss,9:0.0000}   {Report.Percent(r.ValidationAccuracy),9}   {r.LearningRate,13:0.000000}   {Report.Duration(r.Elapsed),9}{(r.IsBest ? "  *" : "")}"));
        });
        EpochReport[] reports = trainer.Fit(train.Features, trainTargets, setup.MaxEpochs, setup.BatchSize, setup.ShuffleSeed,
            progress: progress, validationInputs: validation.Features, validationTargets: validationTargets,
            earlyStopping: new EarlyStopping(setup.Patience), schedule: schedule, batchProgress: live.Enabled ? live : null);
        live.Clear();

        // The parameters now are the best epoch's; the test split is evaluated once, with them.
        int best = Array.FindLastIndex(reports, r => r.IsBest) + 1;
        TimeSpan trainingTime = TimeSpan.Zero;
        foreach (EpochReport report in reports) trainingTime += report.Elapsed;
        float finalTrain = Metrics.Accuracy(network, train.Features, trainTargets);
        var confusion = ConfusionMatrix.Of(network, test.Features, testTargets);

        log.WriteLine(reports.Length < setup.MaxEpochs
            ? Invariant($"Stopped after epoch {reports.Length}: no better validation loss for {setup.Patience} epochs; kept the parameters of epoch {best} (*: best so far)")
            : Invariant($"Ran all {reports.Length} epochs; kept the parameters of epoch {best}, the best validation loss (*: best so far)"));
        log.WriteLine();
        Report.WriteConfusionMatrix(log, confusion, test);
        log.WriteLine();
        log.WriteLine(Invariant($"Test accuracy {Report.Percent(confusion.Accuracy)} ({confusion.Correct} of {test.Count} correct), macro F1 {confusion.MacroF1:0.0000}; train accuracy {Report.Percent(finalTrain)}"));
        log.WriteLine(Invariant($"Trained {reports.Length} epochs in {Report.Duration(trainingTime)} ({Report.Duration(trainingTime / reports.Length)} per epoch, validation included)"));
        if (display.CurvePath is { } curve)
        {
            string? warning = TrainingCurve.Save(curve, Invariant($"{setup.Name}: training curve"), history, best);
            log.WriteLine(Invariant($"Training curve written to {Report.DisplayPath(curve)}"));
            if (warning is not null) log.WriteLine(warning);
        }
        return new SampleResult(setup.Name, train.Count, validation.Count, test.Count, finalTrain, confusion.Accuracy, history, best, trainingTime);
    }
}
