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
/// The MNIST samples' training loop: loads the IDX files, shuffles and slices the mini-batches itself and calls
/// <see cref="Trainer.Step"/> for each (so it can redraw a progress line within an epoch), reports every epoch and a
/// confusion matrix. Shared by samples/Mnist (dense) and samples/MnistCnn (convolutional).
/// </summary>
public static class MnistTraining
{
    /// <summary>Epochs by default.</summary>
    public const int DefaultEpochs = 10;

    /// <summary>Examples per optimiser step by default.</summary>
    public const int DefaultBatchSize = 64;

    /// <summary>How often the in-epoch progress line is redrawn.</summary>
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Loads MNIST, trains <paramref name="network"/> as <paramref name="setup"/> says and writes progress and a summary to <paramref name="log"/>.</summary>
    /// <param name="network">A network of 784 inputs (28 × 28 pixels, row by row) and 10 softmax outputs.</param>
    /// <param name="setup">The sample's name, description and training constants.</param>
    /// <param name="dataDirectory">
    /// The directory with the four IDX files (<c>train-images-idx3-ubyte.gz</c>, …); null to look for
    /// <c>shared/data/mnist</c> above the current and the program's directory (see <see cref="MnistData.Locate"/>).
    /// </param>
    /// <param name="log">Receives the output.</param>
    /// <param name="epochs">Epochs to train; <see cref="DefaultEpochs"/> when null.</param>
    /// <param name="showBatchProgress">
    /// Redraw a progress line (batch, running loss) within each epoch using carriage returns; only for an
    /// interactive console.
    /// </param>
    /// <param name="batchSize">Examples per step; <see cref="DefaultBatchSize"/> when null.</param>
    /// <param name="threads">Most threads a step uses (see <see cref="Trainer.MinExamplesPerThread"/>).</param>
    /// <exception cref="DirectoryNotFoundException">The MNIST files cannot be found.</exception>
    /// <exception cref="DataFormatException">A file is malformed.</exception>
    public static SampleResult Run(INetwork network, MnistSetup setup, string? dataDirectory, TextWriter log, int? epochs = null,
        bool showBatchProgress = false, int? batchSize = null, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(log);
        int epochCount = epochs ?? DefaultEpochs;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochCount, nameof(epochs));
        int examplesPerStep = batchSize ?? DefaultBatchSize;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(examplesPerStep, nameof(batchSize));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads, nameof(threads));

        // 1. Data: find and load the IDX files; pixels scaled to [0, 1]; one-hot targets.
        string directory = LocateData(dataDirectory, setup.Project);
        long loadStart = Stopwatch.GetTimestamp();
        (Dataset train, Dataset test) = MnistData.Load(directory, pixelScale: 1f / 255f);
        TimeSpan loadTime = Stopwatch.GetElapsedTime(loadStart);
        if (train.FeatureCount != network.InputSize)
            throw new DataFormatException(train.Source, 0, Invariant($"Expected images of {network.InputSize} pixels (28 × 28) but they have {train.FeatureCount}."));
        float[] trainTargets = train.Targets(network.OutputSize);
        float[] testTargets = test.Targets(network.OutputSize);

        // 2. Network, optimiser and the trainer that owns the gradient buffer.
        var optimizer = new Adam(setup.LearningRate);
        var trainer = new Trainer(network, optimizer, threads);

        int batches = (train.Count + examplesPerStep - 1) / examplesPerStep;
        log.WriteLine(setup.Title);
        log.WriteLine(Invariant($"Data      {Report.DisplayPath(directory)} (loaded in {Report.Milliseconds(loadTime)})"));
        log.WriteLine(Invariant($"          {train.Count} training / {test.Count} test images of 28 × 28 pixels (0–255, scaled to [0, 1])"));
        log.WriteLine(Invariant($"Network   {network.GetType().Name}: {setup.Architecture ?? Report.Describe(network)}; {network.ParameterCount} parameters; cross-entropy"));
        string schedule = setup.LearningRateDecay == 1f ? "" : Invariant($", × {setup.LearningRateDecay} after each epoch");
        log.WriteLine(Invariant($"Training  Adam(learning rate {setup.LearningRate}{schedule}), batch {examplesPerStep} ({batches} steps per epoch), {epochCount} epochs (network seed {setup.NetworkSeed}, shuffle seed {setup.ShuffleSeed})"));
        if (threads > 1)
            log.WriteLine(Invariant($"          up to {threads} threads per step ({(examplesPerStep / threads >= Trainer.MinExamplesPerThread ? "each full batch is split" : $"batches are too small to split: fewer than {Trainer.MinExamplesPerThread} examples per thread")})"));
        log.WriteLine();
        log.WriteLine("epoch   train loss   train acc    test acc   epoch time   examples/s");

        // 3. Train batch by batch.
        int[] order = new int[train.Count];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        var batchInputs = new float[examplesPerStep * network.InputSize];
        var batchTargets = new float[examplesPerStep * network.OutputSize];
        var rng = new Rng(setup.ShuffleSeed);
        var history = new List<EpochMetrics>(epochCount);
        var progressLine = new ProgressLine(log, showBatchProgress);
        TimeSpan trainingTime = TimeSpan.Zero;

        for (int epoch = 1; epoch <= epochCount; epoch++)
        {
            optimizer.LearningRate = setup.LearningRate * MathF.Pow(setup.LearningRateDecay, epoch - 1);
            rng.Shuffle(order);
            long epochStart = Stopwatch.GetTimestamp();
            long lastDraw = epochStart;
            double lossSum = 0;
            int seen = 0;
            for (int batch = 0; batch < batches; batch++)
            {
                int first = batch * examplesPerStep;
                int m = Math.Min(examplesPerStep, train.Count - first);
                Gather(network.InputSize, network.OutputSize, train.Features, trainTargets, order.AsSpan(first, m), batchInputs, batchTargets);
                float cost = trainer.Step(
                    batchInputs.AsSpan(0, m * network.InputSize),
                    batchTargets.AsSpan(0, m * network.OutputSize));
                lossSum += (double)cost * m;
                seen += m;

                if (showBatchProgress && Stopwatch.GetElapsedTime(lastDraw) >= ProgressInterval)
                {
                    lastDraw = Stopwatch.GetTimestamp();
                    progressLine.Draw(Invariant(
                        $"epoch {epoch}/{epochCount}  batch {batch + 1}/{batches}  loss {lossSum / seen:0.0000}  {Stopwatch.GetElapsedTime(epochStart).TotalSeconds:0.0} s"));
                }
            }
            TimeSpan epochTime = Stopwatch.GetElapsedTime(epochStart);
            trainingTime += epochTime;
            progressLine.Clear();

            float loss = (float)(lossSum / seen);
            float trainAccuracy = Metrics.Accuracy(network, train.Features, trainTargets);
            float testAccuracy = Metrics.Accuracy(network, test.Features, testTargets);
            history.Add(new EpochMetrics(epoch, loss, trainAccuracy, testAccuracy, epochTime));
            log.WriteLine(Invariant(
                $"{epoch,5}   {loss,10:0.0000}   {Report.Percent(trainAccuracy),9}   {Report.Percent(testAccuracy),9}   {epochTime.TotalSeconds,8:0.00} s   {train.Count / epochTime.TotalSeconds,10:0}"));
        }

        // 4. Summary.
        float finalTrain = history[^1].TrainAccuracy;
        float finalTest = history[^1].TestAccuracy;
        int[,] confusion = Report.ConfusionMatrix(network, test);
        log.WriteLine();
        Report.WriteConfusionMatrix(log, confusion, test);
        log.WriteLine();
        log.WriteLine(Invariant($"Test accuracy {Report.Percent(finalTest)} ({(int)Math.Round(finalTest * test.Count)} of {test.Count} correct); train accuracy {Report.Percent(finalTrain)}"));
        log.WriteLine(Invariant($"Trained {epochCount} epochs in {trainingTime.TotalSeconds:0.00} s: {trainingTime.TotalSeconds / epochCount:0.00} s per epoch, {(double)train.Count * epochCount / trainingTime.TotalSeconds:0} examples/s"));
        return new SampleResult(setup.Name, train.Count, test.Count, finalTrain, finalTest, history, trainingTime);
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

    /// <summary>Copies the examples at <paramref name="rows"/> into the batch buffers (one contiguous row each).</summary>
    private static void Gather(int nIn, int nOut, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, ReadOnlySpan<int> rows, Span<float> batchInputs, Span<float> batchTargets)
    {
        for (int r = 0; r < rows.Length; r++)
        {
            int source = rows[r];
            inputs.Slice(source * nIn, nIn).CopyTo(batchInputs.Slice(r * nIn, nIn));
            targets.Slice(source * nOut, nOut).CopyTo(batchTargets.Slice(r * nOut, nOut));
        }
    }

    /// <summary>A single console line redrawn in place with a carriage return.</summary>
    private sealed class ProgressLine(TextWriter log, bool enabled)
    {
        private int _length;

        public void Draw(string text)
        {
            if (!enabled) return;
            log.Write('\r');
            log.Write(text.PadRight(_length));
            log.Flush();
            _length = text.Length;
        }

        public void Clear()
        {
            if (!enabled || _length == 0) return;
            log.Write('\r');
            log.Write(new string(' ', _length));
            log.Write('\r');
            log.Flush();
            _length = 0;
        }
    }
}
