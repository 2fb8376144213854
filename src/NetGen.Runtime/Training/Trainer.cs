using System;
using System.Diagnostics;
using System.IO;
using System.Threading;

namespace NetGen;

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
    private float[] _best = [];
    private float _maxGradientNorm = float.PositiveInfinity;
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

    /// <summary>
    /// Clipping by global norm, applied by every <see cref="Step"/> (and so by <c>Fit</c>) between the gradient and the
    /// update: when ‖g‖ = √Σ g² over all parameters exceeds it, g is scaled by max / (‖g‖ + 10⁻⁶), as PyTorch's
    /// <c>clip_grad_norm_</c> does. Positive infinity (the default) turns clipping off. With several threads, a clipped
    /// step combines the parts' gradients before one thread clips and updates them.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value that is not positive (or NaN).</exception>
    public float MaxGradientNorm
    {
        get => _maxGradientNorm;
        set
        {
            if (!(value > 0f))
                throw new ArgumentOutOfRangeException("maxGradientNorm", value, "The largest gradient norm must be positive (infinity for no clipping).");
            _maxGradientNorm = value;
        }
    }

    /// <summary>‖g‖ of the last step's gradient before clipping; NaN when <see cref="MaxGradientNorm"/> is infinite.</summary>
    public float LastGradientNorm { get; private set; } = float.NaN;

    /// <summary>dJ/dθ of the last step (layout of <see cref="INetwork.Parameters"/>; after clipping).</summary>
    public ReadOnlySpan<float> Gradients => _gradients;

    /// <summary>
    /// One step on one batch: forward, backward, update. Returns the batch cost J before the update.
    /// When the trainer has several <see cref="Threads"/> and the batch is large enough, the m examples are cut into
    /// contiguous parts of nearly equal size, one per thread; the gradient is Σ_p (m_p/m)·(gradient of part p), summed in
    /// part order, so the same batch always gives the same bits (they differ from a one-thread step by rounding). The
    /// threads then share the combining and the optimiser's update, each on its own slice of the parameters (for the
    /// built-in optimisers; see <see cref="Optimizer.CanUpdateSlices"/>).
    /// </summary>
    public float Step(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets) => CountingStep(inputs, targets, countCorrect: false, out _);

    /// <summary>A step that also counts, when asked, the examples its forward pass classified correctly.</summary>
    private float CountingStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, bool countCorrect, out int correct)
    {
        int parts = PartsFor(inputs.Length / _network.InputSize);
        float cost, norm = float.NaN;
        bool clip = !float.IsPositiveInfinity(_maxGradientNorm);
        correct = 0;
        if (parts > 1)
        {
            int m = Guard.BatchSize(inputs.Length, _network.InputSize, nameof(inputs));
            Guard.Batch(targets.Length, m, _network.OutputSize, nameof(targets));
            _parallel ??= new ParallelGradients(_network, Threads);
            cost = _parallel.Step(inputs, targets, _gradients, _network.Parameters, Optimizer, m, parts, _maxGradientNorm, out norm);
            if (countCorrect) correct = _parallel.CountCorrect(targets, parts, m);
        }
        else
        {
            cost = countCorrect
                ? _network.ComputeGradients(inputs, targets, _gradients, out correct)
                : _network.ComputeGradients(inputs, targets, _gradients);
            if (clip) norm = GradientClipping.Clip(_gradients, _maxGradientNorm);
            Optimizer.Step(_network.Parameters, _gradients);
        }
        LastStepThreads = parts;
        LastGradientNorm = norm;
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
    /// examples in an order drawn from <paramref name="seed"/>, so the same seed gives the same run, history included.
    /// Every argument is checked before any parameter changes.
    /// </summary>
    /// <param name="inputs">n examples, each <see cref="INetwork.InputSize"/> contiguous features.</param>
    /// <param name="targets">n × <see cref="INetwork.OutputSize"/> targets.</param>
    /// <param name="epochs">Most passes over the data (fewer when <paramref name="earlyStopping"/> stops training).</param>
    /// <param name="batchSize">Examples per step.</param>
    /// <param name="seed">Seed of the shuffle.</param>
    /// <param name="shuffle">Whether each epoch visits the examples in a new order.</param>
    /// <param name="progress">Receives each epoch's report as soon as the epoch (and its validation) is done.</param>
    /// <param name="cancellationToken">Stops training between batches: <c>Fit</c> then returns the reports of the epochs
    /// completed so far, with the parameters as the last completed step left them (or the best epoch's, with
    /// <paramref name="earlyStopping"/>'s <see cref="EarlyStopping.RestoreBest"/>).</param>
    /// <param name="validationInputs">Validation examples (empty for none), evaluated after every epoch.</param>
    /// <param name="validationTargets">Their targets; required with <paramref name="validationInputs"/>.</param>
    /// <param name="earlyStopping">Stops when the monitored loss stops improving, and restores the best parameters.</param>
    /// <param name="schedule">The learning rate of each step; without one, the optimiser's rate is used throughout.</param>
    /// <param name="checkpointPath">A safetensors file to which the parameters are saved, atomically, after every epoch that
    /// improves the monitored loss (<see cref="EpochReport.IsBest"/>); its directory must exist.</param>
    /// <param name="batchProgress">Receives a report after every step (batches done, examples per second, time left in the
    /// epoch), for a live progress line; handlers that print should throttle themselves.</param>
    /// <returns>One report per completed epoch.</returns>
    public EpochReport[] Fit(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int epochs, int batchSize,
        int seed = 0, bool shuffle = true, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default,
        ReadOnlySpan<float> validationInputs = default, ReadOnlySpan<float> validationTargets = default,
        EarlyStopping? earlyStopping = null, LearningRateSchedule? schedule = null, string? checkpointPath = null,
        IProgress<BatchReport>? batchProgress = null)
    {
        int nIn = _network.InputSize, nOut = _network.OutputSize;
        int n = Guard.BatchSize(inputs.Length, nIn, nameof(inputs));
        Guard.Batch(targets.Length, n, nOut, nameof(targets));
        if (epochs < 0) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "The number of epochs cannot be negative.");
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size must be positive.");
        bool validate = !validationInputs.IsEmpty || !validationTargets.IsEmpty;
        if (validate)
        {
            if (validationInputs.IsEmpty)
                throw new ArgumentException($"validationTargets has {validationTargets.Length} values but validationInputs is empty; give both or neither.", nameof(validationInputs));
            int nVal = Guard.BatchSize(validationInputs.Length, nIn, nameof(validationInputs));
            Guard.Batch(validationTargets.Length, nVal, nOut, nameof(validationTargets));
        }
        if (checkpointPath is not null) CheckCheckpointPath(checkpointPath);
        batchSize = Math.Min(batchSize, n);
        bool classifier = Metrics.IsClassifier(_network.Loss);

        if (shuffle)
        {
            if (_order.Length != n) _order = new int[n];
            if (_batchInputs.Length < batchSize * nIn) _batchInputs = new float[batchSize * nIn];
            if (_batchTargets.Length < batchSize * nOut) _batchTargets = new float[batchSize * nOut];
        }
        if (earlyStopping is { RestoreBest: true } && _best.Length != _network.ParameterCount) _best = new float[_network.ParameterCount];
        schedule?.Reset();

        float baseRate = Optimizer.LearningRate;
        float bestLoss = float.PositiveInfinity;
        int bestEpoch = -1, sinceBest = 0, done = 0;
        long step = 0;
        var rng = new Rng(seed);
        var reports = new EpochReport[epochs];
        int batches = (n + batchSize - 1) / batchSize;
        try
        {
            for (int epoch = 0; epoch < epochs; epoch++)
            {
                long start = Stopwatch.GetTimestamp();
                if (shuffle)
                {
                    for (int i = 0; i < n; i++) _order[i] = i;
                    rng.Shuffle(_order);
                }
                if (schedule is not null) Optimizer.LearningRate = Rate(schedule, baseRate, epoch, step);
                double total = 0;
                int steps = 0, correct = 0;
                bool cancelled = false;
                for (int first = 0; first < n; first += batchSize)
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        cancelled = true;
                        break;
                    }
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
                    if (schedule is { IsPerStep: true }) Optimizer.LearningRate = Rate(schedule, baseRate, epoch, step);
                    total += (double)CountingStep(x, y, classifier, out int c) * m;
                    correct += c;
                    steps++;
                    step++;
                    batchProgress?.Report(new BatchReport(epoch + 1, epochs, steps, batches, first + m, n, (float)(total / (first + m)),
                        Stopwatch.GetElapsedTime(start)));
                }

                if (cancelled) break; // the unfinished epoch is not reported

                float loss = (float)(total / n);
                float validationLoss = float.NaN, validationAccuracy = float.NaN;
                if (validate)
                {
                    validationLoss = _network.Cost(validationInputs, validationTargets);
                    if (classifier) validationAccuracy = Metrics.Accuracy(_network, validationInputs, validationTargets);
                }
                float monitored = validate ? validationLoss : loss;
                schedule?.Observe(monitored);
                bool isBest = monitored < bestLoss - (earlyStopping?.MinDelta ?? 0f);
                if (isBest)
                {
                    bestLoss = monitored;
                    bestEpoch = epoch;
                    sinceBest = 0;
                    if (earlyStopping is { RestoreBest: true }) _network.Parameters.CopyTo(_best);
                    if (checkpointPath is not null) Safetensors.Save(_network, checkpointPath);
                }
                else
                {
                    sinceBest++;
                }

                var report = new EpochReport(epoch + 1, epochs, loss, steps, Stopwatch.GetElapsedTime(start))
                {
                    Accuracy = classifier ? (float)correct / n : float.NaN,
                    ValidationLoss = validationLoss,
                    ValidationAccuracy = validationAccuracy,
                    LearningRate = Optimizer.LearningRate,
                    IsBest = isBest,
                };
                reports[epoch] = report;
                done = epoch + 1;
                progress?.Report(report);
                if (earlyStopping is not null && sinceBest >= earlyStopping.Patience) break;
            }
            // The best epoch's parameters (none is best only when every monitored loss was NaN, or when cancelled in the
            // first epoch: then nothing to restore). After a cancellation mid-epoch the current parameters are not an
            // epoch's end, so the best is restored even when it was the last completed epoch.
            if (earlyStopping is { RestoreBest: true } && bestEpoch >= 0 && (bestEpoch != done - 1 || cancellationToken.IsCancellationRequested))
                _best.CopyTo(_network.Parameters);
        }
        finally
        {
            if (schedule is not null) Optimizer.LearningRate = baseRate; // the schedule's rates were Fit's own
        }
        return done == epochs ? reports : reports.AsSpan(0, done).ToArray();
    }

    /// <summary>Refuses, before training, a checkpoint path whose file could never be written.</summary>
    private static void CheckCheckpointPath(string path)
    {
        if (path.Length == 0) throw new ArgumentException("The checkpoint path is empty.", "checkpointPath");
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new ArgumentException($"The checkpoint path '{path}' is not a valid path: {e.Message}", "checkpointPath", e);
        }
        string? directory = Path.GetDirectoryName(full);
        if (directory is null || Directory.Exists(full))
            throw new ArgumentException($"The checkpoint path '{path}' names a directory, not a file.", "checkpointPath");
        if (!Directory.Exists(directory))
            throw new ArgumentException($"The checkpoint path's directory '{directory}' does not exist.", "checkpointPath");
    }

    /// <summary>The schedule's rate, checked: a schedule may not produce a rate the optimiser would refuse.</summary>
    private static float Rate(LearningRateSchedule schedule, float baseRate, int epoch, long step)
    {
        float rate = schedule.Rate(baseRate, epoch, step);
        if (!(rate >= 0f) || float.IsInfinity(rate))
            throw new InvalidOperationException($"The learning-rate schedule gave the rate {rate} at epoch {epoch}, step {step}; a rate must be zero or positive and finite.");
        return rate;
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
