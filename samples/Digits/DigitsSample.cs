using System;
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
/// Optical Recognition of Handwritten Digits: ten-class classification with a Softmax output. Holds out a seeded
/// 20 % test split, then 15 % of the rest for validation, and trains with Adam in mini-batches, evaluating the
/// validation split after every epoch and stopping when its loss stops improving (see <see cref="ClassifierTraining"/>).
/// </summary>
public static class DigitsSample
{
    /// <summary>The data file shipped in <c>data/</c> (gzip-compressed CSV).</summary>
    public const string DataFileName = "digits.csv.gz";

    /// <summary>Pixel values are counts from 0 to 16; dividing by 16 maps them to [0, 1].</summary>
    public const float PixelScale = 1f / 16f;

    /// <summary>Most epochs by default (early stopping usually ends sooner).</summary>
    public const int DefaultEpochs = 100;

    /// <summary>Examples per optimiser step.</summary>
    public const int BatchSize = 32;

    /// <summary>Adam's learning rate.</summary>
    public const float LearningRate = 2e-3f;

    /// <summary>Fraction of the examples held out for testing.</summary>
    public const double TestFraction = 0.2;

    /// <summary>Fraction of the remaining examples held out for validation.</summary>
    public const double ValidationFraction = 0.15;

    /// <summary>Epochs without a better validation loss after which training stops.</summary>
    public const int Patience = 8;

    /// <summary>Seed of the train/test split (the validation split uses the next seed).</summary>
    public const int SplitSeed = 42;

    /// <summary>Seed of the network's initial parameters.</summary>
    public const int NetworkSeed = 1;

    /// <summary>Seed of the per-epoch shuffle of the training examples.</summary>
    public const int ShuffleSeed = 2;

    /// <summary>Loads the data, trains <see cref="DigitsNet"/> and writes progress and a summary to <paramref name="log"/>.</summary>
    /// <param name="dataPath">The (gzip) CSV file; null for the copy shipped with the sample.</param>
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

        // 1. Data: load, scale pixels to [0, 1], hold out test and validation splits.
        string path = dataPath ?? DataFile.FindSampleData(DataFileName);
        Dataset data = CsvDataset.Load(path, expectedFeatures: DigitsNet.InputSize).Scale(PixelScale);
        if (data.ClassCount != DigitsNet.OutputSize)
            throw new DataFormatException(path, 0, Invariant($"Expected labels 0–9 ({DigitsNet.OutputSize} classes) but the largest label is {data.ClassCount - 1}."));
        (Dataset rest, Dataset test) = data.Split(TestFraction, SplitSeed);
        (Dataset train, Dataset validation) = rest.Split(ValidationFraction, SplitSeed + 1);

        // 2. The network.
        var network = new DigitsNet(NetworkSeed);
        log.WriteLine("NetGen sample: handwritten digits (10-class classification, softmax)");
        log.WriteLine(Invariant($"Data      {Report.DisplayPath(path)}"));
        log.WriteLine(Invariant($"          {data.Count} images of 8 × 8 pixels (0–16, scaled to [0, 1]); {data.ClassCount} classes"));
        log.WriteLine(Invariant($"Split     {train.Count} training / {validation.Count} validation / {test.Count} test examples (seeds {SplitSeed}, {SplitSeed + 1})"));
        log.WriteLine(Invariant($"Network   DigitsNet: {Report.Describe(network)}; {DigitsNet.ParameterCount} parameters; cross-entropy"));

        // 3. Train, evaluate.
        var setup = new TrainingSetup("Digits", epochCount, BatchSize, LearningRate, 1f, Patience, NetworkSeed, ShuffleSeed);
        return ClassifierTraining.Run(network, setup, train, validation, test, log, display ?? TrainingDisplay.None);
    }
}
