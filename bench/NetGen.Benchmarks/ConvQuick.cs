using System;
using System.Globalization;
using NetGen.Kernels;

namespace NetGen.Benchmarks;

/// <summary>
/// <c>-- --quick Conv</c>: the convolution and pooling kernels alone on the LeNet-style network's layers (1×28×28 →
/// Conv 6@5×5 p2 → MaxPool 2 → Conv 16@5×5 → AvgPool 2), forward at m = 1 and 256 and each backward product at m = 64,
/// in real FLOPs (2·m·F·P·Q per product) and as a share of the peak given.
/// </summary>
internal static class ConvQuick
{
    internal readonly struct LeNet1 : IConvolution
    {
        public static int Channels => 1; public static int Height => 28; public static int Width => 28; public static int Filters => 6;
        public static int KernelHeight => 5; public static int KernelWidth => 5; public static int StrideHeight => 1; public static int StrideWidth => 1;
        public static int PaddingHeight => 2; public static int PaddingWidth => 2;
    }

    internal readonly struct LeNet2 : IConvolution
    {
        public static int Channels => 6; public static int Height => 14; public static int Width => 14; public static int Filters => 16;
        public static int KernelHeight => 5; public static int KernelWidth => 5; public static int StrideHeight => 1; public static int StrideWidth => 1;
        public static int PaddingHeight => 0; public static int PaddingWidth => 0;
    }

    internal readonly struct Pool1 : IPooling
    {
        public static int Channels => 6; public static int Height => 28; public static int Width => 28;
        public static int SizeHeight => 2; public static int SizeWidth => 2; public static int StrideHeight => 2; public static int StrideWidth => 2;
    }

    internal readonly struct Pool2 : IPooling
    {
        public static int Channels => 16; public static int Height => 10; public static int Width => 10;
        public static int SizeHeight => 2; public static int SizeWidth => 2; public static int StrideHeight => 2; public static int StrideWidth => 2;
    }

    public static void Run(Func<Func<float>, double> measure, double peak)
    {
        Layer<LeNet1>("Conv 1×28×28→6×28×28 k5 p2", measure, peak);
        Layer<LeNet2>("Conv 6×14×14→16×10×10 k5", measure, peak);
        const int m = 64;
        float[] x = Synthetic.Inputs(m, 6 * 784, 1), a = new float[m * 6 * 196], d = new float[m * 6 * 784];
        Show("MaxPool 6×28×28 → 6×14×14, forward", m, measure(() => { Pooling.MaxForward<Pool1>(x, a, m); return a[0]; }), 0, peak);
        Show("MaxPool 6×28×28 → 6×14×14, backward", m, measure(() => { Pooling.MaxBackward<Pool1, ReLU>(a, x, x, d, m); return d[0]; }), 0, peak);
        Show("AvgPool 6×28×28 → 6×14×14, forward", m, measure(() => { Pooling.AvgForward<Pool1>(x, a, m); return a[0]; }), 0, peak);
        Show("AvgPool 6×28×28 → 6×14×14, backward", m, measure(() => { Pooling.AvgBackward<Pool1, ReLU>(a, x, d, m); return d[0]; }), 0, peak);
    }

    private static void Layer<T>(string name, Func<Func<float>, double> measure, double peak) where T : struct, IConvolution
    {
        int inSize = T.Channels * T.Height * T.Width, p = Convolution.OutputHeight<T>() * Convolution.OutputWidth<T>();
        int q = T.Channels * T.KernelHeight * T.KernelWidth, outSize = T.Filters * p;
        float[] w = Synthetic.Inputs(T.Filters, q, 2), b = new float[T.Filters], dw = new float[w.Length], db = new float[T.Filters];
        foreach (int m in new[] { 1, 256 })
        {
            float[] x = Synthetic.Inputs(m, inSize, 1), z = new float[m * outSize];
            double flops = 2.0 * m * T.Filters * p * q;
            Show($"{name}, forward", m, measure(() => { Convolution.Forward<T, ReLU>(x, w, b, z, z, m); return z[0]; }), flops, peak);
        }
        {
            const int m = 64;
            float[] x = Synthetic.Inputs(m, inSize, 1), dz = Synthetic.Inputs(m, outSize, 3), dx = new float[m * inSize];
            double flops = 2.0 * m * T.Filters * p * q;
            Show($"{name}, dW", m, measure(() => { Convolution.BackwardWeights<T>(dz, x, dw, db, m); return dw[0]; }), flops, peak);
            Show($"{name}, dX", m, measure(() => { Convolution.BackwardInput<T, ReLU>(dz, w, x, dx, m); return dx[0]; }), flops, peak);
        }
    }

    private static void Show(string what, int m, double ns, double flops, double peak)
    {
        string rate = flops > 0 ? string.Create(CultureInfo.InvariantCulture, $"{flops / ns,8:F1} GFLOP/s {100 * flops / ns / peak,5:F0} %") : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what,-46} m={m,-4} {ns / 1e3,10:F2} µs  {rate}"));
    }
}
