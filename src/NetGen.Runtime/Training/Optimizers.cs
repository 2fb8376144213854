using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NetGen.Kernels;

namespace NetGen;

/// <summary>
/// Updates parameters from gradients. One call per training step (never per layer): parameters and
/// gradients are the network's single contiguous buffers. State (velocities, moments) is allocated on
/// the first step for that parameter count and reused; <see cref="Reset"/> clears it.
/// </summary>
public abstract class Optimizer
{
    /// <summary>Creates an optimiser.</summary>
    /// <param name="learningRate">Step size α (positive, finite).</param>
    /// <param name="weightDecay">L2 penalty λ ≥ 0: the gradient used is g + λθ (coupled L2; applies to all parameters).</param>
    protected Optimizer(float learningRate, float weightDecay)
    {
        if (!(learningRate > 0f) || float.IsInfinity(learningRate))
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate must be positive and finite.");
        if (!(weightDecay >= 0f) || float.IsInfinity(weightDecay))
            throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "The weight decay must be zero or positive and finite.");
        LearningRate = learningRate;
        WeightDecay = weightDecay;
    }

    /// <summary>Step size α.</summary>
    public float LearningRate { get; set; }

    /// <summary>L2 weight decay λ.</summary>
    public float WeightDecay { get; }

    /// <summary>Number of steps taken since creation or <see cref="Reset"/>.</summary>
    public long Steps { get; private set; }

    /// <summary>Applies one update θ ← θ − step(g).</summary>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        if (gradients.Length != parameters.Length)
            throw new ArgumentException($"Expected length {parameters.Length} (one gradient per parameter) but the length is {gradients.Length}.", nameof(gradients));
        Steps++;
        Update(parameters, gradients);
    }

    /// <summary>Forgets all state (moments, step count).</summary>
    public virtual void Reset() => Steps = 0;

    /// <summary>The update rule.</summary>
    protected abstract void Update(Span<float> parameters, ReadOnlySpan<float> gradients);

    /// <summary>
    /// Whether <see cref="UpdateSlice"/> is implemented, so that a step's update can be shared between threads, each
    /// updating its own slice of the parameters (a multi-threaded <see cref="Trainer"/> uses this; otherwise one thread
    /// updates them all).
    /// </summary>
    protected internal virtual bool CanUpdateSlices => false;

    /// <summary>Allocates the state for <paramref name="total"/> parameters, so slices can then be updated concurrently.</summary>
    protected internal virtual void PrepareSlices(int total)
    {
    }

    /// <summary>
    /// The update rule on the slice <c>[offset, offset + parameters.Length)</c> of <paramref name="total"/> parameters,
    /// with that slice's state. Concurrent calls on disjoint slices of one step are safe after <see cref="PrepareSlices"/>.
    /// </summary>
    protected internal virtual void UpdateSlice(Span<float> parameters, ReadOnlySpan<float> gradients, int offset, int total) =>
        throw new NotSupportedException($"{GetType().Name} does not update slices.");

    /// <summary>Counts one step whose update is then applied slice by slice with <see cref="UpdateSlice"/>.</summary>
    internal void BeginSlicedStep(int total)
    {
        PrepareSlices(total);
        Steps++;
    }

    /// <summary>Returns state storage of the right length, allocating it on first use.</summary>
    protected static float[] State(ref float[]? state, int length)
    {
        if (state is null || state.Length != length) state = new float[length];
        return state;
    }
}

/// <summary>Plain gradient descent: θ ← θ − α (g + λθ).</summary>
public sealed class GradientDescent(float learningRate, float weightDecay = 0f) : Optimizer(learningRate, weightDecay)
{
    /// <inheritdoc/>
    protected override void Update(Span<float> p, ReadOnlySpan<float> g) => UpdateSlice(p, g, 0, p.Length);

    /// <inheritdoc/>
    protected internal override bool CanUpdateSlices => true;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected internal override void UpdateSlice(Span<float> p, ReadOnlySpan<float> g, int offset, int total)
    {
        float lr = LearningRate, wd = WeightDecay;
        ref float p0 = ref MemoryMarshal.GetReference(p);
        ref float g0 = ref MemoryMarshal.GetReference(g);
        int n = p.Length;
        int k = Vector256.IsHardwareAccelerated ? Update<Vector256<float>, Width256>(ref p0, ref g0, n, lr, wd)
            : Vector128.IsHardwareAccelerated ? Update<Vector128<float>, Width128>(ref p0, ref g0, n, lr, wd)
            : 0;
        for (; k < n; k++)
        {
            float pv = Unsafe.Add(ref p0, k);
            Unsafe.Add(ref p0, k) = pv - lr * (Unsafe.Add(ref g0, k) + wd * pv);
        }
    }

    /// <summary>The update a vector at a time; returns how many values were done.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Update<TV, TW>(ref float p0, ref float g0, int n, float lr, float wd) where TV : struct where TW : struct, IVectorWidth<TV>
    {
        var vlr = TW.Create(-lr); var vwd = TW.Create(wd);
        int k = 0, c = TW.Count;
        for (; k + c <= n; k += c)
        {
            var pv = TW.Load(ref p0, (nuint)k);
            var gv = TW.MultiplyAdd(vwd, pv, TW.Load(ref g0, (nuint)k));
            TW.Store(TW.MultiplyAdd(vlr, gv, pv), ref p0, (nuint)k);
        }
        return k;
    }
}

/// <summary>SGD with momentum: v ← βv + (g + λθ); θ ← θ − αv.</summary>
public sealed class Momentum(float learningRate, float beta = 0.9f, float weightDecay = 0f) : Optimizer(learningRate, weightDecay)
{
    private float[]? _velocity;

    /// <summary>Momentum coefficient β.</summary>
    public float Beta { get; } = beta is >= 0f and < 1f ? beta : throw new ArgumentOutOfRangeException(nameof(beta), beta, "β must be in [0, 1).");

    /// <inheritdoc/>
    public override void Reset() { base.Reset(); if (_velocity is not null) Array.Clear(_velocity); }

    /// <inheritdoc/>
    protected override void Update(Span<float> p, ReadOnlySpan<float> g)
    {
        PrepareSlices(p.Length);
        UpdateSlice(p, g, 0, p.Length);
    }

    /// <inheritdoc/>
    protected internal override bool CanUpdateSlices => true;

    /// <inheritdoc/>
    protected internal override void PrepareSlices(int total) => State(ref _velocity, total);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected internal override void UpdateSlice(Span<float> p, ReadOnlySpan<float> g, int offset, int total)
    {
        float lr = LearningRate, wd = WeightDecay, beta = Beta;
        ref float p0 = ref MemoryMarshal.GetReference(p);
        ref float g0 = ref MemoryMarshal.GetReference(g);
        ref float v0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(State(ref _velocity, total)), offset);
        int n = p.Length;
        int k = Vector256.IsHardwareAccelerated ? Update<Vector256<float>, Width256>(ref p0, ref g0, ref v0, n, lr, wd, beta)
            : Vector128.IsHardwareAccelerated ? Update<Vector128<float>, Width128>(ref p0, ref g0, ref v0, n, lr, wd, beta)
            : 0;
        for (; k < n; k++)
        {
            float pv = Unsafe.Add(ref p0, k);
            float vv = beta * Unsafe.Add(ref v0, k) + Unsafe.Add(ref g0, k) + wd * pv;
            Unsafe.Add(ref v0, k) = vv;
            Unsafe.Add(ref p0, k) = pv - lr * vv;
        }
    }

    /// <summary>The update a vector at a time; returns how many values were done.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Update<TV, TW>(ref float p0, ref float g0, ref float v0, int n, float lr, float wd, float beta)
        where TV : struct where TW : struct, IVectorWidth<TV>
    {
        var vlr = TW.Create(-lr); var vwd = TW.Create(wd); var vb = TW.Create(beta);
        int k = 0, c = TW.Count;
        for (; k + c <= n; k += c)
        {
            var pv = TW.Load(ref p0, (nuint)k);
            var gv = TW.MultiplyAdd(vwd, pv, TW.Load(ref g0, (nuint)k));
            var vv = TW.MultiplyAdd(vb, TW.Load(ref v0, (nuint)k), gv);
            TW.Store(vv, ref v0, (nuint)k);
            TW.Store(TW.MultiplyAdd(vlr, vv, pv), ref p0, (nuint)k);
        }
        return k;
    }
}

/// <summary>
/// Adam (Kingma &amp; Ba) with bias correction and optional coupled L2 weight decay:
/// g ← g + λθ; m ← β1 m + (1−β1) g; v ← β2 v + (1−β2) g²; θ ← θ − α m̂ / (√v̂ + ε).
/// </summary>
public sealed class Adam(float learningRate = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f, float weightDecay = 0f)
    : Optimizer(learningRate, weightDecay)
{
    private float[]? _m, _v;

    /// <summary>β1.</summary>
    public float Beta1 { get; } = beta1 is >= 0f and < 1f ? beta1 : throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "β1 must be in [0, 1).");
    /// <summary>β2.</summary>
    public float Beta2 { get; } = beta2 is >= 0f and < 1f ? beta2 : throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "β2 must be in [0, 1).");
    /// <summary>ε.</summary>
    public float Epsilon { get; } = epsilon > 0f ? epsilon : throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "ε must be positive.");

    /// <inheritdoc/>
    public override void Reset()
    {
        base.Reset();
        if (_m is not null) Array.Clear(_m);
        if (_v is not null) Array.Clear(_v);
    }

    /// <inheritdoc/>
    protected override void Update(Span<float> p, ReadOnlySpan<float> g)
    {
        PrepareSlices(p.Length);
        UpdateSlice(p, g, 0, p.Length);
    }

    /// <inheritdoc/>
    protected internal override bool CanUpdateSlices => true;

    /// <inheritdoc/>
    protected internal override void PrepareSlices(int total)
    {
        State(ref _m, total);
        State(ref _v, total);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected internal override void UpdateSlice(Span<float> p, ReadOnlySpan<float> g, int offset, int total)
    {
        float[] m = State(ref _m, total), v = State(ref _v, total);
        float b1 = Beta1, b2 = Beta2, wd = WeightDecay, eps = Epsilon;
        // Bias corrections folded into the step: α_t = α √(1−β2^t) / (1−β1^t), ε scaled to match.
        double c1 = 1 - Math.Pow(b1, Steps), c2 = 1 - Math.Pow(b2, Steps);
        float lrT = (float)(LearningRate * Math.Sqrt(c2) / c1);
        float epsT = (float)(eps * Math.Sqrt(c2));
        ref float p0 = ref MemoryMarshal.GetReference(p);
        ref float g0 = ref MemoryMarshal.GetReference(g);
        ref float m0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(m), offset);
        ref float v0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(v), offset);
        int n = p.Length;
        int k = Vector256.IsHardwareAccelerated ? Update<Vector256<float>, Width256>(ref p0, ref g0, ref m0, ref v0, n, b1, b2, wd, lrT, epsT)
            : Vector128.IsHardwareAccelerated ? Update<Vector128<float>, Width128>(ref p0, ref g0, ref m0, ref v0, n, b1, b2, wd, lrT, epsT)
            : 0;
        for (; k < n; k++)
        {
            float pv = Unsafe.Add(ref p0, k);
            float gv = Unsafe.Add(ref g0, k) + wd * pv;
            float mv = b1 * Unsafe.Add(ref m0, k) + (1 - b1) * gv;
            float vv = b2 * Unsafe.Add(ref v0, k) + (1 - b2) * gv * gv;
            Unsafe.Add(ref m0, k) = mv;
            Unsafe.Add(ref v0, k) = vv;
            Unsafe.Add(ref p0, k) = pv - lrT * mv / (MathF.Sqrt(vv) + epsT);
        }
    }

    /// <summary>The update a vector at a time; returns how many values were done.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Update<TV, TW>(ref float p0, ref float g0, ref float m0, ref float v0, int n, float b1, float b2, float wd, float lrT, float epsT)
        where TV : struct where TW : struct, IVectorWidth<TV>
    {
        var vb1 = TW.Create(b1); var vb1c = TW.Create(1 - b1);
        var vb2 = TW.Create(b2); var vb2c = TW.Create(1 - b2);
        var vwd = TW.Create(wd); var vlr = TW.Create(lrT); var veps = TW.Create(epsT);
        int k = 0, c = TW.Count;
        for (; k + c <= n; k += c)
        {
            var pv = TW.Load(ref p0, (nuint)k);
            var gv = TW.MultiplyAdd(vwd, pv, TW.Load(ref g0, (nuint)k));
            var mv = TW.MultiplyAdd(vb1, TW.Load(ref m0, (nuint)k), TW.Multiply(vb1c, gv));
            var vv = TW.MultiplyAdd(vb2, TW.Load(ref v0, (nuint)k), TW.Multiply(TW.Multiply(vb2c, gv), gv));
            TW.Store(mv, ref m0, (nuint)k);
            TW.Store(vv, ref v0, (nuint)k);
            TW.Store(TW.Subtract(pv, TW.Divide(TW.Multiply(vlr, mv), TW.Add(TW.Sqrt(vv), veps))), ref p0, (nuint)k);
        }
        return k;
    }
}
