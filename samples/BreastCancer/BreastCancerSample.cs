using System;
using System.Collections.Generic;
using System.IO;
using NetGen.Samples.Data;
using static System.FormattableString;

namespace NetGen.Samples.BreastCancer;

/// <summary>
/// The seeds' network: 30 standardised measurements → 16 ReLU → 8 ReLU → 1 Sigmoid unit giving
/// P(label = 1 | x), trained with binary cross-entropy.
/// </summary>
[Network(30, Loss = Loss.BinaryCrossEntropy)]
[Dense(16, Activation.ReLU)]
[Dense(8, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
public sealed partial class CancerNet;

/// <summary>
/// Breast Cancer Wisconsin (Diagnostic): learns to tell malignant from benign masses. Holds out a seeded 20 %
/// test split, standardises the features with statistics of the training split only, trains with Adam in
/// mini-batches and reports loss and accuracy after every epoch.
/// </summary>
public static class BreastCancerSample
{
    /// <summary>The data file shipped in <c>data/</c>.</summary>
    public const string DataFileName = "breast_cancer.csv";

    /// <summary>Epochs by default.</summary>
    public const int DefaultEpochs = 50;

    /// <summary>Examples per optimiser step.</summary>
    public const int BatchSize = 32;

    /// <summary>Adam's learning rate.</summary>
    public const float LearningRate = 1e-3f;

    /// <summary>Fraction of the examples held out for testing.</summary>
    public const double TestFraction = 0.2;

    /// <summary>Seed of the train/test split.</summary>
    public const int SplitSeed = 42;

    /// <summary>Seed of the network's initial parameters.</summary>
    public const int NetworkSeed = 1;

    /// <summary>Seed of the per-epoch shuffle of the training examples.</summary>
    public const int ShuffleSeed = 2;

    /// <summary>Loads the data, trains <see cref="CancerNet"/> and writes progress and a summary to <paramref name="log"/>.</summary>
    /// <param name="dataPath">The CSV file; null for the copy shipped with the sample.</param>
    /// <param name="log">Receives the output.</param>
    /// <param name="epochs">Epochs to train; <see cref="DefaultEpochs"/> when null.</param>
    /// <exception cref="FileNotFoundException">The data file does not exist.</exception>
    /// <exception cref="DataFormatException">The data file is malformed.</exception>
    public static SampleResult Run(string? dataPath, TextWriter log, int? epochs = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        int epochCount = epochs ?? DefaultEpochs;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochCount, nameof(epochs));

        // 1. Data: load, hold out a test split, standardise with the training split's statistics.
        string path = dataPath ?? DataFile.FindSampleData(DataFileName);
        Dataset data = CsvDataset.Load(path, expectedFeatures: CancerNet.InputSize);
        (Dataset train, Dataset test) = data.Split(TestFraction, SplitSeed);
        Standardizer standardizer = Standardizer.Fit(train);
        train = standardizer.Transform(train);
        test = standardizer.Transform(test);
        float[] trainTargets = train.Targets(CancerNet.OutputSize); // 0/1 per example
        float[] testTargets = test.Targets(CancerNet.OutputSize);

        // 2. Network and optimiser.
        var network = new CancerNet(NetworkSeed);
        var optimizer = new Adam(LearningRate);

        log.WriteLine("NetGen sample: breast cancer diagnosis (binary classification)");
        log.WriteLine(Invariant($"Data      {Report.DisplayPath(path)}"));
        log.WriteLine(Invariant($"          {data.Count} examples × {data.FeatureCount} features; classes {Report.ClassCounts(data)}"));
        log.WriteLine(Invariant($"Split     {train.Count} training / {test.Count} test examples (seed {SplitSeed}); features standardised with training-split mean and σ"));
        log.WriteLine(Invariant($"Network   CancerNet: {Report.Describe(network)}; {CancerNet.ParameterCount} parameters; binary cross-entropy"));
        log.WriteLine(Invariant($"Training  Adam(learning rate {LearningRate}), batch {BatchSize}, {epochCount} epochs (network seed {NetworkSeed}, shuffle seed {ShuffleSeed})"));
        log.WriteLine();
        log.WriteLine("epoch   train loss   train acc   test loss    test acc      time");

        // 3. Train; after each epoch, evaluate on both splits (outside the timed training).
        var history = new List<EpochMetrics>(epochCount);
        var progress = new SynchronousProgress<EpochReport>(report =>
        {
            float trainAccuracy = network.Accuracy(train.Features, trainTargets);
            float testAccuracy = network.Accuracy(test.Features, testTargets);
            float testLoss = network.Cost(test.Features, testTargets);
            history.Add(new EpochMetrics(report.Epoch, report.Loss, trainAccuracy, testAccuracy, report.Elapsed));
            log.WriteLine(Invariant(
                $"{report.Epoch,5}   {report.Loss,10:0.0000}   {Report.Percent(trainAccuracy),9}   {testLoss,9:0.0000}   {Report.Percent(testAccuracy),9}   {Report.Milliseconds(report.Elapsed),7}"));
        });
        EpochReport[] reports = network.Fit(train.Features, trainTargets, optimizer, epochCount, BatchSize, ShuffleSeed, progress);

        // 4. Summary.
        TimeSpan trainingTime = TimeSpan.Zero;
        foreach (EpochReport report in reports) trainingTime += report.Elapsed;
        float finalTrain = network.Accuracy(train.Features, trainTargets);
        float finalTest = network.Accuracy(test.Features, testTargets);
        int[,] confusion = Report.ConfusionMatrix(network, test);
        int correct = 0;
        for (int c = 0; c < test.ClassCount; c++) correct += confusion[c, c];

        log.WriteLine();
        Report.WriteConfusionMatrix(log, confusion, test);
        log.WriteLine();
        log.WriteLine(Invariant($"Test accuracy {Report.Percent(finalTest)} ({correct} of {test.Count} correct); train accuracy {Report.Percent(finalTrain)}"));
        log.WriteLine(Invariant($"Trained {epochCount} epochs ({reports.Length * reports[0].Steps} steps) in {Report.Milliseconds(trainingTime)}"));
        return new SampleResult("BreastCancer", train.Count, test.Count, finalTrain, finalTest, history, trainingTime);
    }
}
