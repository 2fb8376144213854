using System;
using System.Numerics.Tensors;

namespace NetGen.Benchmarks;

/// <summary>
/// Peer (d): the obvious hand-written MLP a competent user would build on
/// <see cref="TensorPrimitives"/> (System.Numerics.Tensors) instead of scalar loops. Nothing in it is NetGen's.
/// <list type="bullet">
/// <item>Batched, row-major: X and every layer's Z and A are m × n (one example per row); W[l] is out × in
/// (PyTorch's layout, as in <see cref="PlainMlp"/>), b[l] has out entries.</item>
/// <item>Forward: Z[i, j] = <c>Dot(W row j, A_prev row i)</c> + b[j]; the activation is one
/// TensorPrimitives call over the whole m × n block (<c>Max(z, 0)</c>, <c>Tanh</c>, <c>Sigmoid</c>) or
/// <c>SoftMax</c> per row.</item>
/// <item>Loss: dZ[L] = A − Y (the fused sigmoid + BCE and softmax + CE forms), the cost from Z (BCE, in the stable
/// form max(z, 0) − z·y + log(1 + e^−|z|)) or from A (CE, −Σ y·log a).</item>
/// <item>Backward: dW row j += dZ[i, j]·(A_prev row i) and dX row i += dZ[i, j]·(W row j), both as
/// <c>MultiplyAdd</c> axpys; db += dZ row i; dX is not computed for the first layer (dA0 is never needed);
/// g′ from the cached A (ReLU: 1 where a &gt; 0, sigmoid a(1 − a), tanh 1 − a²) with TensorPrimitives ops.</item>
/// <item>SGD: <c>MultiplyAdd(dW, −α/m, W, W)</c>, one call per parameter array.</item>
/// </list>
/// The loops put the unit outermost and the example innermost: one row of W (and of dW) stays in L1 while the
/// batch's rows stream past from L2, which is the cache-friendly order for these shapes (for W6 a weight matrix is
/// 4 MB and would not stay in L2 if it were streamed once per example). Every buffer is allocated in the
/// constructor: a step allocates nothing.
/// Same initialisation as <see cref="PlainMlp"/> (Glorot-uniform weights drawn in the same order from
/// <c>new Random(seed)</c>, zero biases), so with the same seed both start from identical parameters;
/// <see cref="SelfCheck"/> proves the two compute the same thing.
/// </summary>
public sealed class TensorPrimitivesMlp
{
    private readonly int[] _n;
    private readonly Activation[] _g;
    private readonly Loss _loss;
    private readonly int _maxM;
    // Index l = 1..L is layer l (index 0 unused, except _a[0] which is never stored: A0 is the caller's X).
    private readonly float[][] _w, _b, _dw, _db, _z, _a, _dz;
    private readonly float[] _lossScratch, _maskScratch;

    public TensorPrimitivesMlp(int[] sizes, Activation[] activations, Loss loss, int seed, int maxExamples)
    {
        if (loss == Loss.BinaryCrossEntropy && activations[^1] != Activation.Sigmoid) throw new ArgumentException("BCE needs a sigmoid output.");
        if (loss == Loss.CrossEntropy && activations[^1] != Activation.Softmax) throw new ArgumentException("CE needs a softmax output.");
        if (loss == Loss.MeanSquaredError) throw new NotSupportedException("The benchmark workloads use BCE and CE only.");
        _n = sizes;
        _g = activations;
        _loss = loss;
        _maxM = maxExamples;
        int layers = sizes.Length - 1;
        _w = new float[layers + 1][]; _b = new float[layers + 1][]; _dw = new float[layers + 1][]; _db = new float[layers + 1][];
        _z = new float[layers + 1][]; _a = new float[layers + 1][]; _dz = new float[layers + 1][];
        var rng = new Random(seed);
        int widest = 0;
        for (int l = 1; l <= layers; l++)
        {
            _w[l] = new float[sizes[l] * sizes[l - 1]]; _dw[l] = new float[_w[l].Length];
            _b[l] = new float[sizes[l]]; _db[l] = new float[sizes[l]];
            _z[l] = new float[maxExamples * sizes[l]]; _a[l] = new float[maxExamples * sizes[l]]; _dz[l] = new float[maxExamples * sizes[l]];
            // Exactly PlainMlp's draw: Glorot uniform, row-major out × in, biases zero.
            float r = MathF.Sqrt(6f / (sizes[l] + sizes[l - 1]));
            for (int k = 0; k < _w[l].Length; k++) _w[l][k] = (float)(rng.NextDouble() * 2 - 1) * r;
            if (l < layers) widest = Math.Max(widest, sizes[l]);
        }
        _lossScratch = new float[maxExamples * sizes[layers]];
        _maskScratch = new float[maxExamples * Math.Max(widest, 1)];
    }

    /// <summary>Ŷ (m × nOut) for the m rows of <paramref name="x"/>.</summary>
    public void Forward(ReadOnlySpan<float> x, Span<float> output, int m)
    {
        ForwardBatch(x, m, output[..(m * _n[^1])]);
    }

    /// <summary>One training step on m examples: forward, loss, backward, θ ← θ − (α/m)·Σ∇. Returns the mean cost.</summary>
    public float Step(ReadOnlySpan<float> x, ReadOnlySpan<float> y, int m, float learningRate)
    {
        int L = _n.Length - 1, nOut = _n[L];
        ForwardBatch(x, m, _a[L].AsSpan(0, m * nOut));

        // Loss and dZ[L] = A[L] − Y, over the whole m × nOut block at once.
        ReadOnlySpan<float> aL = _a[L].AsSpan(0, m * nOut), zL = _z[L].AsSpan(0, m * nOut), yL = y[..(m * nOut)];
        Span<float> t = _lossScratch.AsSpan(0, m * nOut);
        float cost;
        if (_loss == Loss.BinaryCrossEntropy)
        {
            // Σ max(z, 0) − z·y + log(1 + e^−|z|)
            TensorPrimitives.Abs(zL, t);
            TensorPrimitives.Negate(t, t);
            TensorPrimitives.Exp(t, t);
            TensorPrimitives.LogP1(t, t);
            cost = TensorPrimitives.Sum<float>(t) - TensorPrimitives.Dot(zL, yL);
            TensorPrimitives.Max(zL, 0f, t);
            cost += TensorPrimitives.Sum<float>(t);
        }
        else
        {
            // −Σ y·log a (a clamped away from 0 as PlainMlp does, so a zero probability gives a large finite cost)
            TensorPrimitives.Max(aL, 1e-30f, t);
            TensorPrimitives.Log(t, t);
            cost = -TensorPrimitives.Dot(yL, t);
        }
        TensorPrimitives.Subtract(aL, yL, _dz[L].AsSpan(0, m * nOut));

        for (int l = L; l >= 1; l--)
        {
            int nIn = _n[l - 1], units = _n[l];
            ReadOnlySpan<float> aPrev = l == 1 ? x[..(m * nIn)] : _a[l - 1].AsSpan(0, m * nIn);
            ReadOnlySpan<float> dz = _dz[l].AsSpan(0, m * units);
            float[] w = _w[l], dw = _dw[l];
            Span<float> dzPrev = l > 1 ? _dz[l - 1].AsSpan(0, m * nIn) : default;
            for (int j = 0; j < units; j++)
            {
                ReadOnlySpan<float> wRow = w.AsSpan(j * nIn, nIn);
                Span<float> dwRow = dw.AsSpan(j * nIn, nIn);
                for (int i = 0; i < m; i++)
                {
                    float d = dz[i * units + j];
                    ReadOnlySpan<float> aRow = aPrev.Slice(i * nIn, nIn);
                    // The first term writes (no separate pass to clear dW or dX), the rest accumulate.
                    if (i == 0) TensorPrimitives.Multiply(aRow, d, dwRow);
                    else TensorPrimitives.MultiplyAdd(aRow, d, dwRow, dwRow);
                    if (l > 1)
                    {
                        Span<float> dxRow = dzPrev.Slice(i * nIn, nIn);
                        if (j == 0) TensorPrimitives.Multiply(wRow, d, dxRow);
                        else TensorPrimitives.MultiplyAdd(wRow, d, dxRow, dxRow);
                    }
                }
            }
            // db = Σ_i dZ row i
            Span<float> db = _db[l];
            dz[..units].CopyTo(db);
            for (int i = 1; i < m; i++) TensorPrimitives.Add(db, dz.Slice(i * units, units), db);
            // dZ[l−1] = dA[l−1] ⊙ g′(Z[l−1]), g′ from the cached A[l−1].
            if (l > 1) ApplyDerivative(_g[l - 2], _a[l - 1].AsSpan(0, m * nIn), dzPrev, _maskScratch.AsSpan(0, m * nIn));
        }

        // Plain SGD, fused: θ ← (−α/m)·∇ + θ.
        float scale = -learningRate / m;
        for (int l = 1; l <= L; l++)
        {
            TensorPrimitives.MultiplyAdd(_dw[l], scale, _w[l], _w[l]);
            TensorPrimitives.MultiplyAdd(_db[l], scale, _b[l], _b[l]);
        }
        return cost / m;
    }

    /// <summary>Z[l] and A[l] for every layer; the last layer's A goes to <paramref name="output"/>.</summary>
    private void ForwardBatch(ReadOnlySpan<float> x, int m, Span<float> output)
    {
        if (m > _maxM) throw new ArgumentOutOfRangeException(nameof(m));
        int L = _n.Length - 1;
        for (int l = 1; l <= L; l++)
        {
            int nIn = _n[l - 1], units = _n[l];
            ReadOnlySpan<float> aPrev = l == 1 ? x[..(m * nIn)] : _a[l - 1].AsSpan(0, m * nIn);
            Span<float> z = _z[l].AsSpan(0, m * units), a = l == L ? output : _a[l].AsSpan(0, m * units);
            float[] w = _w[l], b = _b[l];
            for (int j = 0; j < units; j++)
            {
                ReadOnlySpan<float> wRow = w.AsSpan(j * nIn, nIn);
                float bj = b[j];
                for (int i = 0; i < m; i++) z[i * units + j] = TensorPrimitives.Dot(wRow, aPrev.Slice(i * nIn, nIn)) + bj;
            }
            switch (_g[l - 1])
            {
                case Activation.ReLU: TensorPrimitives.Max(z, 0f, a); break;
                case Activation.Sigmoid: TensorPrimitives.Sigmoid(z, a); break;
                case Activation.Tanh: TensorPrimitives.Tanh(z, a); break;
                case Activation.Softmax:
                    for (int i = 0; i < m; i++) TensorPrimitives.SoftMax(z.Slice(i * units, units), a.Slice(i * units, units));
                    break;
                case Activation.Identity: z.CopyTo(a); break;
                default: throw new NotSupportedException(_g[l - 1].ToString());
            }
        }
    }

    /// <summary>dz ← dz ⊙ g′, with g′ computed from a = g(z) into <paramref name="scratch"/>.</summary>
    private static void ApplyDerivative(Activation g, ReadOnlySpan<float> a, Span<float> dz, Span<float> scratch)
    {
        switch (g)
        {
            case Activation.ReLU:
                // a = max(z, 0) ≥ 0, so ⌈min(a, 1)⌉ is exactly 1 where z > 0 and 0 elsewhere.
                TensorPrimitives.Min(a, 1f, scratch);
                TensorPrimitives.Ceiling<float>(scratch, scratch);
                break;
            case Activation.Sigmoid:
                TensorPrimitives.Subtract(1f, a, scratch); // 1 − a
                TensorPrimitives.Multiply(scratch, a, scratch); // a(1 − a)
                break;
            case Activation.Tanh:
                TensorPrimitives.Multiply(a, a, scratch); // a²
                TensorPrimitives.Subtract(1f, scratch, scratch); // 1 − a²
                break;
            case Activation.Identity:
                return;
            default:
                throw new NotSupportedException(g.ToString());
        }
        TensorPrimitives.Multiply(dz, scratch, dz);
    }

    /// <summary>
    /// Proves the peer right before anything is timed: a <see cref="TensorPrimitivesMlp"/> and a <see cref="PlainMlp"/>
    /// built with the same seed must give the same outputs (within 1e-4) and the same cost for two training steps in
    /// a row (within 1e-4, relative; the second step's cost depends on the first step's update) and the same outputs
    /// after them. Throws on a mismatch; returns a one-line report.
    /// </summary>
    public static string SelfCheck(string id, int[] sizes, Activation[] activations, Loss loss, int m, int seed, float learningRate)
    {
        var tp = new TensorPrimitivesMlp(sizes, activations, loss, seed, m);
        var plain = new PlainMlp(sizes, activations, loss, seed);
        float[] x = Synthetic.Inputs(m, sizes[0], seed), y = Synthetic.Targets(m, sizes[^1], seed);
        float[] outTp = new float[m * sizes[^1]], outPlain = new float[outTp.Length];
        float worstOut = 0, worstCost = 0;
        void CompareOutputs(string when)
        {
            tp.Forward(x, outTp, m);
            plain.Forward(x, outPlain, m);
            for (int k = 0; k < outTp.Length; k++)
            {
                float e = MathF.Abs(outTp[k] - outPlain[k]);
                worstOut = MathF.Max(worstOut, e);
                if (!(e <= 1e-4f)) throw new InvalidOperationException($"{id}: TensorPrimitives peer output {k} {when} is {outTp[k]}, plain loop {outPlain[k]}.");
            }
        }
        CompareOutputs("before training");
        for (int s = 0; s < 2; s++)
        {
            float cTp = tp.Step(x, y, m, learningRate), cPlain = plain.Step(x, y, m, learningRate);
            float e = MathF.Abs(cTp - cPlain) / MathF.Max(1f, MathF.Abs(cPlain));
            worstCost = MathF.Max(worstCost, e);
            if (!(e <= 1e-4f)) throw new InvalidOperationException($"{id}: TensorPrimitives peer cost at step {s + 1} is {cTp}, plain loop {cPlain}.");
        }
        CompareOutputs("after two steps");
        return FormattableString.Invariant($"{id}: TP peer = plain loop (m = {m}): outputs within {worstOut:G2}, costs within {worstCost:G2} (relative)");
    }

    /// <summary>
    /// <see cref="SelfCheck"/> on every workload's network, seed and loss (W4/W5 share W3's network, so W3's check
    /// covers their forward pass); W3 and W6 with 8 and 4 examples, which take the same code paths as their full
    /// batches in a fraction of the plain loop's time.
    /// </summary>
    public static void CheckAllWorkloads(Action<string> report)
    {
        report(SelfCheck("W1", W1_Tiny_TrainStep_m4.Sizes, [Activation.Tanh, Activation.Sigmoid], Loss.BinaryCrossEntropy, W1_Tiny_TrainStep_m4.M, 1, 0.01f));
        report(SelfCheck("W2", W2_Small_TrainStep_m32.Sizes, [Activation.ReLU, Activation.ReLU, Activation.Sigmoid], Loss.BinaryCrossEntropy, W2_Small_TrainStep_m32.M, 2, 0.01f));
        report(SelfCheck("W3–W5", Mnist.Sizes, Mnist.Activations, Loss.CrossEntropy, 8, 3, 0.001f));
        report(SelfCheck("W6", W6_Wide_TrainStep_m128.Sizes, [Activation.ReLU, Activation.ReLU, Activation.Softmax], Loss.CrossEntropy, 4, 6, 0.001f));
    }
}
