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
/// With <see cref="Threads"/> &gt; 1, a step on a batch large enough to pay for the hand-off computes the gradients
/// of contiguous parts of the batch on that many threads and combines them in a fixed order (see <see cref="Step"/>).
/// Not thread-safe: one trainer per network at a time.
/// </summary>
public sealed class Trainer
{
    /// <summary>
    /// Fewest examples a thread gets when a step is split. Moving the parts' gradients and the updated parameters
    /// between cores costs a fixed time per parameter, while each example brings about 6 FLOPs of work per weight; on
    /// the reference machine a split step wins from 64 examples per thread (784-128-64-10 on two threads: 0.95× at 32
    /// per thread, 1.4× at 64, 1.7× at 128; bench/README.md).
    /// </summary>
    public const int MinExamplesPerThread = 64;

    /// <summary>
    /// Least work (FLOPs: 6·in·out per layer per example, forward and backward) for which a step is split: handing a
    /// part to another thread and waiting for it costs a few microseconds, which a smaller step would not win back.
    /// </summary>
    public const double MinParallelFlops = 4e6;

    private readonly INetwork _network;
    private readonly float[] _gradients;
    private readonly double _flopsPerExample;
    private ParallelGradients? _parallel;
    private float[] _batchInputs = [], _batchTargets = [];
    private int[] _order = [];

    /// <summary>Creates a trainer for <paramref name="network"/> using <paramref name="optimizer"/>, on one thread.</summary>
    public Trainer(INetwork network, Optimizer optimizer) : this(network, optimizer, threads: 1)
    {
    }

    /// <summary>
    /// Creates a trainer for <paramref name="network"/> using <paramref name="optimizer"/> that splits large steps
    /// across up to <paramref name="threads"/> threads (the calling thread and NetGen's own background worker threads, started on first use).
    /// </summary>
    /// <param name="network">The network to train.</param>
    /// <param name="optimizer">GradientDescent, Momentum or Adam.</param>
    /// <param name="threads">1 for single-threaded steps; 2 or more to split steps of at least
    /// <see cref="MinExamplesPerThread"/> examples per thread and <see cref="MinParallelFlops"/> of work.</param>
    public Trainer(INetwork network, Optimizer optimizer, int threads)
    {
        _network = network ?? throw new ArgumentNullException(nameof(network));
        Optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "A trainer needs at least one thread.");
        Threads = threads;
        _gradients = new float[network.ParameterCount];
        for (int l = 0; l < network.LayerCount; l++)
        {
            var layer = network.GetLayerShape(l);
            _flopsPerExample += 6.0 * layer.MultiplyAdds;
        }
    }

    /// <summary>The optimiser applied after each batch.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The most threads a step uses.</summary>
    public int Threads { get; }

    /// <summary>How many threads the last step used (1 when its batch was too small to split).</summary>
    public int LastStepThreads { get; private set; }

    /// <summary>dJ/dθ of the last step (layout of <see cref="INetwork.Parameters"/>).</summary>
    public ReadOnlySpan<float> Gradients => _gradients;

    /// <summary>
    /// One step on one batch: forward, backward, update. Returns the batch cost J before the update.
    /// When the trainer has several <see cref="Threads"/> and the batch is large enough, the m examples are cut into
    /// contiguous parts of nearly equal size, one per thread; the gradient is Σ_p (m_p/m)·(gradient of part p), summed in
    /// part order, so the same batch always gives the same bits (they differ from a one-thread step by rounding). The
    /// threads then share the combining and the optimiser's update, each on its own slice of the parameters (for the
    /// built-in optimisers; see <see cref="Optimizer.CanUpdateSlices"/>).
    /// </summary>
    public float Step(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
    {
        int parts = PartsFor(inputs.Length / _network.InputSize);
        float cost;
        if (parts > 1)
        {
            int m = Guard.BatchSize(inputs.Length, _network.InputSize, nameof(inputs));
            Guard.Batch(targets.Length, m, _network.OutputSize, nameof(targets));
            _parallel ??= new ParallelGradients(_network, Threads);
            cost = _parallel.Step(inputs, targets, _gradients, _network.Parameters, Optimizer, m, parts);
        }
        else
        {
            cost = _network.ComputeGradients(inputs, targets, _gradients);
            Optimizer.Step(_network.Parameters, _gradients);
        }
        LastStepThreads = parts;
        return cost;
    }

    /// <summary>Threads for a batch of m examples: as many as have <see cref="MinExamplesPerThread"/> each, if the step is worth splitting.</summary>
    private int PartsFor(int m)
    {
        if (Threads == 1 || m * _flopsPerExample < MinParallelFlops) return 1;
        return Math.Max(1, Math.Min(Threads, m / MinExamplesPerThread));
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
