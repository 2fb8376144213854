using System;
using System.IO;
using NetGen.Samples.Data;

namespace NetGen.Samples.Mnist;

/// <summary>
/// 28 × 28 MNIST images (784 pixels scaled to [0, 1]) → 128 ReLU → 64 ReLU → 10 Softmax probabilities,
/// trained with cross-entropy against one-hot targets.
/// </summary>
[Network(784, Loss = Loss.CrossEntropy)]
[Dense(128, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public sealed partial class MnistNet;

/// <summary>
/// MNIST: 60,000 training images (55,000 trained on, 5,000 for validation) and 10,000 test images. Trains with
/// <c>Fit</c>: validation after every epoch, early stopping with the best parameters restored, and a live progress line
/// inside each epoch (see <see cref="ClassifierTraining"/>).
/// </summary>
public static class MnistSample
{
    /// <summary>Epochs by default (at most: early stopping may end sooner).</summary>
    public const int DefaultEpochs = MnistTraining.DefaultEpochs;

    /// <summary>Examples per optimiser step by default.</summary>
    public const int DefaultBatchSize = MnistTraining.DefaultBatchSize;

    /// <summary>Adam's learning rate.</summary>
    public const float LearningRate = 1e-3f;

    /// <summary>Seed of the network's initial parameters.</summary>
    public const int NetworkSeed = 1;

    /// <summary>Seed of the per-epoch shuffle of the training examples.</summary>
    public const int ShuffleSeed = 2;

    /// <summary>What <see cref="MnistTraining"/> needs to know about this sample.</summary>
    public static readonly MnistSetup Setup = new("Mnist", "samples/Mnist", "NetGen sample: MNIST handwritten digits (10-class classification, softmax)", null, LearningRate, 1f, NetworkSeed, ShuffleSeed);

    /// <summary>Loads MNIST, trains a new <see cref="MnistNet"/> and writes progress and a summary to <paramref name="log"/>.</summary>
    /// <param name="dataDirectory">
    /// The directory with the four IDX files (<c>train-images-idx3-ubyte.gz</c>, …); null to look for
    /// <c>shared/data/mnist</c> above the current and the program's directory (see <see cref="MnistData.Locate"/>).
    /// </param>
    /// <param name="log">Receives the output.</param>
    /// <param name="epochs">Epochs to train; <see cref="DefaultEpochs"/> when null.</param>
    /// <param name="display">The live progress line and the curve image (none by default).</param>
    /// <param name="batchSize">Examples per step; <see cref="DefaultBatchSize"/> when null.</param>
    /// <param name="threads">Most threads a step uses (see <see cref="Trainer.MinExamplesPerThread"/>).</param>
    /// <exception cref="DirectoryNotFoundException">The MNIST files cannot be found.</exception>
    /// <exception cref="DataFormatException">A file is malformed.</exception>
    public static SampleResult Run(string? dataDirectory, TextWriter log, int? epochs = null, TrainingDisplay? display = null,
        int? batchSize = null, int threads = 1) =>
        MnistTraining.Run(new MnistNet(NetworkSeed), Setup, dataDirectory, log, epochs, display, batchSize, threads);

    /// <summary>The MNIST directory: <paramref name="dataDirectory"/> when it has the files, else the first found above.</summary>
    /// <exception cref="DirectoryNotFoundException">The files are not there; the message lists where it looked.</exception>
    public static string LocateData(string? dataDirectory) => MnistTraining.LocateData(dataDirectory, Setup.Project);
}
