using System;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.CompilerServices;
using System.Threading;

namespace NetGen;

/// <summary>
/// The gradients of one batch computed on several threads. The batch is cut into contiguous parts of (nearly) equal
/// size; part 0 runs on the calling thread and the others on thread-pool threads, each with its own cache and gradient
/// buffer. The parts' results are then combined in a fixed order, each weighted by its share of the batch:
/// J = Σ_p (m_p/m)·J_p and dJ/dθ = Σ_p (m_p/m)·dJ_p/dθ (each part's gradient already carries its own 1/m_p).
/// The result depends only on the batch and the number of parts, never on timing, so a seeded run repeats bit for bit;
/// it differs from the one-thread result by rounding only. Buffers are allocated on first use; a step allocates nothing.
/// </summary>
internal sealed unsafe class ParallelGradients
{
    private readonly INetwork _network;
    private readonly Part[] _parts;

    public ParallelGradients(INetwork network, int threads)
    {
        _network = network;
        _parts = new Part[threads];
        for (int p = 0; p < threads; p++) _parts[p] = new Part(network);
    }

    /// <summary>Writes dJ/dθ of the m examples into <paramref name="gradients"/> using <paramref name="parts"/> threads; returns J.</summary>
    public float Compute(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradients, int m, int parts)
    {
        int nIn = _network.InputSize, nOut = _network.OutputSize;
        int queued = 0;
        float cost;
        fixed (float* x = inputs, y = targets)
        {
            try
            {
                // Parts 1 … parts−1 go to the thread pool; they read the pinned batch until they have signalled.
                for (int p = 1; p < parts; p++)
                {
                    var (first, count) = Range(p, parts, m);
                    _parts[p].Prepare(x + first * nIn, count * nIn, y + first * nOut, count * nOut, count);
                    ThreadPool.UnsafeQueueUserWorkItem(_parts[p], preferLocal: false);
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

        cost = 0;
        for (int p = 0; p < parts; p++) cost += _parts[p].Cost * ((float)Range(p, parts, m).Count / m);
        Combine(gradients, parts, m);
        return cost;
    }

    /// <summary>Examples [first, first + count) of part p: the first m mod parts parts take one example more.</summary>
    private static (int First, int Count) Range(int p, int parts, int m)
    {
        int size = m / parts, extra = m % parts;
        return (p * size + Math.Min(p, extra), size + (p < extra ? 1 : 0));
    }

    /// <summary>gradients = Σ_p (m_p/m)·g_p, in part order.</summary>
    private void Combine(Span<float> gradients, int parts, int m)
    {
        int n = gradients.Length;
        ref float g = ref MemoryMarshal.GetReference(gradients);
        for (int p = 0; p < parts; p++)
        {
            float weight = (float)Range(p, parts, m).Count / m;
            ref float gp = ref MemoryMarshal.GetArrayDataReference(_parts[p].Gradients);
            int k = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                var w = Vector256.Create(weight);
                if (p == 0)
                    for (; k + 8 <= n; k += 8) (Vector256.LoadUnsafe(ref gp, (nuint)k) * w).StoreUnsafe(ref g, (nuint)k);
                else
                    for (; k + 8 <= n; k += 8)
                        Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref gp, (nuint)k), w, Vector256.LoadUnsafe(ref g, (nuint)k)).StoreUnsafe(ref g, (nuint)k);
            }
            for (; k < n; k++)
                Unsafe.Add(ref g, k) = p == 0
                    ? Unsafe.Add(ref gp, k) * weight
                    : MathF.FusedMultiplyAdd(Unsafe.Add(ref gp, k), weight, Unsafe.Add(ref g, k));
        }
    }

    /// <summary>One part of a batch: its slice of the pinned batch, its cache and gradients, and a completion signal (used when it runs on the pool).</summary>
    private sealed class Part(INetwork network) : IThreadPoolWorkItem
    {
        private readonly ManualResetEventSlim _done = new(false);
        private INetworkCache? _cache;
        private float* _x, _y;
        private int _xLength, _yLength;

        public float[] Gradients { get; } = new float[network.ParameterCount];
        public float Cost { get; private set; }
        public Exception? Error { get; private set; }

        public void Prepare(float* x, int xLength, float* y, int yLength, int examples)
        {
            _x = x;
            _xLength = xLength;
            _y = y;
            _yLength = yLength;
            if (_cache is null || _cache.Capacity < examples) _cache = network.CreateCache(examples);
            Error = null;
        }

        public void Execute()
        {
            try
            {
                Cost = network.ComputeGradients(new ReadOnlySpan<float>(_x, _xLength), new ReadOnlySpan<float>(_y, _yLength), Gradients, _cache!);
            }
            catch (Exception e)
            {
                Error = e;
            }
            finally
            {
                _done.Set();
            }
        }

        public void Wait()
        {
            _done.Wait();
            _done.Reset();
        }
    }
}
