using System;
using System.Globalization;
using NetGen.Kernels;
using static NetGen.Benchmarks.ConvQuick;

namespace NetGen.Benchmarks;

/// <summary>
/// <c>-- --quick LeNetParts</c>: the generated LeNet network's kernel calls one by one, in the order and at the shapes
/// its Forward and training step make them (forward at m = 1 and 256, the backward pass at m = 64), so the time of
/// each piece is measured, not estimated. The optimiser's update is timed over the network's 61 706 parameters.
/// </summary>
internal static class LeNetParts
{
    private readonly struct N10 : IDim { public static int Value => 10; }
    private readonly struct N84 : IDim { public static int Value => 84; }
    private readonly struct N120 : IDim { public static int Value => 120; }
    private readonly struct N400 : IDim { public static int Value => 400; }

    public static void Run(Func<Func<float>, double> measure)
    {
        float[] w1 = Synthetic.Inputs(6, 25, 1), b1 = new float[6], w3 = Synthetic.Inputs(16, 150, 2), b3 = new float[16];
        float[] w6 = Synthetic.Inputs(120, 400, 3), b6 = new float[120], w7 = Synthetic.Inputs(84, 120, 4), b7 = new float[84];
        float[] w8 = Synthetic.Inputs(10, 84, 5), b8 = new float[10];
        foreach (int m in new[] { 1, 64, 256 })
        {
            float[] x = Synthetic.Inputs(m, 784, 6), z1 = new float[m * 4704], a1 = new float[m * 4704], a2 = new float[m * 1176];
            float[] z3 = new float[m * 1600], a3 = new float[m * 1600], a4 = new float[m * 400], z6 = new float[m * 120], a6 = new float[m * 120];
            float[] z7 = new float[m * 84], a7 = new float[m * 84], z8 = new float[m * 10], a8 = new float[m * 10];
            var parts = new (string Name, Func<float> Run)[]
            {
                ("conv 1 forward", () => { Convolution.Forward<LeNet1, ReLU>(x, w1, b1, z1, a1, m); return a1[0]; }),
                ("max pool forward", () => { Pooling.MaxForward<Pool1>(a1, a2, m); return a2[0]; }),
                ("conv 2 forward", () => { Convolution.Forward<LeNet2, ReLU>(a2, w3, b3, z3, a3, m); return a3[0]; }),
                ("average pool forward", () => { Pooling.AvgForward<Pool2>(a3, a4, m); return a4[0]; }),
                ("dense 400 → 120", () => { Dense.Forward<N400, N120, ReLU>(a4, w6, b6, z6, a6, m); return a6[0]; }),
                ("dense 120 → 84", () => { Dense.Forward<N120, N84, ReLU>(a6, w7, b7, z7, a7, m); return a7[0]; }),
                ("dense 84 → 10 + softmax", () => { Dense.Affine<N84, N10>(a7, w8, b8, z8, m); Softmax.Forward<N10>(z8, a8, m); return a8[0]; }),
            };
            Show($"forward, m = {m}", parts, measure);
            if (m != 64) continue;

            float[] y = new float[m * 10], dz8 = new float[m * 10], dz7 = new float[m * 84], dz6 = new float[m * 120], dz4 = new float[m * 400];
            float[] dz3 = new float[m * 1600], dz2 = new float[m * 1176], dz1 = new float[m * 4704];
            for (int i = 0; i < m; i++) y[i * 10 + i % 10] = 1;
            float[] g = new float[61706];
            Span<float> G(int offset, int length) => g.AsSpan(offset, length);
            var optimizer = new Adam(1e-3f);
            float[] parameters = Synthetic.Inputs(1, 61706, 7);
            var backward = new (string Name, Func<float> Run)[]
            {
                ("loss + dense 84 → 10 backward", () => { float c = Losses.SoftmaxCrossEntropy<N10>(z8, a8, y, dz8, m);
                    Dense.BackwardWeights<N84, N10>(dz8, a7, G(0, 840), G(840, 10), m);
                    Dense.BackwardInputFromOutput<N84, N10, ReLU>(dz8, w8, a7, dz7, m); return c + dz7[0]; }),
                ("dense 120 → 84 backward", () => { Dense.BackwardWeights<N120, N84>(dz7, a6, G(850, 10080), G(10930, 84), m);
                    Dense.BackwardInputFromOutput<N120, N84, ReLU>(dz7, w7, a6, dz6, m); return dz6[0]; }),
                ("dense 400 → 120 backward", () => { Dense.BackwardWeights<N400, N120>(dz6, a4, G(11014, 48000), G(59014, 120), m);
                    Dense.BackwardInputFromOutput<N400, N120, Identity>(dz6, w6, a4, dz4, m); return dz4[0]; }),
                ("average pool backward", () => { Pooling.AvgBackward<Pool2, ReLU>(dz4, z3, dz3, m); return dz3[0]; }),
                ("conv 2 dW", () => { Convolution.BackwardWeights<LeNet2>(dz3, a2, G(59134, 2400), G(61534, 16), m); return g[59134]; }),
                ("conv 2 dX", () => { Convolution.BackwardInput<LeNet2, Identity>(dz3, w3, a2, dz2, m); return dz2[0]; }),
                ("max pool backward", () => { Pooling.MaxBackward<Pool1, ReLU>(dz2, a1, z1, dz1, m); return dz1[0]; }),
                ("conv 1 dW", () => { Convolution.BackwardWeights<LeNet1>(dz1, x, G(61550, 150), G(61700, 6), m); return g[61550]; }),
                ("Adam update", () => { optimizer.Step(parameters, g); return parameters[0]; }),
            };
            Show($"backward and update, m = {m}", backward, measure);
        }
    }

    private static void Show(string title, (string Name, Func<float> Run)[] parts, Func<Func<float>, double> measure)
    {
        var ns = new double[parts.Length];
        for (int k = 0; k < parts.Length; k++) ns[k] = measure(parts[k].Run);
        double total = 0;
        foreach (double t in ns) total += t;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"LeNet {title}: {total / 1e3:F2} µs in all"));
        for (int k = 0; k < parts.Length; k++)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {parts[k].Name,-32} {ns[k] / 1e3,10:F2} µs {100 * ns[k] / total,5:F1} %"));
    }
}
