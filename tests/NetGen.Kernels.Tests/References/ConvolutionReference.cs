using System;
using System.ComponentModel;

namespace NetGen.Kernels;

/// <summary>
/// Plain loops for the convolution and pooling layers, straight from the definitions (PyTorch's <c>Conv2d</c>,
/// <c>MaxPool2d</c>, <c>AvgPool2d</c>), with run-time sizes: what the tests compare <see cref="Convolution"/> and
/// <see cref="Pooling"/> with. Layouts as there; the shape is (C, H, W) in, F filters of KH × KW, strides, paddings.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ConvolutionReference
{
    /// <summary>A convolution's or pooling window's geometry.</summary>
    public readonly record struct Shape(int Channels, int Height, int Width, int KernelHeight, int KernelWidth,
        int StrideHeight = 1, int StrideWidth = 1, int PaddingHeight = 0, int PaddingWidth = 0)
    {
        /// <summary>⌊(H + 2·padding − KH) / stride⌋ + 1.</summary>
        public int OutputHeight => (Height + 2 * PaddingHeight - KernelHeight) / StrideHeight + 1;
        /// <summary>⌊(W + 2·padding − KW) / stride⌋ + 1.</summary>
        public int OutputWidth => (Width + 2 * PaddingWidth - KernelWidth) / StrideWidth + 1;
        /// <summary>C·H·W.</summary>
        public int InputSize => Channels * Height * Width;
    }

    /// <summary>z[i, f, oy, ox] = b[f] + Σ_{c, ky, kx} w[f, c, ky, kx]·x[i, c, oy·s + ky − p, ox·s + kx − p] (0 outside).</summary>
    public static void Forward(Shape s, int filters, ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> z, int m)
    {
        int oh = s.OutputHeight, ow = s.OutputWidth;
        for (int i = 0; i < m; i++)
            for (int f = 0; f < filters; f++)
                for (int oy = 0; oy < oh; oy++)
                    for (int ox = 0; ox < ow; ox++)
                    {
                        float sum = b[f];
                        for (int c = 0; c < s.Channels; c++)
                            for (int ky = 0; ky < s.KernelHeight; ky++)
                                for (int kx = 0; kx < s.KernelWidth; kx++)
                                {
                                    int iy = oy * s.StrideHeight + ky - s.PaddingHeight, ix = ox * s.StrideWidth + kx - s.PaddingWidth;
                                    if (iy < 0 || iy >= s.Height || ix < 0 || ix >= s.Width) continue;
                                    sum += w[((f * s.Channels + c) * s.KernelHeight + ky) * s.KernelWidth + kx]
                                         * x[((i * s.Channels + c) * s.Height + iy) * s.Width + ix];
                                }
                        z[((i * filters + f) * oh + oy) * ow + ox] = sum;
                    }
    }

    /// <summary>dw[f, c, ky, kx] = Σ_{i, oy, ox} dz[i, f, oy, ox]·x[i, c, oy·s + ky − p, ox·s + kx − p]; db[f] = Σ dz[i, f, ·, ·].</summary>
    public static void BackwardWeights(Shape s, int filters, ReadOnlySpan<float> dz, ReadOnlySpan<float> x, Span<float> dw, Span<float> db, int m)
    {
        int oh = s.OutputHeight, ow = s.OutputWidth;
        dw.Slice(0, filters * s.Channels * s.KernelHeight * s.KernelWidth).Clear();
        db.Slice(0, filters).Clear();
        for (int i = 0; i < m; i++)
            for (int f = 0; f < filters; f++)
                for (int oy = 0; oy < oh; oy++)
                    for (int ox = 0; ox < ow; ox++)
                    {
                        float g = dz[((i * filters + f) * oh + oy) * ow + ox];
                        db[f] += g;
                        for (int c = 0; c < s.Channels; c++)
                            for (int ky = 0; ky < s.KernelHeight; ky++)
                                for (int kx = 0; kx < s.KernelWidth; kx++)
                                {
                                    int iy = oy * s.StrideHeight + ky - s.PaddingHeight, ix = ox * s.StrideWidth + kx - s.PaddingWidth;
                                    if (iy < 0 || iy >= s.Height || ix < 0 || ix >= s.Width) continue;
                                    dw[((f * s.Channels + c) * s.KernelHeight + ky) * s.KernelWidth + kx] += g * x[((i * s.Channels + c) * s.Height + iy) * s.Width + ix];
                                }
                    }
    }

    /// <summary>dzPrev[i, c, y, x] = (Σ over the outputs whose window covers (y, x) of dz·w) · g′(zPrev[i, c, y, x]).</summary>
    public static void BackwardInput<TActPrev>(Shape s, int filters, ReadOnlySpan<float> dz, ReadOnlySpan<float> w, ReadOnlySpan<float> zPrev, Span<float> dzPrev, int m)
        where TActPrev : struct, IActivation
    {
        int oh = s.OutputHeight, ow = s.OutputWidth;
        dzPrev.Slice(0, m * s.InputSize).Clear();
        for (int i = 0; i < m; i++)
            for (int f = 0; f < filters; f++)
                for (int oy = 0; oy < oh; oy++)
                    for (int ox = 0; ox < ow; ox++)
                    {
                        float g = dz[((i * filters + f) * oh + oy) * ow + ox];
                        for (int c = 0; c < s.Channels; c++)
                            for (int ky = 0; ky < s.KernelHeight; ky++)
                                for (int kx = 0; kx < s.KernelWidth; kx++)
                                {
                                    int iy = oy * s.StrideHeight + ky - s.PaddingHeight, ix = ox * s.StrideWidth + kx - s.PaddingWidth;
                                    if (iy < 0 || iy >= s.Height || ix < 0 || ix >= s.Width) continue;
                                    dzPrev[((i * s.Channels + c) * s.Height + iy) * s.Width + ix] += g * w[((f * s.Channels + c) * s.KernelHeight + ky) * s.KernelWidth + kx];
                                }
                    }
        for (int k = 0; k < m * s.InputSize; k++) dzPrev[k] *= TActPrev.Derivative(zPrev[k]);
    }

    /// <summary>Max pooling (no padding): a = the window's maximum; the index chosen as PyTorch does (first on ties).</summary>
    public static void MaxPool(Shape s, ReadOnlySpan<float> x, Span<float> a, Span<int> argMax, int m)
    {
        int oh = s.OutputHeight, ow = s.OutputWidth;
        for (int i = 0; i < m; i++)
            for (int c = 0; c < s.Channels; c++)
                for (int oy = 0; oy < oh; oy++)
                    for (int ox = 0; ox < ow; ox++)
                    {
                        float max = float.NegativeInfinity;
                        int best = ((i * s.Channels + c) * s.Height + oy * s.StrideHeight) * s.Width + ox * s.StrideWidth;
                        for (int ky = 0; ky < s.KernelHeight; ky++)
                            for (int kx = 0; kx < s.KernelWidth; kx++)
                            {
                                int k = ((i * s.Channels + c) * s.Height + oy * s.StrideHeight + ky) * s.Width + ox * s.StrideWidth + kx;
                                if (x[k] > max || float.IsNaN(x[k])) { max = x[k]; best = k; }
                            }
                        int o = ((i * s.Channels + c) * oh + oy) * ow + ox;
                        a[o] = x[best];
                        argMax[o] = best;
                    }
    }

    /// <summary>Average pooling (no padding): a = the mean of the window's KH·KW values.</summary>
    public static void AvgPool(Shape s, ReadOnlySpan<float> x, Span<float> a, int m)
    {
        int oh = s.OutputHeight, ow = s.OutputWidth;
        for (int i = 0; i < m; i++)
            for (int c = 0; c < s.Channels; c++)
                for (int oy = 0; oy < oh; oy++)
                    for (int ox = 0; ox < ow; ox++)
                    {
                        double sum = 0;
                        for (int ky = 0; ky < s.KernelHeight; ky++)
                            for (int kx = 0; kx < s.KernelWidth; kx++)
                                sum += x[((i * s.Channels + c) * s.Height + oy * s.StrideHeight + ky) * s.Width + ox * s.StrideWidth + kx];
                        a[((i * s.Channels + c) * oh + oy) * ow + ox] = (float)(sum / (s.KernelHeight * s.KernelWidth));
                    }
    }
}
