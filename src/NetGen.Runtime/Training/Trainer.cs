using System;
using System.Diagnostics;
using System.Threading;

namespace NetGen;

/// <summary>Progress of one training epoch.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Epochs">Epochs requested.</param>
/// <param name="Loss">Mean training cost J over the epoch's examples (each batch's J weighted by its size).</param>
/// <param name="Steps">Optimiser steps taken in this epoch.</param>
/// <param name="Elapsed">Wall-clock time of this epoch.</param>
public readonly record struct EpochReport(int Epoch, int Epochs, float Loss, int Steps, TimeSpan Elapsed);

/// <summary>
/// Mini-batch training of a generated network with an <see cref="Optimizer"/>. Allocates its buffers
/// (gradients, one batch, the shuffle permutation) once; a step allocates nothing.
/// Not thread-safe: one trainer per network at a time.
/// </summary>
public sealed class Trainer
{
    private readonly INetwork _network;
    private readonly float[] _gradients;
    private float[] _batchInputs = [], _batchTargets = [];
    private int[] _order = [];

    /// <summary>Creates a trainer for <paramref name="network"/> using <paramref name="optimizer"/>.</summary>
    public Trainer(INetwork network, Optimizer optimizer)
    {
        _network = network ?? throw new ArgumentNullException(nameof(network));
        Optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
        _gradients = new float[network.ParameterCount];
    }

    /// <summary>The optimiser applied after each batch.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>dJ/dθ of the last step (layout of <see cref="INetwork.Parameters"/>).</summary>
    public ReadOnlySpan<float> Gradients => _gradients;

    /// <summary>One step on one batch: forward, backward, update. Returns the batch cost J before the update.</summary>
    public float Step(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
    {
        float cost = _network.ComputeGradients(inputs, targets, _gradients);
        Optimizer.Step(_network.Parameters, _gradients);
        return cost;
    }

    /// <summary>
    /// Trains for <paramref name="epochs"/> passes over the data in mini-batches of <paramref name="batchSize"/>
    /// (the last batch of an epoch may be smaller). With <paramref name="shuffle"/>, each epoch visits the
    /// examples in an order drawn from <paramref name="seed"/>, so the same seed gives the same run.
    /// </summary>
    /// <returns>One report per completed epoch.</returns>
    public EpochReport[] Fit(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int epochs, int batchSize,
        int seed = 0, bool shuffle = true, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
    {
        int nIn = _network.InputSize, nOut = _network.OutputSize;
        int n = Guard.BatchSize(inputs.Length, nIn, nameof(inputs));
        Guard.Batch(targets.Length, n, nOut, nameof(targets));
        if (epochs < 0) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "The number of epochs cannot be negative.");
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size must be positive.");
        batchSize = Math.Min(batchSize, n);

        if (shuffle)
        {
            if (_order.Length != n) _order = new int[n];
            if (_batchInputs.Length < batchSize * nIn) _batchInputs = new float[batchSize * nIn];
            if (_batchTargets.Length < batchSize * nOut) _batchTargets = new float[batchSize * nOut];
        }
        var rng = new Rng(seed);
        var reports = new EpochReport[epochs];
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            long start = Stopwatch.GetTimestamp();
            if (shuffle)
            {
                for (int i = 0; i < n; i++) _order[i] = i;
                rng.Shuffle(_order);
            }
            double total = 0;
            int steps = 0;
            for (int first = 0; first < n; first += batchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int m = Math.Min(batchSize, n - first);
                ReadOnlySpan<float> x, y;
                if (shuffle)
                {
                    for (int r = 0; r < m; r++)
                    {
                        int src = _order[first + r];
                        inputs.Slice(src * nIn, nIn).CopyTo(_batchInputs.AsSpan(r * nIn, nIn));
                        targets.Slice(src * nOut, nOut).CopyTo(_batchTargets.AsSpan(r * nOut, nOut));
                    }
                    x = _batchInputs.AsSpan(0, m * nIn);
                    y = _batchTargets.AsSpan(0, m * nOut);
                }
                else
                {
                    x = inputs.Slice(first * nIn, m * nIn);
                    y = targets.Slice(first * nOut, m * nOut);
                }
                total += (double)Step(x, y) * m;
                steps++;
            }
            var report = new EpochReport(epoch + 1, epochs, (float)(total / n), steps, Stopwatch.GetElapsedTime(start));
            reports[epoch] = report;
            progress?.Report(report);
        }
        return reports;
    }
}

/// <summary>An <see cref="IProgress{T}"/> that calls its handler synchronously on the reporting thread.</summary>
/// <typeparam name="T">The report type.</typeparam>
public sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    private readonly Action<T> _handler = handler ?? throw new ArgumentNullException(nameof(handler));

    /// <inheritdoc/>
    public void Report(T value) => _handler(value);
}
