using System;
using System.Collections.Generic;
using System.IO;
using NetGen.Samples.Data;
using static System.FormattableString;

namespace NetGen.Samples.Digits;

/// <summary>
/// 8 × 8 digit images (64 pixels scaled to [0, 1]) → 64 ReLU → 10 Softmax probabilities, one per digit,
/// trained with cross-entropy against one-hot targets.
/// </summary>
[Network(64, Loss = Loss.CrossEntropy)]
[Dense(64, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public sealed partial class DigitsNet;

/// <summary>
/// Optical Recognition of Handwritten Digits: ten-class classification with a Softmax output. Holds out a
/// seeded 20 % test split, trains with Adam in mini-batches and reports loss and accuracy after every epoch.
/// </summary>
public static class DigitsSample
{
    /// <summary>The data file shipped in <c>data/</c> (gzip-compressed CSV).</summary>
    public const string DataFileName = "digits.csv.gz";

    /// <summary>Pixel values are counts from 0 to 16; dividing by 16 maps them to [0, 1].</summary>
    public const float PixelScale = 1f / 16f;

    /// <summary>Epochs by default.</summary>
    public const int DefaultEpochs = 30;

    /// <summary>Examples per optimiser step.</summary>
    public const int BatchSize = 32;

    /// <summary>Adam's learning rate.</summary>
    public const float LearningRate = 2e-3f;

    /// <summary>Fraction of the examples held out for testing.</summary>
    public const double TestFraction = 0.2;

    /// <summary>Seed of the train/test split.</summary>
    public const int SplitSeed = 42;

    /// <summary>Seed of the network's initial parameters.</summary>
    public const int NetworkSeed = 1;

    /// <summary>Seed of the per-epoch shuffle of the training examples.</summary>
    public const int ShuffleSeed = 2;

    /// <summary>Loads the data, trains <see cref="DigitsNet"/> and writes progress and a summary to <paramref name="log"/>.</summary>
    /// <param name="dataPath">The (gzip) CSV file; null for the copy shipped with the sample.</param>
    /// <param name="log">Receives the output.</param>
    /// <param name="epochs">Epochs to train; <see cref="DefaultEpochs"/> when null.</param>
    /// <exception cref="FileNotFoundException">The data file does not exist.</exception>
    /// <exception cref="DataFormatException">The data file is malformed.</exception>
    public static SampleResult Run(string? dataPath, TextWriter log, int? epochs = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        int epochCount = epochs ?? DefaultEpochs;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochCount, nameof(epochs));

        // 1. Data: load, scale pixels to [0, 1], hold out a test split, one-hot targets.
        string path = dataPath ?? DataFile.FindSampleData(DataFileName);
        Dataset data = CsvDataset.Load(path, expectedFeatures: DigitsNet.InputSize).Scale(PixelScale);
        if (data.ClassCount != DigitsNet.OutputSize)
            throw new DataFormatException(path, 0, Invariant($"Expected labels 0–9 ({DigitsNet.OutputSize} classes) but the largest label is {data.ClassCount - 1}."));
        (Dataset train, Dataset test) = data.Split(TestFraction, SplitSeed);
        float[] trainTargets = train.Targets(DigitsNet.OutputSize); // one-hot rows of 10
        float[] testTargets = test.Targets(DigitsNet.OutputSize);

        // 2. Network and optimiser.
        var network = new DigitsNet(NetworkSeed);
        var optimizer = new Adam(LearningRate);

        log.WriteLine("NetGen sample: handwritten digits (10-class classification, softmax)");
        log.WriteLine(Invariant($"Data      {Report.DisplayPath(path)}"));
        log.WriteLine(Invariant($"          {data.Count} images of 8 × 8 pixels (0–16, scaled to [0, 1]); {data.ClassCount} classes"));
        log.WriteLine(Invariant($"Split     {train.Count} training / {test.Count} test examples (seed {SplitSeed})"));
        log.WriteLine(Invariant($"Network   DigitsNet: {Report.Describe(network)}; {DigitsNet.ParameterCount} parameters; cross-entropy"));
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
        return new SampleResult("Digits", train.Count, test.Count, finalTrain, finalTest, history, trainingTime);
    }
}
