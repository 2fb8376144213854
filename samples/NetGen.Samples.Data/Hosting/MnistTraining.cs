using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using NetGen.Samples.Data;
using static System.FormattableString;

namespace NetGen.Samples;

/// <summary>What differs between the MNIST samples: names, description and training constants.</summary>
/// <param name="Name">The sample's name in its <see cref="SampleResult"/>.</param>
/// <param name="Project">The project path, for the message when the data is missing (e.g. <c>samples/Mnist</c>).</param>
/// <param name="Title">The first line of the output.</param>
/// <param name="Architecture">The network as one line; null to describe it from its layer shapes.</param>
/// <param name="LearningRate">Adam's learning rate in the first epoch.</param>
/// <param name="LearningRateDecay">The factor applied to the learning rate after each epoch (1: constant).</param>
/// <param name="NetworkSeed">The seed the network was created with (reported).</param>
/// <param name="ShuffleSeed">Seed of the per-epoch shuffle.</param>
public sealed record MnistSetup(string Name, string Project, string Title, string? Architecture, float LearningRate, float LearningRateDecay,
    int NetworkSeed, int ShuffleSeed);

/// <summary>
/// The MNIST samples' run: loads the IDX files, holds out <see cref="ValidationCount"/> of the 60,000 training images as
/// the validation split (the classic 55,000 / 5,000), and trains with <see cref="ClassifierTraining"/> (Fit with
/// validation, early stopping, the exponential schedule and the live progress line). Shared by samples/Mnist (dense)
/// and samples/MnistCnn (convolutional).
/// </summary>
public static class MnistTraining
{
    /// <summary>Epochs by default (at most: early stopping may end sooner).</summary>
    public const int DefaultEpochs = 10;

    /// <summary>Examples per optimiser step by default.</summary>
    public const int DefaultBatchSize = 64;

    /// <summary>Training images held out as the validation split (a tenth of a training set smaller than 50,000).</summary>
    public const int ValidationCount = 5000;

    /// <summary>Seed of the validation split.</summary>
    public const int SplitSeed = 3;

    /// <summary>Epochs without a better validation loss after which training stops.</summary>
    public const int Patience = 3;

    /// <summary>Loads MNIST, trains <paramref name="network"/> as <paramref name="setup"/> says and writes progress and a summary to <paramref name="log"/>.</summary>
    /// <param name="network">A network of 784 inputs (28 × 28 pixels, row by row) and 10 softmax outputs.</param>
    /// <param name="setup">The sample's name, description and training constants.</param>
    /// <param name="dataDirectory">
    /// The directory with the four IDX files (<c>train-images-idx3-ubyte.gz</c>, …); null to look for
    /// <c>shared/data/mnist</c> above the current and the program's directory (see <see cref="MnistData.Locate"/>).
    /// </param>
    /// <param name="log">Receives the output.</param>
    /// <param name="epochs">Most epochs to train; <see cref="DefaultEpochs"/> when null.</param>
    /// <param name="display">The live progress line and the curve image.</param>
    /// <param name="batchSize">Examples per step; <see cref="DefaultBatchSize"/> when null.</param>
    /// <param name="threads">Most threads a step uses (see <see cref="Trainer.MinExamplesPerThread"/>).</param>
    /// <exception cref="DirectoryNotFoundException">The MNIST files cannot be found.</exception>
    /// <exception cref="DataFormatException">A file is malformed.</exception>
    public static SampleResult Run(INetwork network, MnistSetup setup, string? dataDirectory, TextWriter log, int? epochs = null,
        TrainingDisplay? display = null, int? batchSize = null, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(log);
        int epochCount = epochs ?? DefaultEpochs;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochCount, nameof(epochs));
        int examplesPerStep = batchSize ?? DefaultBatchSize;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(examplesPerStep, nameof(batchSize));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads, nameof(threads));

        // 1. Data: find and load the IDX files; pixels scaled to [0, 1]; a validation split out of the training images.
        string directory = LocateData(dataDirectory, setup.Project);
        long loadStart = Stopwatch.GetTimestamp();
        (Dataset trainAll, Dataset test) = MnistData.Load(directory, pixelScale: 1f / 255f);
        TimeSpan loadTime = Stopwatch.GetElapsedTime(loadStart);
        if (trainAll.FeatureCount != network.InputSize)
            throw new DataFormatException(trainAll.Source, 0, Invariant($"Expected images of {network.InputSize} pixels (28 × 28) but they have {trainAll.FeatureCount}."));
        // 5,000 images, or a tenth of a smaller training set (a subset of MNIST) so that most of it is still trained on.
        int validationCount = Math.Max(1, Math.Min(ValidationCount, trainAll.Count / 10));
        if (trainAll.Count < 2)
            throw new DataFormatException(trainAll.Source, 0, Invariant($"Expected at least two training images (one to train on, one to validate) but found {trainAll.Count}."));
        (Dataset train, Dataset validation) = trainAll.Split((double)validationCount / trainAll.Count, SplitSeed);

        log.WriteLine(setup.Title);
        log.WriteLine(Invariant($"Data      {Report.DisplayPath(directory)} (loaded in {Report.Milliseconds(loadTime)})"));
        log.WriteLine(Invariant($"          {trainAll.Count} training / {test.Count} test images of 28 × 28 pixels (0–255, scaled to [0, 1])"));
        log.WriteLine(Invariant($"Split     {train.Count} training / {validation.Count} validation (seed {SplitSeed}) / {test.Count} test images"));
        log.WriteLine(Invariant($"Network   {network.GetType().Name}: {setup.Architecture ?? Report.Describe(network)}; {network.ParameterCount} parameters; cross-entropy"));

        // 2. Train and evaluate.
        var training = new TrainingSetup(setup.Name, epochCount, examplesPerStep, setup.LearningRate, setup.LearningRateDecay, Patience,
            setup.NetworkSeed, setup.ShuffleSeed) { Threads = threads };
        return ClassifierTraining.Run(network, training, train, validation, test, log, display ?? TrainingDisplay.None);
    }

    /// <summary>
    /// The MNIST directory: <paramref name="dataDirectory"/> when given, else found by <see cref="MnistData.Locate"/>.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The files are not there; the message says where it looked and what to do.</exception>
    public static string LocateData(string? dataDirectory, string project)
    {
        string? found = MnistData.Locate(dataDirectory, out IReadOnlyList<string> searched);
        if (found is not null) return found;

        var message = new StringBuilder();
        if (dataDirectory is not null)
        {
            string full = searched[0];
            message.Append(Directory.Exists(full)
                ? $"The directory '{full}' lacks the MNIST files {string.Join(", ", MnistData.MissingFiles(full))} (each as .gz or uncompressed)."
                : $"The MNIST directory '{full}' does not exist.");
        }
        else
        {
            message.AppendLine($"MNIST was not found. Looked for {MnistData.TrainImages}.gz and the other IDX files in:");
            foreach (string path in searched) message.Append("  ").AppendLine(path);
            message.Append($"Pass the directory that holds them: dotnet run --project {project} -c Release -- PATH");
        }
        throw new DirectoryNotFoundException(message.ToString());
    }
}
