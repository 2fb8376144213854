using System;

namespace NetGen.Benchmarks;

/// <summary>
/// Peer (a): the seeds' for-loop version. One example at a time, plain scalar float loops over arrays,
/// the activation chosen by a switch, gradients accumulated per example and averaged, then plain SGD.
/// Nothing is specialised, blocked or vectorised by hand; it allocates nothing per step.
/// </summary>
public sealed class PlainMlp
{
    private readonly int[] _n;
    private readonly Activation[] _g;
    private readonly Loss _loss;
    private readonly float[][] _w, _b, _dw, _db, _z, _a, _dz;

    public PlainMlp(int[] sizes, Activation[] activations, Loss loss, int seed)
    {
        _n = sizes;
        _g = activations;
        _loss = loss;
        int layers = sizes.Length - 1;
        _w = new float[layers + 1][]; _b = new float[layers + 1][]; _dw = new float[layers + 1][]; _db = new float[layers + 1][];
        _z = new float[layers + 1][]; _a = new float[layers + 1][]; _dz = new float[layers + 1][];
        var rng = new Random(seed);
        _a[0] = new float[sizes[0]];
        for (int l = 1; l <= layers; l++)
        {
            _w[l] = new float[sizes[l] * sizes[l - 1]]; _dw[l] = new float[_w[l].Length];
            _b[l] = new float[sizes[l]]; _db[l] = new float[sizes[l]];
            _z[l] = new float[sizes[l]]; _a[l] = new float[sizes[l]]; _dz[l] = new float[sizes[l]];
            float r = MathF.Sqrt(6f / (sizes[l] + sizes[l - 1]));
            for (int k = 0; k < _w[l].Length; k++) _w[l][k] = (float)(rng.NextDouble() * 2 - 1) * r;
        }
    }

    /// <summary>Ŷ for m examples, one at a time.</summary>
    public void Forward(float[] x, float[] output, int m)
    {
        int L = _n.Length - 1, nIn = _n[0], nOut = _n[L];
        for (int i = 0; i < m; i++)
        {
            ForwardOne(x, i * nIn);
            for (int j = 0; j < nOut; j++) output[i * nOut + j] = _a[L][j];
        }
    }

    /// <summary>One training step: per example forward and backward, then θ ← θ − α·(1/m)·Σ ∇. Returns J.</summary>
    public float Step(float[] x, float[] y, int m, float learningRate)
    {
        int L = _n.Length - 1, nIn = _n[0], nOut = _n[L];
        for (int l = 1; l <= L; l++) { Array.Clear(_dw[l]); Array.Clear(_db[l]); }
        float cost = 0f;
        for (int i = 0; i < m; i++)
        {
            ForwardOne(x, i * nIn);
            // Cost and dZ[L] = A[L] − Y (sigmoid + BCE and softmax + CE are the fused forms).
            for (int j = 0; j < nOut; j++)
            {
                float a = _a[L][j], t = y[i * nOut + j], z = _z[L][j];
                if (_loss == Loss.BinaryCrossEntropy) cost += MathF.Max(z, 0f) - z * t + MathF.Log(1f + MathF.Exp(-MathF.Abs(z)));
                else if (t != 0f) cost -= t * MathF.Log(MathF.Max(a, 1e-30f));
                _dz[L][j] = a - t;
            }
            for (int l = L; l >= 1; l--)
            {
                int cols = _n[l - 1], rows = _n[l];
                float[] dz = _dz[l], aPrev = _a[l - 1], dw = _dw[l], db = _db[l], w = _w[l];
                for (int j = 0; j < rows; j++)
                {
                    db[j] += dz[j];
                    for (int k = 0; k < cols; k++) dw[j * cols + k] += dz[j] * aPrev[k];
                }
                if (l > 1)
                {
                    float[] dzPrev = _dz[l - 1], zPrev = _z[l - 1];
                    for (int k = 0; k < cols; k++)
                    {
                        float s = 0f;
                        for (int j = 0; j < rows; j++) s += w[j * cols + k] * dz[j];
                        dzPrev[k] = s * Derivative(_g[l - 2], zPrev[k], _a[l - 1][k]);
                    }
                }
            }
        }
        float step = learningRate / m;
        for (int l = 1; l <= L; l++)
        {
            float[] w = _w[l], dw = _dw[l], b = _b[l], db = _db[l];
            for (int k = 0; k < w.Length; k++) w[k] -= step * dw[k];
            for (int j = 0; j < b.Length; j++) b[j] -= step * db[j];
        }
        return cost / m;
    }

    private void ForwardOne(float[] x, int offset)
    {
        int L = _n.Length - 1;
        float[] a0 = _a[0];
        for (int k = 0; k < _n[0]; k++) a0[k] = x[offset + k];
        for (int l = 1; l <= L; l++)
        {
            int cols = _n[l - 1], rows = _n[l];
            float[] w = _w[l], b = _b[l], aPrev = _a[l - 1], z = _z[l], a = _a[l];
            for (int j = 0; j < rows; j++)
            {
                float s = b[j];
                for (int k = 0; k < cols; k++) s += w[j * cols + k] * aPrev[k];
                z[j] = s;
            }
            Activation g = _g[l - 1];
            if (g == Activation.Softmax)
            {
                float max = float.NegativeInfinity, sum = 0f;
                for (int j = 0; j < rows; j++) max = MathF.Max(max, z[j]);
                for (int j = 0; j < rows; j++) { a[j] = MathF.Exp(z[j] - max); sum += a[j]; }
                for (int j = 0; j < rows; j++) a[j] /= sum;
            }
            else
                for (int j = 0; j < rows; j++) a[j] = Apply(g, z[j]);
        }
    }

    private static float Apply(Activation g, float z) => g switch
    {
        Activation.ReLU => z > 0f ? z : 0f,
        Activation.LeakyReLU => z > 0f ? z : 0.01f * z,
        Activation.Sigmoid => 1f / (1f + MathF.Exp(-z)),
        Activation.Tanh => MathF.Tanh(z),
        _ => z,
    };

    /// <summary>g′ from z (ReLU family) or from the cached a = g(z) (sigmoid, tanh).</summary>
    private static float Derivative(Activation g, float z, float a) => g switch
    {
        Activation.ReLU => z > 0f ? 1f : 0f,
        Activation.LeakyReLU => z > 0f ? 1f : 0.01f,
        Activation.Sigmoid => a * (1f - a),
        Activation.Tanh => 1f - a * a,
        _ => 1f,
    };
}
