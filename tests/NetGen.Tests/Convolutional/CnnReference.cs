using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Tests.Convolutional;

/// <summary>One layer of a reference network (test-side description of the attributes).</summary>
internal abstract record Spec;
internal sealed record ConvSpec(int Filters, int Kernel, Activation G, int Stride = 1, int Padding = 0, double Slope = 0.01) : Spec;
internal sealed record PoolSpec(bool Max, int Size, int Stride) : Spec;
internal sealed record FlattenSpec : Spec;
internal sealed record DenseSpec(int Units, Activation G, double Slope = 0.01) : Spec;

/// <summary>
/// A plain double-precision CNN written for the tests from PyTorch's definitions (Conv2d/Conv1d as a correlation over
/// zero padding, MaxPool/AvgPool without padding, floor; NCHW per example), sharing no code with the runtime.
/// A 1-D shape is (C, 1, L). Parameters in NetGen's layout: each parameterised layer's W then b.
/// </summary>
internal sealed class CnnReference(int channels, int height, int width, bool oneDimensional, Loss loss, Spec[] layers)
{
    public Loss Loss { get; } = loss;

    public int ParameterCount
    {
        get
        {
            int c = channels, h = height, w = width, count = 0;
            foreach (var layer in layers)
            {
                switch (layer)
                {
                    case ConvSpec conv:
                        int kh = oneDimensional ? 1 : conv.Kernel;
                        count += conv.Filters * c * kh * conv.Kernel + conv.Filters;
                        (c, h, w) = (conv.Filters, oneDimensional ? 1 : (h + 2 * conv.Padding - conv.Kernel) / conv.Stride + 1, (w + 2 * conv.Padding - conv.Kernel) / conv.Stride + 1);
                        break;
                    case PoolSpec pool:
                        (h, w) = (oneDimensional ? 1 : (h - pool.Size) / pool.Stride + 1, (w - pool.Size) / pool.Stride + 1);
                        break;
                    case FlattenSpec:
                        (c, h, w) = (c * h * w, 1, 1);
                        break;
                    case DenseSpec dense:
                        count += dense.Units * c * h * w + dense.Units;
                        (c, h, w) = (dense.Units, 1, 1);
                        break;
                }
            }
            return count;
        }
    }

    /// <summary>The output of one example.</summary>
    public double[] Forward(ReadOnlySpan<double> p, ReadOnlySpan<double> x)
    {
        double[] a = x.ToArray();
        int c = channels, h = height, w = width, offset = 0;
        foreach (var layer in layers)
        {
            switch (layer)
            {
                case ConvSpec conv:
                {
                    int kh = oneDimensional ? 1 : conv.Kernel, kw = conv.Kernel, ph = oneDimensional ? 0 : conv.Padding, pw = conv.Padding;
                    int sh = oneDimensional ? 1 : conv.Stride, sw = conv.Stride;
                    int oh = (h + 2 * ph - kh) / sh + 1, ow = (w + 2 * pw - kw) / sw + 1;
                    int wOffset = offset, bOffset = offset + conv.Filters * c * kh * kw;
                    var z = new double[conv.Filters * oh * ow];
                    for (int f = 0; f < conv.Filters; f++)
                        for (int oy = 0; oy < oh; oy++)
                            for (int ox = 0; ox < ow; ox++)
                            {
                                double sum = p[bOffset + f];
                                for (int ch = 0; ch < c; ch++)
                                    for (int ky = 0; ky < kh; ky++)
                                        for (int kx = 0; kx < kw; kx++)
                                        {
                                            int y = oy * sh - ph + ky, xx = ox * sw - pw + kx;
                                            if (y < 0 || y >= h || xx < 0 || xx >= w) continue;
                                            sum += p[wOffset + ((f * c + ch) * kh + ky) * kw + kx] * a[(ch * h + y) * w + xx];
                                        }
                                z[(f * oh + oy) * ow + ox] = sum;
                            }
                    offset = bOffset + conv.Filters;
                    a = z.Select(v => ReferenceNetwork.Activate(conv.G, v, conv.Slope)).ToArray();
                    (c, h, w) = (conv.Filters, oh, ow);
                    break;
                }
                case PoolSpec pool:
                {
                    int kh = oneDimensional ? 1 : pool.Size, sh = oneDimensional ? 1 : pool.Stride;
                    int oh = (h - kh) / sh + 1, ow = (w - pool.Size) / pool.Stride + 1;
                    var next = new double[c * oh * ow];
                    for (int ch = 0; ch < c; ch++)
                        for (int oy = 0; oy < oh; oy++)
                            for (int ox = 0; ox < ow; ox++)
                            {
                                double best = double.NegativeInfinity, sum = 0;
                                for (int ky = 0; ky < kh; ky++)
                                    for (int kx = 0; kx < pool.Size; kx++)
                                    {
                                        double v = a[(ch * h + oy * sh + ky) * w + ox * pool.Stride + kx];
                                        best = Math.Max(best, v);
                                        sum += v;
                                    }
                                next[(ch * oh + oy) * ow + ox] = pool.Max ? best : sum / (kh * pool.Size);
                            }
                    a = next;
                    (h, w) = (oh, ow);
                    break;
                }
                case FlattenSpec:
                    (c, h, w) = (c * h * w, 1, 1);
                    break;
                case DenseSpec dense:
                {
                    int n = c * h * w;
                    var z = new double[dense.Units];
                    for (int j = 0; j < dense.Units; j++)
                    {
                        double sum = p[offset + dense.Units * n + j];
                        for (int k = 0; k < n; k++) sum += p[offset + j * n + k] * a[k];
                        z[j] = sum;
                    }
                    offset += dense.Units * n + dense.Units;
                    if (dense.G == Activation.Softmax)
                    {
                        double max = z.Max();
                        double total = z.Sum(v => Math.Exp(v - max));
                        a = z.Select(v => Math.Exp(v - max) / total).ToArray();
                    }
                    else
                    {
                        a = z.Select(v => ReferenceNetwork.Activate(dense.G, v, dense.Slope)).ToArray();
                    }
                    (c, h, w) = (dense.Units, 1, 1);
                    break;
                }
            }
        }
        return a;
    }

    /// <summary>J = 1/m Σ L(ŷ, y) over a batch.</summary>
    public double Cost(ReadOnlySpan<double> p, double[] x, double[] y, int m)
    {
        int inSize = x.Length / m, outSize = y.Length / m;
        double total = 0;
        for (int i = 0; i < m; i++)
        {
            double[] a = Forward(p, x.AsSpan(i * inSize, inSize));
            for (int k = 0; k < outSize; k++)
            {
                double t = y[i * outSize + k];
                total += Loss switch
                {
                    Loss.BinaryCrossEntropy => -(t * Math.Log(a[k]) + (1 - t) * Math.Log(1 - a[k])),
                    Loss.CrossEntropy => -t * Math.Log(a[k]),
                    _ => 0.5 * (a[k] - t) * (a[k] - t),
                };
            }
        }
        return total / m;
    }
}
