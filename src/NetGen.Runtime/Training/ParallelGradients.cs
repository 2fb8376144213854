using System;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NetGen.Kernels;
using System.Runtime.CompilerServices;
using System.Threading;

namespace NetGen;

/// <summary>
/// One training step on several threads. The batch is cut into contiguous parts of (nearly) equal size; part 0 runs on
/// the calling thread and the others on NetGen's worker threads (<see cref="Workers"/>), each with its own cache and gradient buffer. Then the
/// parameters are cut into as many slices, and each thread combines the parts' gradients of its slice in part order,
/// each weighted by its share of the batch — J = Σ_p (m_p/m)·J_p and dJ/dθ = Σ_p (m_p/m)·dJ_p/dθ (each part's gradient
/// already carries its own 1/m_p) — and applies the optimiser's update to that slice, so no thread streams all the
/// gradients and parameters alone. The result depends only on the batch and the number of parts, never on timing, so a
/// seeded run repeats bit for bit; it differs from the one-thread result by rounding only. Buffers are allocated on
/// first use; a step allocates nothing.
/// </summary>
internal sealed unsafe class ParallelGradients
{
    private readonly INetwork _network;
    private readonly Part[] _parts;
    private readonly Slice[] _slices;

    public ParallelGradients(INetwork network, int threads)
    {
        _network = network;
        _parts = new Part[threads];
        _slices = new Slice[threads];
        for (int p = 0; p < threads; p++)
        {
            _parts[p] = new Part(network);
            _slices[p] = new Slice();
        }
    }

    /// <summary>
    /// Computes dJ/dθ of the m examples into <paramref name="gradients"/> on <paramref name="parts"/> threads and applies
    /// <paramref name="optimizer"/> to <paramref name="parameters"/>; returns J before the update.
    /// </summary>
    /// <remarks>
    /// With a finite <c>maxGradientNorm</c> (clipping by global norm) the norm needs every combined gradient, so a clipped
    /// step combines them all, clips, then updates on the calling thread; <c>gradientNorm</c> receives ‖g‖ before
    /// clipping (NaN when not clipping).
    /// </remarks>
    public float Step(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, float[] gradients, Span<float> parameters,
        Optimizer optimizer, int m, int parts, float maxGradientNorm, out float gradientNorm)
    {
        gradientNorm = float.NaN;
        int nIn = _network.InputSize, nOut = _network.OutputSize;
        fixed (float* x = inputs, y = targets)
        {
            int queued = 0;
            try
            {
                // Parts 1 … parts−1 go to NetGen's workers; they read the pinned batch until they have signalled.
                for (int p = 1; p < parts; p++)
                {
                    var (first, count) = Range(p, parts, m);
                    _parts[p].Prepare(x + first * nIn, count * nIn, y + first * nOut, count * nOut, count);
                    Workers.Run(p - 1, _parts[p]);
                    queued++;
                }
                var (_, count0) = Range(0, parts, m);
                _parts[0].Prepare(x, count0 * nIn, y, count0 * nOut, count0);
                _parts[0].Execute();
            }
            finally
            {
                // Never leave the pinned region (or rethrow) while a worker may still read the batch.
                for (int p = 1; p <= queued; p++) _parts[p].Wait();
            }
            for (int p = 0; p < parts; p++)
                if (_parts[p].Error is { } error) ExceptionDispatchInfo.Throw(error);
        }

        float cost = 0;
        for (int p = 0; p < parts; p++) cost += _parts[p].Cost * Weight(p, parts, m);

        if (!optimizer.CanUpdateSlices || !float.IsPositiveInfinity(maxGradientNorm))
        {
            Combine(gradients, 0, gradients.Length, parts, m);
            if (!float.IsPositiveInfinity(maxGradientNorm)) gradientNorm = GradientClipping.Clip(gradients, maxGradientNorm);
            optimizer.Step(parameters, gradients);
            return cost;
        }
        optimizer.BeginSlicedStep(parameters.Length);
        fixed (float* theta = parameters)
        {
            int queued = 0;
            try
            {
                for (int s = 1; s < parts; s++)
                {
                    _slices[s].Prepare(this, optimizer, theta, gradients, SliceRange(s, parts, gradients.Length), parts, m);
                    Workers.Run(s - 1, _slices[s]);
                    queued++;
                }
                _slices[0].Prepare(this, optimizer, theta, gradients, SliceRange(0, parts, gradients.Length), parts, m);
                _slices[0].Execute();
            }
            finally
            {
                for (int s = 1; s <= queued; s++) _slices[s].Wait();
            }
            for (int s = 0; s < parts; s++)
                if (_slices[s].Error is { } error) ExceptionDispatchInfo.Throw(error);
        }
        return cost;
    }

    /// <summary>
    /// How many examples of the last step's batch (<paramref name="targets"/>, m × OutputSize, cut into
    /// <paramref name="parts"/> parts as that step cut it) each part's forward pass classified correctly.
    /// </summary>
    public int CountCorrect(ReadOnlySpan<float> targets, int parts, int m)
    {
        int nOut = _network.OutputSize, correct = 0;
        for (int p = 0; p < parts; p++)
        {
            var (first, count) = Range(p, parts, m);
            correct += Metrics.CountCorrect(_parts[p].Outputs, targets.Slice(first * nOut, count * nOut), nOut);
        }
        return correct;
    }

    /// <summary>Part p's share of the batch, m_p/m.</summary>
    private static float Weight(int p, int parts, int m) => (float)Range(p, parts, m).Count / m;

    /// <summary>Parameters [first, first + count) of slice s: equal shares, cut at multiples of 16 floats (64 bytes).</summary>
    private static (int First, int Count) SliceRange(int s, int parts, int total)
    {
        int Cut(int k) => k == parts ? total : Math.Min(total, (int)((long)total * k / parts) & ~15);
        return (Cut(s), Cut(s + 1) - Cut(s));
    }

    /// <summary>Examples [first, first + count) of part p: the first m mod parts parts take one example more.</summary>
    private static (int First, int Count) Range(int p, int parts, int m)
    {
        int size = m / parts, extra = m % parts;
        return (p * size + Math.Min(p, extra), size + (p < extra ? 1 : 0));
    }

    /// <summary>gradients[first .. first + count) = Σ_p (m_p/m)·g_p, in part order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Combine(Span<float> gradients, int first, int count, int parts, int m)
    {
        ref float g = ref Unsafe.Add(ref MemoryMarshal.GetReference(gradients), first);
        for (int p = 0; p < parts; p++)
        {
            float weight = Weight(p, parts, m);
            ref float gp = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_parts[p].Gradients), first);
            int k = Vector256.IsHardwareAccelerated ? Combine<Vector256<float>, Width256>(ref g, ref gp, count, weight, p == 0)
                : Vector128.IsHardwareAccelerated ? Combine<Vector128<float>, Width128>(ref g, ref gp, count, weight, p == 0)
                : 0;
            for (; k < count; k++)
                Unsafe.Add(ref g, k) = p == 0
                    ? Unsafe.Add(ref gp, k) * weight
                    : MathF.FusedMultiplyAdd(Unsafe.Add(ref gp, k), weight, Unsafe.Add(ref g, k));
        }
    }

    /// <summary>g = w·g_p (the first part) or g += w·g_p, a vector at a time; returns how many values were done.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Combine<TV, TW>(ref float g, ref float gp, int count, float weight, bool first)
        where TV : struct where TW : struct, IVectorWidth<TV>
    {
        var w = TW.Create(weight);
        int k = 0, c = TW.Count;
        if (first)
            for (; k + c <= count; k += c) TW.Store(TW.Multiply(TW.Load(ref gp, (nuint)k), w), ref g, (nuint)k);
        else
            for (; k + c <= count; k += c) TW.Store(TW.MultiplyAdd(TW.Load(ref gp, (nuint)k), w, TW.Load(ref g, (nuint)k)), ref g, (nuint)k);
        return k;
    }

    /// <summary>One slice of the parameters: combine its gradients, then update it.</summary>
    private sealed class Slice : WorkItem
    {
        private ParallelGradients? _owner;
        private Optimizer? _optimizer;
        private float* _parameters;
        private float[] _gradients = [];
        private int _first, _count, _parts, _m;

        public void Prepare(ParallelGradients owner, Optimizer optimizer, float* parameters, float[] gradients, (int First, int Count) range, int parts, int m)
        {
            _owner = owner;
            _optimizer = optimizer;
            _parameters = parameters;
            _gradients = gradients;
            (_first, _count) = range;
            _parts = parts;
            _m = m;
        }

        protected override void Run()
        {
            _owner!.Combine(_gradients, _first, _count, _parts, _m);
            _optimizer!.UpdateSlice(new Span<float>(_parameters + _first, _count), _gradients.AsSpan(_first, _count), _first, _gradients.Length);
        }
    }

    /// <summary>One part of a batch: its slice of the pinned batch, its own cache and gradient buffer.</summary>
    private sealed class Part(INetwork network) : WorkItem
    {
        private INetworkCache? _cache;
        private float* _x, _y;
        private int _xLength, _yLength;

        public float[] Gradients { get; } = new float[network.ParameterCount];
        public float Cost { get; private set; }
        public ReadOnlySpan<float> Outputs => _cache!.Outputs;

        public void Prepare(float* x, int xLength, float* y, int yLength, int examples)
        {
            _x = x;
            _xLength = xLength;
            _y = y;
            _yLength = yLength;
            if (_cache is null || _cache.Capacity < examples) _cache = network.CreateCache(examples);
        }

        protected override void Run() =>
            Cost = network.ComputeGradients(new ReadOnlySpan<float>(_x, _xLength), new ReadOnlySpan<float>(_y, _yLength), Gradients, _cache!);
    }
}
