using System;
using System.Linq;
using NetGen.Kernels;
using Xunit;
using Shape = NetGen.Kernels.ConvolutionReference.Shape;

namespace NetGen.Kernels.Tests;

public readonly struct PoolLeNet : IPooling   // 6×28×28 → 6×14×14 (2, stride 2)
{
    public static int Channels => 6; public static int Height => 28; public static int Width => 28;
    public static int SizeHeight => 2; public static int SizeWidth => 2; public static int StrideHeight => 2; public static int StrideWidth => 2;
}
public readonly struct PoolOverlap : IPooling   // 2×7×7 → 2×3×3 (3, stride 2: windows share a row and a column)
{
    public static int Channels => 2; public static int Height => 7; public static int Width => 7;
    public static int SizeHeight => 3; public static int SizeWidth => 3; public static int StrideHeight => 2; public static int StrideWidth => 2;
}
public readonly struct PoolOdd : IPooling   // 3×5×5 → 3×2×2 (2, stride 2: the last row and column dropped)
{
    public static int Channels => 3; public static int Height => 5; public static int Width => 5;
    public static int SizeHeight => 2; public static int SizeWidth => 2; public static int StrideHeight => 2; public static int StrideWidth => 2;
}
public readonly struct PoolPairs : IPooling   // 2×8×9 → 2×4×4 (2, stride 2: rows of 4 windows, the vector path; the last column dropped)
{
    public static int Channels => 2; public static int Height => 8; public static int Width => 9;
    public static int SizeHeight => 2; public static int SizeWidth => 2; public static int StrideHeight => 2; public static int StrideWidth => 2;
}
public readonly struct PoolLeNet2 : IPooling   // 16×10×10 → 16×5×5 (2, stride 2: rows of 5 windows, the last vector overlapping the first)
{
    public static int Channels => 16; public static int Height => 10; public static int Width => 10;
    public static int SizeHeight => 2; public static int SizeWidth => 2; public static int StrideHeight => 2; public static int StrideWidth => 2;
}
public readonly struct Pool1D : IPooling   // 1-D: 8×33 → 8×16 (2, stride 2)
{
    public static int Channels => 8; public static int Height => 1; public static int Width => 33;
    public static int SizeHeight => 1; public static int SizeWidth => 2; public static int StrideHeight => 1; public static int StrideWidth => 2;
}

/// <summary>
/// <see cref="Pooling"/> against <see cref="ConvolutionReference"/>'s loops; max pooling's routing on ties (first
/// index, as PyTorch) and with NaNs; average pooling's backward as the forward's adjoint; and a finite-difference
/// check of max pooling's gradient (the function is piecewise linear, so away from ties it is exact).
/// </summary>
public class PoolingKernelTests
{
    private static Shape ShapeOf<T>() where T : struct, IPooling =>
        new(T.Channels, T.Height, T.Width, T.SizeHeight, T.SizeWidth, T.StrideHeight, T.StrideWidth);

    private static float[] Random(int n, int seed)
    {
        var rng = new System.Random(seed);
        var v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float)(rng.NextDouble() * 2 - 1);
        return v;
    }

    private static void Case<T>(int m) where T : struct, IPooling
    {
        var s = ShapeOf<T>();
        Assert.Equal(s.OutputHeight, Pooling.OutputHeight<T>());
        Assert.Equal(s.OutputWidth, Pooling.OutputWidth<T>());
        int outSize = T.Channels * s.OutputHeight * s.OutputWidth;
        float[] x = Random(m * s.InputSize, 11), da = Random(m * outSize, 12), zPrev = Random(m * s.InputSize, 13);

        var a = new float[m * outSize + 3];
        var aRef = new float[m * outSize];
        var argMax = new int[m * outSize];
        Pooling.MaxForward<T>(x, a, m);
        ConvolutionReference.MaxPool(s, x, aRef, argMax, m);
        for (int k = 0; k < m * outSize; k++) Assert.Equal(aRef[k], a[k]);
        Assert.All(a.Skip(m * outSize), v => Assert.Equal(0f, v));

        // Max backward with the previous layer's ReLU: the gradient lands on the maxima, times ReLU′(zPrev).
        var dx = new float[m * s.InputSize];
        Pooling.MaxBackward<T, ReLU>(da, x, zPrev, dx, m);
        var dxRef = new float[m * s.InputSize];
        for (int k = 0; k < m * outSize; k++) dxRef[argMax[k]] += da[k];
        for (int k = 0; k < dxRef.Length; k++) dxRef[k] *= zPrev[k] > 0 ? 1 : 0;
        for (int k = 0; k < dx.Length; k++) Assert.True(Math.Abs(dxRef[k] - dx[k]) <= 1e-6f, $"max dX[{k}]: {dxRef[k]} vs {dx[k]}");

        Pooling.AvgForward<T>(x, a, m);
        ConvolutionReference.AvgPool(s, x, aRef, m);
        for (int k = 0; k < m * outSize; k++) Assert.True(Math.Abs(aRef[k] - a[k]) <= 1e-6f, $"avg a[{k}]: {aRef[k]} vs {a[k]}");

        // ⟨dA, avg(X)⟩ = ⟨dX, X⟩: average pooling's backward is its forward's adjoint.
        Pooling.AvgBackward<T, Identity>(da, x, dx, m);
        double lhs = 0, rhs = 0, magnitude = 0;
        for (int k = 0; k < m * outSize; k++) { lhs += (double)da[k] * a[k]; magnitude += Math.Abs((double)da[k] * a[k]); }
        for (int k = 0; k < dx.Length; k++) rhs += (double)dx[k] * x[k];
        Assert.True(Math.Abs(lhs - rhs) <= 1e-5 * magnitude + 1e-7, $"⟨dA, avg X⟩ = {lhs}, ⟨dX, X⟩ = {rhs}");
        // And with the previous layer's g′: the same spread, times Tanh′(zPrev).
        var dxTanh = new float[m * s.InputSize];
        Pooling.AvgBackward<T, Tanh>(da, zPrev, dxTanh, m);
        for (int k = 0; k < dx.Length; k++)
            Assert.True(Math.Abs(dx[k] * Tanh.Derivative(zPrev[k]) - dxTanh[k]) <= 1e-6f, $"avg dX ⊙ tanh′ [{k}]");
    }

    [Fact] public void LeNet() { Case<PoolLeNet>(1); Case<PoolLeNet>(3); }
    [Fact] public void OverlappingWindowsAddTheirGradients() { Case<PoolOverlap>(1); Case<PoolOverlap>(4); }
    [Fact] public void OddSizesDropTheRemainder() { Case<PoolOdd>(1); Case<PoolOdd>(2); }
    [Fact] public void OneDimensional() { Case<Pool1D>(1); Case<Pool1D>(3); }
    [Fact] public void FourWindowsAtATime() { Case<PoolPairs>(1); Case<PoolPairs>(3); }
    [Fact] public void LastWindowsOverlapThePreviousVector() { Case<PoolLeNet2>(1); Case<PoolLeNet2>(2); }

    /// <summary>The vector path (4 windows side by side) follows the same NaN and tie rules as the scalar one.</summary>
    [Fact]
    public void NaNAndTiesInTheVectorPath()
    {
        var x = new float[2 * 72];
        x[1] = float.NaN; x[9] = float.NaN;          // window (0, 0): NaN at (0, 1) and at (1, 0): the last NaN wins
        x[2] = 5; x[3] = 5; x[11] = 5; x[12] = 5;    // window (0, 1): four equal maxima: the first wins
        var a = new float[32];
        Pooling.MaxForward<PoolPairs>(x, a, 1);
        Assert.True(float.IsNaN(a[0]));
        Assert.Equal(5f, a[1]);
        var da = Enumerable.Range(1, 32).Select(v => (float)v).ToArray();
        var dx = new float[144];
        Pooling.MaxBackward<PoolPairs, Identity>(da, x, x, dx, 1);
        Assert.Equal(1f, dx[9]);     // window 0's gradient at its last NaN, (1, 0)
        Assert.Equal(0f, dx[1]);
        Assert.Equal(2f, dx[2]);     // window 1's at its first 5, (0, 2)
        Assert.Equal(0f, dx[3] + dx[11] + dx[12]);
        Assert.Equal(da.Sum(), dx.Sum());
    }

    [Fact]
    public void TiesGoToTheFirstIndexAsPyTorch()
    {
        // One channel 5×5 of ones except a 2 at (3, 3): windows (0,0), (0,1), (1,0) are all ties, window (1,1) has the 2.
        var x = Enumerable.Repeat(1f, 3 * 25).ToArray();
        x[3 * 5 + 3] = 2;
        float[] da = [1, 10, 100, 1000, 0, 0, 0, 0, 0, 0, 0, 0], dx = new float[75];
        Pooling.MaxBackward<PoolOdd, Identity>(da, x, x, dx, 1);
        Assert.Equal(1f, dx[0]);           // window (0, 0) starts at (0, 0)
        Assert.Equal(10f, dx[2]);          // window (0, 1) starts at (0, 2)
        Assert.Equal(100f, dx[2 * 5]);     // window (1, 0) starts at (2, 0)
        Assert.Equal(1000f, dx[3 * 5 + 3]);
        Assert.Equal(1111f, dx.Sum());
    }

    [Fact]
    public void NaNIsTheMaximumAsInPyTorch()
    {
        var x = new float[75];
        x[1] = float.NaN; x[5] = 3;        // window (0, 0) of channel 0: 0, NaN, 3 and 0
        var a = new float[12];
        Pooling.MaxForward<PoolOdd>(x, a, 1);
        Assert.True(float.IsNaN(a[0]));
        float[] da = new float[12], dx = new float[75];
        da[0] = 1;
        Pooling.MaxBackward<PoolOdd, Identity>(da, x, x, dx, 1);
        Assert.Equal(1f, dx[1]);
    }

    /// <summary>dL/dx for L = Σ dA·maxpool(x), by central differences (x distinct, h below every gap): equals MaxBackward.</summary>
    [Fact]
    public void MaxPoolGradientMatchesFiniteDifferences()
    {
        var s = ShapeOf<PoolOverlap>();
        int outSize = 2 * s.OutputHeight * s.OutputWidth;
        float[] x = Enumerable.Range(0, s.InputSize).Select(k => (float)((k * 37 % s.InputSize) * 0.01)).ToArray();
        float[] da = Random(outSize, 14), dx = new float[s.InputSize], a = new float[outSize];
        Pooling.MaxBackward<PoolOverlap, Identity>(da, x, x, dx, 1);
        double Loss(float[] v)
        {
            Pooling.MaxForward<PoolOverlap>(v, a, 1);
            double l = 0;
            for (int k = 0; k < outSize; k++) l += (double)da[k] * a[k];
            return l;
        }
        const float h = 0.002f;
        for (int k = 0; k < s.InputSize; k++)
        {
            float keep = x[k];
            x[k] = keep + h; double up = Loss(x);
            x[k] = keep - h; double down = Loss(x);
            x[k] = keep;
            double fd = (up - down) / (2 * h);
            Assert.True(Math.Abs(fd - dx[k]) <= 1e-3 * (1 + Math.Abs(fd)), $"dx[{k}] = {dx[k]}, finite difference {fd}");
        }
    }

    [Fact]
    public void ShortOperandsAreRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => Pooling.MaxForward<PoolOdd>(new float[74], new float[12], 1));
        Assert.Contains("pooling operand", ex.Message);
        Assert.Throws<ArgumentException>(() => Pooling.AvgBackward<PoolOdd, ReLU>(new float[12], new float[75], new float[74], 1));
    }
}
