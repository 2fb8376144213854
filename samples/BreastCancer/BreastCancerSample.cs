using System;
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
/// Breast Cancer Wisconsin (Diagnostic): learns to tell malignant from benign masses. Holds out a seeded 20 % test
/// split, then 15 % of the rest for validation, standardises the features with statistics of the training split only,
/// and trains with Adam in mini-batches, evaluating the validation split after every epoch and stopping when its loss
/// stops improving (see <see cref="ClassifierTraining"/>).
/// </summary>
public static class BreastCancerSample
{
    /// <summary>The data file shipped in <c>data/</c>.</summary>
    public const string DataFileName = "breast_cancer.csv";

    /// <summary>Most epochs by default (early stopping usually ends sooner).</summary>
    public const int DefaultEpochs = 200;

    /// <summary>Examples per optimiser step.</summary>
    public const int BatchSize = 32;

    /// <summary>Adam's learning rate.</summary>
    public const float LearningRate = 1e-3f;

    /// <summary>Fraction of the examples held out for testing.</summary>
    public const double TestFraction = 0.2;

    /// <summary>Fraction of the remaining examples held out for validation.</summary>
    public const double ValidationFraction = 0.15;

    /// <summary>Epochs without a better validation loss after which training stops.</summary>
    public const int Patience = 10;

    /// <summary>Seed of the train/test split (the validation split uses the next seed).</summary>
    public const int SplitSeed = 42;

    /// <summary>Seed of the network's initial parameters.</summary>
    public const int NetworkSeed = 1;

    /// <summary>Seed of the per-epoch shuffle of the training examples.</summary>
    public const int ShuffleSeed = 2;

    /// <summary>Loads the data, trains <see cref="CancerNet"/> and writes progress and a summary to <paramref name="log"/>.</summary>
    /// <param name="dataPath">The CSV file; null for the copy shipped with the sample.</param>
    /// <param name="log">Receives the output.</param>
    /// <param name="epochs">Most epochs to train; <see cref="DefaultEpochs"/> when null.</param>
    /// <param name="display">The live progress line and the curve image (none by default).</param>
    /// <exception cref="FileNotFoundException">The data file does not exist.</exception>
    /// <exception cref="DataFormatException">The data file is malformed.</exception>
    public static SampleResult Run(string? dataPath, TextWriter log, int? epochs = null, TrainingDisplay? display = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        int epochCount = epochs ?? DefaultEpochs;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochCount, nameof(epochs));

        // 1. Data: load, hold out test and validation splits, standardise with the training split's statistics.
        string path = dataPath ?? DataFile.FindSampleData(DataFileName);
        Dataset data = CsvDataset.Load(path, expectedFeatures: CancerNet.InputSize);
        (Dataset rest, Dataset test) = data.Split(TestFraction, SplitSeed);
        (Dataset train, Dataset validation) = rest.Split(ValidationFraction, SplitSeed + 1);
        Standardizer standardizer = Standardizer.Fit(train);
        train = standardizer.Transform(train);
        validation = standardizer.Transform(validation);
        test = standardizer.Transform(test);

        // 2. The network.
        var network = new CancerNet(NetworkSeed);
        log.WriteLine("NetGen sample: breast cancer diagnosis (binary classification)");
        log.WriteLine(Invariant($"Data      {Report.DisplayPath(path)}"));
        log.WriteLine(Invariant($"          {data.Count} examples × {data.FeatureCount} features; classes {Report.ClassCounts(data)}"));
        log.WriteLine(Invariant($"Split     {train.Count} training / {validation.Count} validation / {test.Count} test examples (seeds {SplitSeed}, {SplitSeed + 1}); features standardised with training-split mean and σ"));
        log.WriteLine(Invariant($"Network   CancerNet: {Report.Describe(network)}; {CancerNet.ParameterCount} parameters; binary cross-entropy"));

        // 3. Train, evaluate.
        var setup = new TrainingSetup("BreastCancer", epochCount, BatchSize, LearningRate, 1f, Patience, NetworkSeed, ShuffleSeed);
        return ClassifierTraining.Run(network, setup, train, validation, test, log, display ?? TrainingDisplay.None);
    }
}
