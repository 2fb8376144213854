using System;
using System.Linq;
using NetGen.Kernels;
using Xunit;
using Shape = NetGen.Kernels.ConvolutionReference.Shape;

namespace NetGen.Kernels.Tests;

// Convolution shapes as generated networks would declare them: C, H, W, F, KH, KW, strides, paddings.
public readonly struct ConvBasic : IConvolution   // 1×5×5 → 2×3×3
{
    public static int Channels => 1; public static int Height => 5; public static int Width => 5; public static int Filters => 2;
    public static int KernelHeight => 3; public static int KernelWidth => 3; public static int StrideHeight => 1; public static int StrideWidth => 1;
    public static int PaddingHeight => 0; public static int PaddingWidth => 0;
}
public readonly struct ConvStridePad : IConvolution   // 2×7×6 → 3×4×3 (k 3, s 2, p 1; odd, not square)
{
    public static int Channels => 2; public static int Height => 7; public static int Width => 6; public static int Filters => 3;
    public static int KernelHeight => 3; public static int KernelWidth => 3; public static int StrideHeight => 2; public static int StrideWidth => 2;
    public static int PaddingHeight => 1; public static int PaddingWidth => 1;
}
public readonly struct ConvStride3 : IConvolution   // 3×10×11 → 5×3×3 (k 4, s 3, p 1: a remainder row and column dropped)
{
    public static int Channels => 3; public static int Height => 10; public static int Width => 11; public static int Filters => 5;
    public static int KernelHeight => 4; public static int KernelWidth => 4; public static int StrideHeight => 3; public static int StrideWidth => 3;
    public static int PaddingHeight => 1; public static int PaddingWidth => 1;
}
public readonly struct ConvPointwise : IConvolution   // 4×3×5 → 7×3×5 (k 1)
{
    public static int Channels => 4; public static int Height => 3; public static int Width => 5; public static int Filters => 7;
    public static int KernelHeight => 1; public static int KernelWidth => 1; public static int StrideHeight => 1; public static int StrideWidth => 1;
    public static int PaddingHeight => 0; public static int PaddingWidth => 0;
}
public readonly struct ConvWholePadded : IConvolution   // 2×3×3 → 2×1×1 (k 5 = the padded input, p 1)
{
    public static int Channels => 2; public static int Height => 3; public static int Width => 3; public static int Filters => 2;
    public static int KernelHeight => 5; public static int KernelWidth => 5; public static int StrideHeight => 1; public static int StrideWidth => 1;
    public static int PaddingHeight => 1; public static int PaddingWidth => 1;
}
public readonly struct ConvTallStride : IConvolution   // 2×9×7 → 3×5×5 (k 3, strides 2 × 1, paddings 1 × 0: per-axis rules)
{
    public static int Channels => 2; public static int Height => 9; public static int Width => 7; public static int Filters => 3;
    public static int KernelHeight => 3; public static int KernelWidth => 3; public static int StrideHeight => 2; public static int StrideWidth => 1;
    public static int PaddingHeight => 1; public static int PaddingWidth => 0;
}
public readonly struct ConvFew : IConvolution   // 2×9×11 → 5×9×11 (k 3, p 1: the direct forward with 4 + 1 filters)
{
    public static int Channels => 2; public static int Height => 9; public static int Width => 11; public static int Filters => 5;
    public static int KernelHeight => 3; public static int KernelWidth => 3; public static int StrideHeight => 1; public static int StrideWidth => 1;
    public static int PaddingHeight => 1; public static int PaddingWidth => 1;
}
public readonly struct ConvLeNet1 : IConvolution   // 1×28×28 → 6×28×28 (k 5, p 2)
{
    public static int Channels => 1; public static int Height => 28; public static int Width => 28; public static int Filters => 6;
    public static int KernelHeight => 5; public static int KernelWidth => 5; public static int StrideHeight => 1; public static int StrideWidth => 1;
    public static int PaddingHeight => 2; public static int PaddingWidth => 2;
}
public readonly struct ConvLeNet2 : IConvolution   // 6×14×14 → 16×10×10 (k 5)
{
    public static int Channels => 6; public static int Height => 14; public static int Width => 14; public static int Filters => 16;
    public static int KernelHeight => 5; public static int KernelWidth => 5; public static int StrideHeight => 1; public static int StrideWidth => 1;
    public static int PaddingHeight => 0; public static int PaddingWidth => 0;
}
public readonly struct ConvLanes12 : IConvolution   // 3×9×15 → 12×9×15 (k 3, p 1: filters in lanes, runs of 12 + 3 outputs, padded lanes)
{
    public static int Channels => 3; public static int Height => 9; public static int Width => 15; public static int Filters => 12;
    public static int KernelHeight => 3; public static int KernelWidth => 3; public static int StrideHeight => 1; public static int StrideWidth => 1;
    public static int PaddingHeight => 1; public static int PaddingWidth => 1;
}
public readonly struct ConvLanesStride : IConvolution   // 4×11×11 → 20×6×6 (k 3, s 2, p 1: filters in lanes, two output rows per block, strided)
{
    public static int Channels => 4; public static int Height => 11; public static int Width => 11; public static int Filters => 20;
    public static int KernelHeight => 3; public static int KernelWidth => 3; public static int StrideHeight => 2; public static int StrideWidth => 2;
    public static int PaddingHeight => 1; public static int PaddingWidth => 1;
}
public readonly struct ConvLanes32 : IConvolution   // 16×6×6 → 32×6×6 (k 3, p 1: two 512-bit vectors of filters; dX has 16 filters in lanes too)
{
    public static int Channels => 16; public static int Height => 6; public static int Width => 6; public static int Filters => 32;
    public static int KernelHeight => 3; public static int KernelWidth => 3; public static int StrideHeight => 1; public static int StrideWidth => 1;
    public static int PaddingHeight => 1; public static int PaddingWidth => 1;
}
public readonly struct Conv1DLanes : IConvolution   // 1-D: 2×40 → 16×40 (k 13, p 6: dW's taps in runs of 12 + 1)
{
    public static int Channels => 2; public static int Height => 1; public static int Width => 40; public static int Filters => 16;
    public static int KernelHeight => 1; public static int KernelWidth => 13; public static int StrideHeight => 1; public static int StrideWidth => 1;
    public static int PaddingHeight => 0; public static int PaddingWidth => 6;
}
public readonly struct Conv1DLongKernel : IConvolution   // 1-D: 1×60 → 12×60 (k 27, p 13: dW's taps in runs longer than a block on every width)
{
    public static int Channels => 1; public static int Height => 1; public static int Width => 60; public static int Filters => 12;
    public static int KernelHeight => 1; public static int KernelWidth => 27; public static int StrideHeight => 1; public static int StrideWidth => 1;
    public static int PaddingHeight => 0; public static int PaddingWidth => 13;
}
public readonly struct ConvWidePadding : IConvolution   // 2×4×4 → 3×7×7 (k 2, p 2: padding ≥ kernel, so dX cannot be the transposed forward)
{
    public static int Channels => 2; public static int Height => 4; public static int Width => 4; public static int Filters => 3;
    public static int KernelHeight => 2; public static int KernelWidth => 2; public static int StrideHeight => 1; public static int StrideWidth => 1;
    public static int PaddingHeight => 2; public static int PaddingWidth => 2;
}
public readonly struct ConvWideRow : IConvolution   // 2×5×37 → 9×5×37 (k 3, p 1: direct blocks of 6 + 3 filters, rows of 32 + 5 outputs)
{
    public static int Channels => 2; public static int Height => 5; public static int Width => 37; public static int Filters => 9;
    public static int KernelHeight => 3; public static int KernelWidth => 3; public static int StrideHeight => 1; public static int StrideWidth => 1;
    public static int PaddingHeight => 1; public static int PaddingWidth => 1;
}
public readonly struct Conv1DSeq : IConvolution   // 1-D: 3×64 → 8×32 (k 5, s 2, p 2)
{
    public static int Channels => 3; public static int Height => 1; public static int Width => 64; public static int Filters => 8;
    public static int KernelHeight => 1; public static int KernelWidth => 5; public static int StrideHeight => 1; public static int StrideWidth => 2;
    public static int PaddingHeight => 0; public static int PaddingWidth => 2;
}

/// <summary>
/// <see cref="Convolution"/> against the direct loops of <see cref="ConvolutionReference"/> (forward with each
/// activation, dW and db, dX with the previous layer's g′) over strides, paddings, odd and non-square sizes, 1×1 and
/// whole-input kernels, a 1-D convolution and LeNet's two layers, for m = 1 and m > 1; and, independently of the
/// reference, the adjoint identities that define the backward products: ⟨dZ, W ⋆ X⟩ = ⟨dX, X⟩ = ⟨dW, W⟩ (b = 0).
/// </summary>
public class ConvolutionKernelTests
{
    private const float Sentinel = 12345.5f;

    private static Shape ShapeOf<T>() where T : struct, IConvolution =>
        new(T.Channels, T.Height, T.Width, T.KernelHeight, T.KernelWidth, T.StrideHeight, T.StrideWidth, T.PaddingHeight, T.PaddingWidth);

    private static float[] Random(int n, int seed, float scale = 1f)
    {
        var rng = new System.Random(seed);
        var v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float)(rng.NextDouble() * 2 - 1) * scale;
        return v;
    }

    private static float[] WithTail(int n) => Enumerable.Repeat(Sentinel, n + 5).ToArray();

    private static void AssertTail(float[] v, int n, string what)
    {
        for (int k = n; k < v.Length; k++) Assert.True(v[k] == Sentinel, $"{what}: element {k} past the {n} written was changed");
    }

    /// <summary>|a − b| ≤ 1e-5·scale + 1e-6 per element, where scale bounds the sum of the absolute terms.</summary>
    private static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, ReadOnlySpan<float> scale, int n, string what)
    {
        for (int k = 0; k < n; k++)
        {
            float tol = 1e-5f * scale[k] + 1e-6f;
            Assert.True(Math.Abs(expected[k] - actual[k]) <= tol, $"{what}[{k}]: expected {expected[k]}, got {actual[k]} (tolerance {tol})");
        }
    }

    private static float[] Abs(float[] v) => v.Select(Math.Abs).ToArray();

    private static void ForwardCase<T, TAct>(int m) where T : struct, IConvolution where TAct : struct, IActivation
    {
        var s = ShapeOf<T>();
        int f = T.Filters, q = T.Channels * T.KernelHeight * T.KernelWidth, outSize = f * s.OutputHeight * s.OutputWidth;
        Assert.Equal(s.OutputHeight, Convolution.OutputHeight<T>());
        Assert.Equal(s.OutputWidth, Convolution.OutputWidth<T>());
        float[] x = Random(m * s.InputSize, 1), w = Random(f * q, 2), b = Random(f, 3);
        float[] z = WithTail(m * outSize), a = WithTail(m * outSize);
        Convolution.Forward<T, TAct>(x, w, b, z, a, m);
        var zRef = new float[m * outSize];
        ConvolutionReference.Forward(s, f, x, w, b, zRef, m);
        var scale = new float[m * outSize];
        ConvolutionReference.Forward(s, f, Abs(x), Abs(w), Abs(b), scale, m);
        AssertClose(zRef, z, scale, m * outSize, "z");
        for (int k = 0; k < m * outSize; k++)
        {
            float g = TAct.Apply(z[k]);
            Assert.True(g == a[k] || Math.Abs(g - a[k]) <= 1e-6f * Math.Max(1, Math.Abs(g)), $"a[{k}] = {a[k]}, g(z) = {g}");
        }
        AssertTail(z, m * outSize, "z");
        AssertTail(a, m * outSize, "a");

        // z and a the same span, as generated code passes them for a layer without a cached Z.
        var za = WithTail(m * outSize);
        Convolution.Forward<T, TAct>(x, w, b, za, za, m);
        for (int k = 0; k < m * outSize; k++) Assert.Equal(a[k], za[k]);
    }

    private static void BackwardCase<T, TActPrev>(int m) where T : struct, IConvolution where TActPrev : struct, IActivation
    {
        var s = ShapeOf<T>();
        int f = T.Filters, q = T.Channels * T.KernelHeight * T.KernelWidth, outSize = f * s.OutputHeight * s.OutputWidth;
        float[] x = Random(m * s.InputSize, 4), w = Random(f * q, 5), dz = Random(m * outSize, 6), zPrev = Random(m * s.InputSize, 7, 2f);

        float[] dw = WithTail(f * q), db = WithTail(f), dwRef = new float[f * q], dbRef = new float[f];
        Convolution.BackwardWeights<T>(dz, x, dw, db, m);
        ConvolutionReference.BackwardWeights(s, f, dz, x, dwRef, dbRef, m);
        float[] dwScale = new float[f * q], dbScale = new float[f];
        ConvolutionReference.BackwardWeights(s, f, Abs(dz), Abs(x), dwScale, dbScale, m);
        AssertClose(dwRef, dw, dwScale, f * q, "dW");
        AssertClose(dbRef, db, dbScale, f, "db");
        AssertTail(dw, f * q, "dW");
        AssertTail(db, f, "db");

        float[] dx = WithTail(m * s.InputSize), dxRef = new float[m * s.InputSize], dxScale = new float[m * s.InputSize];
        Convolution.BackwardInput<T, TActPrev>(dz, w, zPrev, dx, m);
        ConvolutionReference.BackwardInput<TActPrev>(s, f, dz, w, zPrev, dxRef, m);
        ConvolutionReference.BackwardInput<Identity>(s, f, Abs(dz), Abs(w), zPrev, dxScale, m);
        AssertClose(dxRef, dx, dxScale, m * s.InputSize, "dZ_prev");
        AssertTail(dx, m * s.InputSize, "dZ_prev");
    }

    /// <summary>⟨dZ, W ⋆ X⟩ = ⟨dX, X⟩ = ⟨dW, W⟩ with b = 0 and no activation: the backward products are the forward's adjoints.</summary>
    private static void AdjointCase<T>(int m) where T : struct, IConvolution
    {
        var s = ShapeOf<T>();
        int f = T.Filters, q = T.Channels * T.KernelHeight * T.KernelWidth, outSize = f * s.OutputHeight * s.OutputWidth;
        float[] x = Random(m * s.InputSize, 8), w = Random(f * q, 9), dz = Random(m * outSize, 10), b = new float[f];
        var z = new float[m * outSize];
        Convolution.Forward<T, Identity>(x, w, b, z, z, m);
        var dx = new float[m * s.InputSize];
        Convolution.BackwardInput<T, Identity>(dz, w, x, dx, m);
        float[] dw = new float[f * q], db = new float[f];
        Convolution.BackwardWeights<T>(dz, x, dw, db, m);
        double forward = 0, input = 0, weights = 0, magnitude = 0;
        for (int k = 0; k < z.Length; k++) { forward += (double)dz[k] * z[k]; magnitude += Math.Abs((double)dz[k] * z[k]); }
        for (int k = 0; k < x.Length; k++) input += (double)dx[k] * x[k];
        for (int k = 0; k < w.Length; k++) weights += (double)dw[k] * w[k];
        Assert.True(Math.Abs(forward - input) <= 1e-5 * magnitude + 1e-6, $"⟨dZ, W⋆X⟩ = {forward}, ⟨dX, X⟩ = {input}");
        Assert.True(Math.Abs(forward - weights) <= 1e-5 * magnitude + 1e-6, $"⟨dZ, W⋆X⟩ = {forward}, ⟨dW, W⟩ = {weights}");
        double sumDz = 0;
        for (int i = 0; i < m; i++)
            for (int c = 0; c < f; c++)
                for (int p = 0; p < outSize / f; p++) sumDz += dz[i * outSize + c * (outSize / f) + p] * (c == 0 ? 1 : 0);
        Assert.True(Math.Abs(sumDz - db[0]) <= 1e-4 * (1 + Math.Abs(sumDz)), $"db[0] = {db[0]}, Σ dZ[·, 0] = {sumDz}");
    }

    private static void All<T>() where T : struct, IConvolution
    {
        foreach (int m in new[] { 1, 3 })
        {
            ForwardCase<T, Identity>(m);
            ForwardCase<T, ReLU>(m);
            ForwardCase<T, Tanh>(m);
            BackwardCase<T, Identity>(m);
            BackwardCase<T, ReLU>(m);
            BackwardCase<T, Sigmoid>(m);
            AdjointCase<T>(m);
        }
    }

    [Fact] public void Basic() => All<ConvBasic>();
    [Fact] public void StrideAndPadding() => All<ConvStridePad>();
    [Fact] public void StrideThreeDropsTheRemainder() => All<ConvStride3>();
    [Fact] public void Pointwise() => All<ConvPointwise>();
    [Fact] public void KernelAsLargeAsThePaddedInput() => All<ConvWholePadded>();
    [Fact] public void OneDimensional() => All<Conv1DSeq>();
    [Fact] public void StrideAndPaddingPerAxis() => All<ConvTallStride>();
    [Fact] public void FewFilters() => All<ConvFew>();
    [Fact] public void LeNetFirstLayer() => All<ConvLeNet1>();
    [Fact] public void LeNetSecondLayer() => All<ConvLeNet2>();
    [Fact] public void FilterLanesWithRunsAndPaddedLanes() => All<ConvLanes12>();
    [Fact] public void FilterLanesStrided() => All<ConvLanesStride>();
    [Fact] public void FilterLanesTwoVectors() => All<ConvLanes32>();
    [Fact] public void FilterLanesOneDimensionalLongKernel() => All<Conv1DLanes>();
    [Fact] public void PaddingAsLargeAsTheKernel() => All<ConvWidePadding>();
    [Fact] public void DirectWideRows() => All<ConvWideRow>();
    [Fact] public void FilterLanesKernelLongerThanABlock() => All<Conv1DLongKernel>();

    /// <summary>dW over more examples than one chunk of patches holds (LeNet's first layer: 43 a chunk), so chunks accumulate.</summary>
    [Fact]
    public void WeightGradientAccumulatesOverChunks()
    {
        BackwardCase<ConvLeNet1, ReLU>(45);
        AdjointCase<ConvLeNet1>(45);
    }

    /// <summary>Once warm (the per-thread scratch grown), a forward and both backward products allocate nothing.</summary>
    [Fact]
    public void NoAllocationOnceWarm()
    {
        const int m = 4;
        int outSize = 6 * 28 * 28;
        float[] x = Random(m * 784, 1), w = Random(6 * 25, 2), b = Random(6, 3), z = new float[m * outSize], a = new float[m * outSize];
        float[] dw = new float[6 * 25], db = new float[6], dx = new float[m * 784], pooled = new float[m * 6 * 14 * 14], da = new float[m * outSize];
        void Step()
        {
            Convolution.Forward<ConvLeNet1, ReLU>(x, w, b, z, a, m);
            Convolution.BackwardWeights<ConvLeNet1>(z, x, dw, db, m);
            Convolution.BackwardInput<ConvLeNet1, ReLU>(z, w, x, dx, m);
            Pooling.MaxForward<PoolLeNet>(a, pooled, m);
            Pooling.MaxBackward<PoolLeNet, ReLU>(pooled, a, z, da, m);
            Pooling.AvgForward<PoolLeNet>(a, pooled, m);
            Pooling.AvgBackward<PoolLeNet, ReLU>(pooled, z, da, m);
        }
        Step();
        // Some window of 3 steps allocates nothing (a one-off event of the runtime, such as a tier-up, can land in
        // one window; an allocation per call would land in every one).
        var seen = new System.Collections.Generic.List<long>();
        for (int window = 0; window < 6; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int r = 0; r < 3; r++) Step();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated == 0) return;
            seen.Add(allocated);
        }
        Assert.Fail($"every window of 3 steps allocated: {string.Join(", ", seen)} bytes");
    }

    /// <summary>Forward from several threads at once (each has its own scratch) gives each the single-threaded result.</summary>
    [Fact]
    public void ForwardIsThreadSafe()
    {
        const int m = 3;
        int outSize = 16 * 10 * 10;
        float[] x = Random(m * 6 * 196, 4), w = Random(16 * 150, 5), b = Random(16, 6), expected = new float[m * outSize];
        Convolution.Forward<ConvLeNet2, Tanh>(x, w, b, expected, expected, m);
        var results = new float[4][];
        System.Threading.Tasks.Parallel.For(0, 4, t =>
        {
            var mine = new float[m * outSize];
            for (int r = 0; r < 20; r++) Convolution.Forward<ConvLeNet2, Tanh>(x, w, b, mine, mine, m);
            results[t] = mine;
        });
        foreach (var r in results) Assert.Equal(expected, r);
    }

    /// <summary>
    /// An infinite input reaches exactly the weights whose windows cover it: dW's entries that no window connects to it
    /// stay finite (the direct kernel's masked last vector must not compute 0·∞), as in the reference and PyTorch.
    /// </summary>
    [Fact]
    public void InfiniteInputReachesOnlyTheWeightsThatSeeIt()
    {
        var s = ShapeOf<ConvFew>();
        int outSize = 5 * s.OutputHeight * s.OutputWidth;
        float[] x = Random(2 * s.InputSize, 21), dz = Random(2 * outSize, 22);
        x[(0 * 9 + 4) * 11 + 10] = float.PositiveInfinity;   // example 0, channel 0, row 4, last column
        float[] dw = new float[5 * 18], db = new float[5], dwRef = new float[5 * 18], dbRef = new float[5];
        Convolution.BackwardWeights<ConvFew>(dz, x, dw, db, 2);
        ConvolutionReference.BackwardWeights(s, 5, dz, x, dwRef, dbRef, 2);
        int finite = 0;
        for (int k = 0; k < dw.Length; k++)
        {
            if (float.IsFinite(dwRef[k])) { finite++; Assert.True(float.IsFinite(dw[k]) && Math.Abs(dw[k] - dwRef[k]) <= 1e-4f, $"dW[{k}] = {dw[k]}, reference {dwRef[k]}"); }
            else Assert.False(float.IsFinite(dw[k]), $"dW[{k}] = {dw[k]}, reference {dwRef[k]}");
        }
        Assert.InRange(finite, 1, dw.Length - 1);
    }

    /// <summary>
    /// The forward pass keeps a layer's repacked weights between calls: a weight changed in place (as an optimiser
    /// step changes it, the same array) must be seen by the next call, as must another array with other values.
    /// </summary>
    [Fact]
    public void ForwardSeesWeightsChangedInPlace()
    {
        var s = ShapeOf<ConvLeNet2>();
        int outSize = 16 * 10 * 10;
        float[] x = Random(2 * s.InputSize, 31), w = Random(16 * 150, 32), b = Random(16, 33);
        float[] z = new float[2 * outSize], zRef = new float[2 * outSize];
        Convolution.Forward<ConvLeNet2, Identity>(x, w, b, z, z, 2);
        foreach (int k in new[] { 0, 151, 16 * 150 - 1 })
        {
            w[k] += 0.5f;
            Convolution.Forward<ConvLeNet2, Identity>(x, w, b, z, z, 2);
            ConvolutionReference.Forward(s, 16, x, w, b, zRef, 2);
            for (int i = 0; i < z.Length; i++) Assert.True(Math.Abs(z[i] - zRef[i]) <= 1e-4f, $"after changing w[{k}]: z[{i}] = {z[i]}, reference {zRef[i]}");
        }
        float[] other = Random(16 * 150, 34);
        Convolution.Forward<ConvLeNet2, Identity>(x, other, b, z, z, 2);
        ConvolutionReference.Forward(s, 16, x, other, b, zRef, 2);
        for (int i = 0; i < z.Length; i++) Assert.True(Math.Abs(z[i] - zRef[i]) <= 1e-4f, $"other weights: z[{i}] = {z[i]}, reference {zRef[i]}");
    }

    [Fact]
    public void EmptyBatchGivesZeroGradients()
    {
        float[] dw = Enumerable.Repeat(1f, 2 * 9).ToArray(), db = [1f, 1f];
        Convolution.BackwardWeights<ConvBasic>([], [], dw, db, 0);
        Assert.All(dw, v => Assert.Equal(0f, v));
        Assert.All(db, v => Assert.Equal(0f, v));
    }

    /// <summary>A hand-computed case: PyTorch's conv2d is a correlation (no kernel flip), and padding is zeros.</summary>
    [Fact]
    public void CorrelationNotConvolution()
    {
        // ConvBasic: a 1×5×5 input 1..25 and two 3×3 filters, set to pick out known windows.
        float[] x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25];
        float[] w = new float[2 * 9];
        w[0] = 1; w[1] = 2; w[3] = 3; w[4] = 4;       // filter 0: top-left 2×2 [[1, 2], [3, 4]]
        w[9 + 8] = 1;                                   // filter 1: picks the window's bottom-right value
        float[] b = [0.5f, 0], z = new float[18];
        Convolution.Forward<ConvBasic, Identity>(x, w, b, z, z, 1);
        // Output (0, 0) of filter 0: 1·1 + 2·2 + 3·6 + 4·7 + 0.5 = 51.5; (1, 2): 1·8 + 2·9 + 3·13 + 4·14 + 0.5 = 121.5.
        Assert.Equal(51.5f, z[0]);
        Assert.Equal(121.5f, z[1 * 3 + 2]);
        // Filter 1 at (oy, ox) = x[oy + 2, ox + 2].
        for (int oy = 0; oy < 3; oy++)
            for (int ox = 0; ox < 3; ox++) Assert.Equal(x[(oy + 2) * 5 + ox + 2], z[9 + oy * 3 + ox]);
    }

    [Fact]
    public void ShortOperandsAreRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => Convolution.Forward<ConvBasic, ReLU>(new float[24], new float[18], new float[2], new float[18], new float[18], 1));
        Assert.Contains("convolution operand", ex.Message);
        Assert.Throws<ArgumentException>(() => Convolution.BackwardWeights<ConvBasic>(new float[18], new float[25], new float[17], new float[2], 1));
        Assert.Throws<ArgumentException>(() => Convolution.BackwardInput<ConvBasic, ReLU>(new float[18], new float[18], new float[25], new float[24], 1));
    }
}
