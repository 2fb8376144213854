using System;
using System.Globalization;
using System.Runtime.Intrinsics;
using NetGen.Kernels;

namespace NetGen.Benchmarks;

/// <summary><c>-- --quick Kernels</c>: each big layer product alone, in real FLOPs (2·m·in·out per product).</summary>
internal static class KernelQuick
{
    private readonly struct N1 : IDim { public static int Value => 1; }
    private readonly struct N2 : IDim { public static int Value => 2; }
    private readonly struct N4 : IDim { public static int Value => 4; }
    private readonly struct N8 : IDim { public static int Value => 8; }
    private readonly struct N10 : IDim { public static int Value => 10; }
    private readonly struct N64 : IDim { public static int Value => 64; }
    private readonly struct N128 : IDim { public static int Value => 128; }
    private readonly struct N784 : IDim { public static int Value => 784; }
    private readonly struct N1024 : IDim { public static int Value => 1024; }

    public static void Run(Func<Func<float>, double> measure, double peak)
    {
        Layer<N784, N128>(1, measure, peak);
        Layer<N128, N64>(1, measure, peak);
        Layer<N784, N128>(64, measure, peak);
        Layer<N128, N64>(64, measure, peak);
        Layer<N1024, N1024>(128, measure, peak);
        Layer<N1024, N128>(128, measure, peak);
        Layer<N784, N1024>(128, measure, peak);
        Layer<N1024, N10>(128, measure, peak);
    }

    /// <summary>Forward 784→128, m = 64 with X at a chosen byte offset from a 64-byte boundary (W aligned, as Parameters is).</summary>
    public static void Alignment(Func<Func<float>, double> measure)
    {
        const int m = 64, nIn = 784, nOut = 128;
        foreach (int offsetFloats in new[] { 0, 1, 4, 8, 12, 0, 4 })
        {
            float[] wBuf = GC.AllocateArray<float>(nOut * nIn + 64, pinned: true), xBuf = GC.AllocateArray<float>(m * nIn + 64, pinned: true);
            int wOff = AlignedStart(wBuf), xOff = AlignedStart(xBuf) + offsetFloats;
            Synthetic.Inputs(nOut, nIn, 2).CopyTo(wBuf, wOff);
            Synthetic.Inputs(m, nIn, 1).CopyTo(xBuf, xOff);
            float[] b = new float[nOut], a = new float[m * nOut];
            double ns = measure(() => { Dense.Forward<N784, N128, ReLU>(xBuf.AsSpan(xOff, m * nIn), wBuf.AsSpan(wOff, nOut * nIn), b, a, a, m); return a[0]; });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Forward 784→128 m=64, X {offsetFloats * 4,2} B past a 64-byte boundary: {ns / 1e3,8:F2} µs"));
        }
    }

    private static unsafe int AlignedStart(float[] array)
    {
        fixed (float* p = array) return (int)((64 - ((nuint)p & 63)) & 63) / 4;
    }

    /// <summary>The optimiser step alone on each network's parameter buffer (it streams p and g once).</summary>
    public static void Sgd(Func<Func<float>, double> measure)
    {
        var sgd = new GradientDescent(1e-6f);
        foreach (var (name, p) in new (string, float[])[] { ("SmallNet", new float[SmallNet.ParameterCount]), ("MnistNet", new float[MnistNet.ParameterCount]), ("WideNet", new float[WideNet.ParameterCount]) })
        {
            var g = new float[p.Length];
            double ns = measure(() => { sgd.Step(p, g); return p[0]; });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  GradientDescent.Step {name,-9} {p.Length,9} params {ns / 1e3,9:F2} µs"));
        }
    }

    /// <summary>W3's step split in two, piece by piece: each half alone, and the whole split step (wall clock).</summary>
    public static void Split(Func<Func<float>, double> measure)
    {
        var net = new MnistNet(3);
        float[] x = Synthetic.Inputs(64, 784, 3), y = Synthetic.Targets(64, 10, 3), g = new float[MnistNet.ParameterCount];
        var cache = new MnistNet.Cache(64);
        void Show(string what, double ns) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what,-44} {ns / 1e3,9:F2} µs"));
        Show("ComputeGradients, m = 64", measure(() => net.ComputeGradients(x, y, g, cache)));
        Show("ComputeGradients, m = 32", measure(() => net.ComputeGradients(x.AsSpan(0, 32 * 784), y.AsSpan(0, 320), g, cache)));
        var sgd = new GradientDescent(1e-6f);
        Show("GradientDescent.Step", measure(() => { sgd.Step(net.Parameters, g); return 0; }));
        var trainer = net.CreateTrainer(new GradientDescent(1e-6f), threads: 2);
        Show("Trainer.Step, 2 threads (this thread's CPU time)", measure(() => trainer.Step(x, y)));
    }

    /// <summary>Where W1's training step spends its time, piece by piece (ns per call).</summary>
    public static void Tiny(Func<Func<float>, double> measure)
    {
        const int m = 4;
        var net = new TinyNet(1);
        var sgd = new GradientDescent(0.01f);
        float[] x = Synthetic.Inputs(m, 2, 1), y = Synthetic.Targets(m, 1, 1), g = new float[TinyNet.ParameterCount];
        float[] z1 = new float[m * 4], a1 = new float[m * 4], z2 = new float[m], a2 = new float[m], dz2 = new float[m], dz1 = new float[m * 4];
        float[] p = net.Parameters.ToArray();
        void Show(string what, double ns) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what,-40} {ns,8:F1} ns"));
        Show("ComputeGradients + SGD step", measure(() => { float c = net.ComputeGradients(x, y, g); sgd.Step(net.Parameters, g); return c; }));
        Show("ComputeGradients", measure(() => net.ComputeGradients(x, y, g)));
        Show("GradientDescent.Step (17 params)", measure(() => { sgd.Step(net.Parameters, g); return 0; }));
        Show("Forward<2,4,Tanh> (z, a)", measure(() => { Dense.Forward<N2, N4, Tanh>(x, p.AsSpan(0, 8), p.AsSpan(8, 4), z1, a1, m); return a1[0]; }));
        Show("Forward<4,1,Sigmoid> (z, a)", measure(() => { Dense.Forward<N4, N1, Sigmoid>(a1, p.AsSpan(12, 4), p.AsSpan(16, 1), z2, a2, m); return a2[0]; }));
        Show("Losses.SigmoidBinaryCrossEntropy<1>", measure(() => Losses.SigmoidBinaryCrossEntropy<N1>(z2, a2, y, dz2, m)));
        var cache = new TinyNet.Cache(m); float[] o4 = new float[m];
        Show("Forward(x, ŷ, cache) (generated, unrolled)", measure(() => { net.Forward(x, o4, cache); return o4[0]; }));
        Show("Backward(cache, y, g) (generated, unrolled)", measure(() => net.Backward(cache, y, g)));
        Show("ComputeGradients(x, y, g, cache)", measure(() => net.ComputeGradients(x, y, g, cache)));
        Show("Forward(x, ŷ) (inference)", measure(() => { net.Forward(x, o4); return o4[0]; }));
        Show("Activate<Tanh> (16 values)", measure(() => { Dense.Activate<Tanh>(z1, a1); return a1[0]; }));
        Show("Activate<Sigmoid> (4 values)", measure(() => { Dense.Activate<Sigmoid>(z2, a2); return a2[0]; }));
        Show("Activate<Sigmoid> (8 values)", measure(() => { Dense.Activate<Sigmoid>(z1.AsSpan(0, 8), a1); return a1[0]; }));
        Show("BackwardWeights<4,1>", measure(() => { Dense.BackwardWeights<N4, N1>(dz2, a1, g.AsSpan(12, 4), g.AsSpan(16, 1), m); return g[12]; }));
        Show("BackwardInput<4,1,Tanh>", measure(() => { Dense.BackwardInput<N4, N1, Tanh>(dz2, p.AsSpan(12, 4), z1, dz1, m); return dz1[0]; }));
        var v = System.Runtime.Intrinsics.Vector256.Create(0.3f, -1.2f, 2.5f, 0.01f, -0.7f, 4f, -3f, 0.5f);
        Show("Tanh.Apply(Vector256) (8 values)", measure(() => Tanh.Apply(v).ToScalar()));
        Show("Sigmoid.Apply(Vector256) (8 values)", measure(() => Sigmoid.Apply(v).ToScalar()));
        Show("Vector256.Exp (8 values)", measure(() => System.Runtime.Intrinsics.Vector256.Exp(v).ToScalar()));
        Show("Vector256.Log (8 values)", measure(() => System.Runtime.Intrinsics.Vector256.Log(v).ToScalar()));
        Show("BackwardInputFromOutput<4,1,Tanh>", measure(() => { Dense.BackwardInputFromOutput<N4, N1, Tanh>(dz2, p.AsSpan(12, 4), a1, dz1, m); return dz1[0]; }));
        Show("BackwardWeights<2,4>", measure(() => { Dense.BackwardWeights<N2, N4>(dz1, x, g.AsSpan(0, 8), g.AsSpan(8, 4), m); return g[0]; }));
    }

    /// <summary>W4 (784-128-64-10 forward, m = 1) piece by piece, with the network's own (aligned) parameters.</summary>
    public static void W4Parts(Func<Func<float>, double> measure)
    {
        var net = new MnistNet(4);
        float[] x = Synthetic.Inputs(1, 784, 4), y = new float[10], a1 = new float[128], a2 = new float[64], a3 = new float[10];
        int o2 = 128 * 784 + 128, o3 = o2 + 64 * 128 + 64;
        void Show(string what, double ns) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what,-52} {ns / 1e3,9:F3} µs"));
        Show("net.Forward, m = 1", measure(() => { net.Forward(x, y); return y[0]; }));
        Show("L1 784->128", measure(() => { ReadOnlySpan<float> p = net.Parameters; Dense.Forward<N784, N128, ReLU>(x, p.Slice(0, 128 * 784), p.Slice(128 * 784, 128), a1, a1, 1); return a1[0]; }));
        Show("L2 128->64", measure(() => { ReadOnlySpan<float> p = net.Parameters; Dense.Forward<N128, N64, ReLU>(a1, p.Slice(o2, 64 * 128), p.Slice(o2 + 64 * 128, 64), a2, a2, 1); return a2[0]; }));
        Show("L3 64->10 + softmax", measure(() => { ReadOnlySpan<float> p = net.Parameters; Dense.Affine<N64, N10>(a2, p.Slice(o3, 640), p.Slice(o3 + 640, 10), a3, 1); Softmax.Forward<N10>(a3, y, 1); return y[0]; }));
    }

    /// <summary>W3 (784-128-64-10 training step, m = 64) piece by piece, the kernels in the order the generated step calls them.</summary>
    public static void W3Parts(Func<Func<float>, double> measure)
    {
        const int m = 64;
        var net = new MnistNet(4);
        float[] x = Synthetic.Inputs(m, 784, 4), y = Synthetic.Targets(m, 10, 5), g = new float[net.Parameters.Length];
        float[] z1 = new float[m * 128], a1 = new float[m * 128], z2 = new float[m * 64], a2 = new float[m * 64];
        float[] z3 = new float[m * 10], a3 = new float[m * 10], dz3 = new float[m * 10], dz2 = new float[m * 64], dz1 = new float[m * 128];
        int o2 = 128 * 784 + 128, o3 = o2 + 64 * 128 + 64;
        ReadOnlySpan<float> P() => net.Parameters;
        void Show(string what, double ns) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what,-52} {ns / 1e3,9:F2} µs"));
        Show("net.ComputeGradients, m = 64", measure(() => net.ComputeGradients(x, y, g)));
        Show("L1 forward 784->128 ReLU", measure(() => { var p = P(); Dense.Forward<N784, N128, ReLU>(x, p.Slice(0, 128 * 784), p.Slice(128 * 784, 128), z1, a1, m); return a1[0]; }));
        Show("L2 forward 128->64 ReLU", measure(() => { var p = P(); Dense.Forward<N128, N64, ReLU>(a1, p.Slice(o2, 64 * 128), p.Slice(o2 + 64 * 128, 64), z2, a2, m); return a2[0]; }));
        Show("L3 affine 64->10 + softmax", measure(() => { var p = P(); Dense.Affine<N64, N10>(a2, p.Slice(o3, 640), p.Slice(o3 + 640, 10), z3, m); Softmax.Forward<N10>(z3, a3, m); return a3[0]; }));
        Show("softmax cross-entropy", measure(() => Losses.SoftmaxCrossEntropy<N10>(z3, a3, y, dz3, m)));
        Show("L3 dW, db", measure(() => { Dense.BackwardWeights<N64, N10>(dz3, a2, g.AsSpan(o3, 640), g.AsSpan(o3 + 640, 10), m); return g[o3]; }));
        Show("L3 dA2 ⊙ ReLU′", measure(() => { Dense.BackwardInputFromOutput<N64, N10, ReLU>(dz3, P().Slice(o3, 640), a2, dz2, m); return dz2[0]; }));
        Show("L2 dW, db", measure(() => { Dense.BackwardWeights<N128, N64>(dz2, a1, g.AsSpan(o2, 64 * 128), g.AsSpan(o2 + 64 * 128, 64), m); return g[o2]; }));
        Show("L2 dA1 ⊙ ReLU′", measure(() => { Dense.BackwardInputFromOutput<N128, N64, ReLU>(dz2, P().Slice(o2, 64 * 128), a1, dz1, m); return dz1[0]; }));
        Show("L1 dW, db", measure(() => { Dense.BackwardWeights<N784, N128>(dz1, x, g.AsSpan(0, 128 * 784), g.AsSpan(128 * 784, 128), m); return g[0]; }));
    }

    /// <summary>W5 (784-128-64-10 forward, m = 256) piece by piece: where the time of one call goes.</summary>
    public static void W5Parts(Func<Func<float>, double> measure)
    {
        const int m = 256, c = 64;
        var net = new MnistNet(4);
        float[] x = Synthetic.Inputs(m, 784, 4), y = new float[m * 10];
        float[] a1 = new float[m * 128], a2 = new float[m * 64], a3 = new float[m * 10];
        ReadOnlySpan<float> P() => net.Parameters;
        void Show(string what, double ns) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what,-52} {ns / 1e3,9:F2} µs"));
        Show("net.Forward, m = 256", measure(() => { net.Forward(x, y); return y[0]; }));
        Show("net.Forward, m = 64 (first chunk) x4", 4 * measure(() => { net.Forward(x.AsSpan(0, c * 784), y.AsSpan(0, c * 10)); return y[0]; }));
        Show("L1 784->128 over 4 distinct chunks of 64", measure(() =>
        {
            var p = P();
            for (int f = 0; f < m; f += c) Dense.Forward<N784, N128, ReLU>(x.AsSpan(f * 784, c * 784), p.Slice(0, 128 * 784), p.Slice(128 * 784, 128), a1.AsSpan(f * 128, c * 128), a1.AsSpan(f * 128, c * 128), c);
            return a1[0];
        }));
        Show("L1 784->128 same chunk of 64 x4", measure(() =>
        {
            var p = P();
            for (int f = 0; f < m; f += c) Dense.Forward<N784, N128, ReLU>(x.AsSpan(0, c * 784), p.Slice(0, 128 * 784), p.Slice(128 * 784, 128), a1.AsSpan(f * 128, c * 128), a1.AsSpan(f * 128, c * 128), c);
            return a1[0];
        }));
        Show("L1 784->128 one call m = 256", measure(() =>
        {
            var p = P();
            Dense.Forward<N784, N128, ReLU>(x, p.Slice(0, 128 * 784), p.Slice(128 * 784, 128), a1, a1, m);
            return a1[0];
        }));
        {
            // One 3 × 8 block's worth of work with W and X in L1, repeated: the kernel's own ceiling.
            float[] xs = Synthetic.Inputs(21, 784, 1), ws = Synthetic.Inputs(8, 784, 2), bs = new float[8], zs = new float[21 * 8];
            double flops = 2.0 * 21 * 784 * 8;
            double ns = measure(() => { Dense.Forward<N784, N8, ReLU>(xs, ws, bs, zs, zs, 21); return zs[0]; });
            Show(string.Create(CultureInfo.InvariantCulture, $"L1-resident 784->8, m = 21 ({flops / ns:F0} GFLOP/s)"), ns);
            float[] xl = Synthetic.Inputs(64, 784, 1);
            float[] zl = new float[64 * 8];
            flops = 2.0 * 64 * 784 * 8;
            ns = measure(() => { Dense.Forward<N784, N8, ReLU>(xl, ws, bs, zl, zl, 63); return zl[0]; });
            Show(string.Create(CultureInfo.InvariantCulture, $"784->8, m = 63, X in L2 ({flops * 63 / 64 / ns:F0} GFLOP/s)"), ns);
        }
        int o2 = 128 * 784 + 128, o3 = o2 + 64 * 128 + 64;
        Show("L2 128->64 x4 chunks of 64", measure(() =>
        {
            var p = P();
            for (int f = 0; f < m; f += c) Dense.Forward<N128, N64, ReLU>(a1.AsSpan(f * 128, c * 128), p.Slice(o2, 64 * 128), p.Slice(o2 + 64 * 128, 64), a2.AsSpan(f * 64, c * 64), a2.AsSpan(f * 64, c * 64), c);
            return a2[0];
        }));
        Show("L3 64->10 Affine x4 chunks of 64", measure(() =>
        {
            var p = P();
            for (int f = 0; f < m; f += c) Dense.Affine<N64, N10>(a2.AsSpan(f * 64, c * 64), p.Slice(o3, 640), p.Slice(o3 + 640, 10), a3.AsSpan(f * 10, c * 10), c);
            return a3[0];
        }));
        Show("Softmax<10> x4 chunks of 64", measure(() =>
        {
            for (int f = 0; f < m; f += c) Softmax.Forward<N10>(a3.AsSpan(f * 10, c * 10), y.AsSpan(f * 10, c * 10), c);
            return y[0];
        }));
    }

    private static void Layer<TIn, TOut>(int m, Func<Func<float>, double> measure, double peak) where TIn : struct, IDim where TOut : struct, IDim
    {
        int nIn = TIn.Value, nOut = TOut.Value;
        float[] x = Synthetic.Inputs(m, nIn, 1), w = Synthetic.Inputs(nOut, nIn, 2), b = new float[nOut];
        float[] z = new float[m * nOut], a = new float[m * nOut], dz = Synthetic.Inputs(m, nOut, 3), dw = new float[nOut * nIn], db = new float[nOut], dx = new float[m * nIn];
        double flops = 2.0 * m * nIn * nOut;
        void Show(string what, double ns) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {what,-16} {nIn,5}→{nOut,-5} m={m,-4} {ns / 1e3,9:F2} µs {flops / ns,7:F1} GFLOP/s {100 * flops / ns / peak,5:F0} %"));
        Show("Forward ReLU", measure(() => { Dense.Forward<TIn, TOut, ReLU>(x, w, b, z, a, m); return a[0]; }));
        Show("BackwardWeights", measure(() => { Dense.BackwardWeights<TIn, TOut>(dz, x, dw, db, m); return dw[0]; }));
        Show("BackwardInput", measure(() => { Dense.BackwardInput<TIn, TOut, ReLU>(dz, w, x, dx, m); return dx[0]; }));
    }
}
