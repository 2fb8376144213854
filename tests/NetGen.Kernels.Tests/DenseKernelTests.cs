using System;
using System.Collections.Generic;
using System.Reflection;

namespace NetGen.Kernels.Tests;

/// <summary>
/// Every optimised kernel in <see cref="Dense"/> against its plain twin in <see cref="DenseReference"/>, over many
/// shapes (1..70 wide with odd tails, plus the layer shapes of the benchmarks) and batch sizes m = 1..13 (and a
/// few larger), for each activation. Tolerances are relative to Σ|terms| of each output (computed with the
/// reference on absolute values), so a long sum is allowed the rounding a different summation order gives and no
/// more. Output spans are longer than needed and the extra tail must stay untouched.
/// </summary>
public class DenseKernelTests
{
    private const float Sentinel = 12345.5f;
    private const float RelTol = 1e-5f;

    private static readonly int[] SmallBatches = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 32];
    private static readonly int[] LargeBatches = [1, 3, 4, 5, 13, 64];

    private static readonly Type[] Activations = [typeof(Identity), typeof(ReLU), typeof(LeakyReLU), typeof(Sigmoid), typeof(Tanh)];

    /// <summary>(nIn, nOut) pairs: every small width 1..70 of interest as input, each with three output widths.</summary>
    public static IEnumerable<(int NIn, int NOut)> Shapes()
    {
        int[] widths = Minimal
            ? [1, 3, 4, 5, 7, 8, 9, 12, 16, 17, 31, 33, 64, 65] // each tail of 4, 8 and 16 lanes, below and above a panel
            : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 16, 17, 23, 24, 25, 30, 31, 32, 33, 40, 47, 48, 49, 63, 64, 65, 70];
        for (int a = 0; a < widths.Length; a++)
            for (int t = 0; t < (Reduced ? 1 : 3); t++)
                yield return (widths[a], widths[(a * 7 + t * 11 + 3) % widths.Length]);
        // The benchmark networks' layers.
        yield return (2, 4); yield return (4, 1); yield return (30, 16); yield return (16, 8); yield return (8, 1);
        yield return (128, 64); yield return (64, 10);
        if (!Reduced)
        {
            yield return (784, 128); yield return (1024, 10);
            yield return (1024, 33); yield return (33, 1024); yield return (256, 96); yield return (96, 1024);
        }
        if (!Minimal) yield return (128, 300); // unit-blocked BackwardInput (nOut > 256), 64- and 32-wide panels
        yield return (520, 300); // 16-register blocks: packed panels of X and W, two unit passes, a column tail of 8
    }

    /// <summary>
    /// NETGEN_KERNEL_TESTS=reduced (CI's reruns on the other vector widths and under ARM64 emulation) keeps every small
    /// input width with one output width instead of three, and of the large layers the two that reach the packed,
    /// unit-blocked paths: the same code paths and tails in about a third of the time (each shape is a new generic
    /// instantiation to compile).
    /// </summary>
    private static bool Reduced => Environment.GetEnvironmentVariable("NETGEN_KERNEL_TESTS") is "reduced" or "minimal";

    /// <summary>
    /// NETGEN_KERNEL_TESTS=minimal (ARM64 under emulation, where each case runs 10–20× slower): the reduced set over 14
    /// input widths that still give every tail of 4, 8 and 16 lanes, two activations (ReLU's branch-free select and Sigmoid's exponential; every activation is checked lane for lane at
    /// every width by ActivationAccuracyTests), one large shape, and three batch sizes for it (1, 5, 64).
    /// </summary>
    private static bool Minimal => Environment.GetEnvironmentVariable("NETGEN_KERNEL_TESTS") == "minimal";

    public static TheoryData<int, int> ShapeData()
    {
        var data = new TheoryData<int, int>();
        var seen = new HashSet<(int, int)>();
        foreach (var s in Shapes()) if (seen.Add(s)) data.Add(s.NIn, s.NOut);
        return data;
    }

    public static TheoryData<int, int, string> ShapeActivationData()
    {
        var data = new TheoryData<int, int, string>();
        foreach (var row in ShapeData())
            foreach (var act in Activations)
                if (!Minimal || act == typeof(ReLU) || act == typeof(Sigmoid)) data.Add(row.Data.Item1, row.Data.Item2, act.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(ShapeData))]
    public void Affine_matches_reference(int nIn, int nOut) => Invoke(nameof(CheckAffine), nIn, nOut);

    [Theory]
    [MemberData(nameof(ShapeActivationData))]
    public void Forward_matches_reference(int nIn, int nOut, string activation) => Invoke(nameof(CheckForward), nIn, nOut, activation);

    [Theory]
    [MemberData(nameof(ShapeData))]
    public void BackwardWeights_matches_reference(int nIn, int nOut) => Invoke(nameof(CheckBackwardWeights), nIn, nOut);

    [Theory]
    [MemberData(nameof(ShapeActivationData))]
    public void BackwardInput_matches_reference(int nIn, int nOut, string activation) => Invoke(nameof(CheckBackwardInput), nIn, nOut, activation);

    [Theory]
    [MemberData(nameof(ShapeActivationData))]
    public void BackwardInputFromOutput_matches_reference(int nIn, int nOut, string activation) => Invoke(nameof(CheckBackwardInputFromOutput), nIn, nOut, activation);

    [Theory]
    [InlineData(nameof(Identity))]
    [InlineData(nameof(ReLU))]
    [InlineData(nameof(LeakyReLU))]
    [InlineData(nameof(Sigmoid))]
    [InlineData(nameof(Tanh))]
    public void Activate_matches_reference(string activation)
    {
        MethodInfo check = typeof(DenseKernelTests).GetMethod(nameof(CheckActivate), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(ActivationType(activation));
        foreach (int n in new[] { 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 64, 100, 1000 }) check.Invoke(null, [n]);
    }

    [Fact]
    public void Kernels_reject_short_operands()
    {
        float[] x = new float[3 * 5], w = new float[4 * 5], b = new float[4], z = new float[3 * 4];
        Assert.Throws<ArgumentException>(() => Dense.Affine<D5, D4>(x, w, b, z.AsSpan(1), 3));
        Assert.Throws<ArgumentException>(() => Dense.Forward<D5, D4, ReLU>(x.AsSpan(1), w, b, z, z, 3));
        Assert.Throws<ArgumentException>(() => Dense.BackwardWeights<D5, D4>(z, x, w.AsSpan(1), b, 3));
        Assert.Throws<ArgumentException>(() => Dense.BackwardInput<D5, D4, ReLU>(z, w, x, x.AsSpan(2), 3));
        Assert.Throws<ArgumentException>(() => Dense.BackwardInputFromOutput<D5, D4, Tanh>(z, w, x.AsSpan(1), x, 3));
        Assert.Throws<ArgumentException>(() => Dense.Activate<ReLU>(z, z.AsSpan(1)));
    }

    private static void Invoke(string check, int nIn, int nOut, string? activation = null)
    {
        var types = new List<Type> { SizeType(nIn), SizeType(nOut) };
        if (activation is not null) types.Add(ActivationType(activation));
        MethodInfo method = typeof(DenseKernelTests).GetMethod(check, BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod([.. types]);
        int[] batches = nIn * nOut > 20_000 ? (Minimal ? [1, 5, 64] : LargeBatches) : SmallBatches;
        try
        {
            foreach (int m in batches) method.Invoke(null, [m]);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
        }
    }

    private static Type SizeType(int n) => Type.GetType($"NetGen.Kernels.Tests.D{n}") ?? throw new InvalidOperationException($"Add D{n} to Sizes.cs.");

    private static Type ActivationType(string name) => Array.Find(Activations, t => t.Name == name)!;

    private static void CheckAffine<TIn, TOut>(int m) where TIn : struct, IDim where TOut : struct, IDim
    {
        int nIn = TIn.Value, nOut = TOut.Value;
        var rng = new Random(nIn * 1000 + nOut * 17 + m);
        float[] x = Random(rng, m * nIn), w = Random(rng, nOut * nIn), b = Random(rng, nOut);
        float[] expected = new float[m * nOut], scale = new float[m * nOut];
        DenseReference.Affine(x, w, b, expected, m, nIn, nOut);
        DenseReference.Affine(Abs(x), Abs(w), Abs(b), scale, m, nIn, nOut);

        float[] z = Padded(m * nOut);
        Dense.Affine<TIn, TOut>(x, w, b, z, m);
        AssertClose(expected, scale, z, $"Affine {nIn}→{nOut}, m={m}");
    }

    private static void CheckForward<TIn, TOut, TAct>(int m) where TIn : struct, IDim where TOut : struct, IDim where TAct : struct, IActivation
    {
        int nIn = TIn.Value, nOut = TOut.Value;
        var rng = new Random(nIn * 1000 + nOut * 17 + m + 5);
        float[] x = Random(rng, m * nIn), w = Random(rng, nOut * nIn), b = Random(rng, nOut);
        float[] zRef = new float[m * nOut], scale = new float[m * nOut];
        DenseReference.Affine(x, w, b, zRef, m, nIn, nOut);
        DenseReference.Affine(Abs(x), Abs(w), Abs(b), scale, m, nIn, nOut);
        string what = $"Forward<{typeof(TAct).Name}> {nIn}→{nOut}, m={m}";

        // Training form: Z and A in separate buffers.
        float[] z = Padded(m * nOut), a = Padded(m * nOut);
        Dense.Forward<TIn, TOut, TAct>(x, w, b, z, a, m);
        AssertClose(zRef, scale, z, what + " (Z)");
        float[] aRef = new float[m * nOut];
        DenseReference.Activate<TAct>(z.AsSpan(0, m * nOut), aRef);
        AssertClose(aRef, Ones(m * nOut), a, what + " (A)", RelTol);

        // Inference form: Z and A are the same buffer.
        float[] za = Padded(m * nOut);
        Dense.Forward<TIn, TOut, TAct>(x, w, b, za, za, m);
        float[] aExpected = new float[m * nOut];
        DenseReference.Activate<TAct>(zRef, aExpected);
        // g is 1-Lipschitz for every activation here, so A inherits Z's tolerance.
        float[] aScale = new float[m * nOut];
        for (int k = 0; k < aScale.Length; k++) aScale[k] = scale[k] + 0.1f;
        AssertClose(aExpected, aScale, za, what + " (A in place)");
    }

    private static void CheckBackwardWeights<TIn, TOut>(int m) where TIn : struct, IDim where TOut : struct, IDim
    {
        int nIn = TIn.Value, nOut = TOut.Value;
        var rng = new Random(nIn * 1000 + nOut * 17 + m + 11);
        float[] dz = Random(rng, m * nOut), x = Random(rng, m * nIn);
        float[] dwRef = new float[nOut * nIn], dbRef = new float[nOut], dwScale = new float[nOut * nIn], dbScale = new float[nOut];
        DenseReference.BackwardWeights(dz, x, dwRef, dbRef, m, nIn, nOut);
        DenseReference.BackwardWeights(Abs(dz), Abs(x), dwScale, dbScale, m, nIn, nOut);

        float[] dw = Padded(nOut * nIn), db = Padded(nOut);
        Dense.BackwardWeights<TIn, TOut>(dz, x, dw, db, m);
        AssertClose(dwRef, dwScale, dw, $"BackwardWeights {nIn}→{nOut}, m={m} (dW)");
        AssertClose(dbRef, dbScale, db, $"BackwardWeights {nIn}→{nOut}, m={m} (db)");
    }

    private static void CheckBackwardInput<TIn, TOut, TAct>(int m) where TIn : struct, IDim where TOut : struct, IDim where TAct : struct, IActivation
    {
        int nIn = TIn.Value, nOut = TOut.Value;
        var rng = new Random(nIn * 1000 + nOut * 17 + m + 23);
        float[] dz = Random(rng, m * nOut), w = Random(rng, nOut * nIn), zPrev = Random(rng, m * nIn, 3f);
        for (int k = 0; k < zPrev.Length; k += 13) zPrev[k] = 0f; // ReLU′(0) must agree too
        float[] expected = new float[m * nIn], scale = new float[m * nIn];
        DenseReference.BackwardInput<TAct>(dz, w, zPrev, expected, m, nIn, nOut);
        DenseReference.BackwardInput<Identity>(Abs(dz), Abs(w), zPrev, scale, m, nIn, nOut);
        for (int k = 0; k < scale.Length; k++)
            scale[k] = scale[k] * (MathF.Abs(TAct.Derivative(zPrev[k])) + DerivativeError<TAct>() / RelTol) + MathF.Abs(expected[k]);

        float[] dzPrev = Padded(m * nIn);
        Dense.BackwardInput<TIn, TOut, TAct>(dz, w, zPrev, dzPrev, m);
        AssertClose(expected, scale, dzPrev, $"BackwardInput<{typeof(TAct).Name}> {nIn}→{nOut}, m={m}");
    }

    /// <summary>
    /// Absolute error of the kernels' g′(z) beyond rounding: the vector tanh is a rational approximation within 6 ulp
    /// (tools/fit/tanh_rational.py), and g′ = 1 − tanh² turns that into up to 2·6·2⁻²⁴ ≈ 7e-7 where tanh saturates.
    /// </summary>
    private static float DerivativeError<TAct>() where TAct : struct, IActivation => typeof(TAct) == typeof(Tanh) ? 8e-7f : 0f;

    private static void CheckBackwardInputFromOutput<TIn, TOut, TAct>(int m) where TIn : struct, IDim where TOut : struct, IDim where TAct : struct, IActivation
    {
        int nIn = TIn.Value, nOut = TOut.Value;
        var rng = new Random(nIn * 1000 + nOut * 17 + m + 29);
        float[] dz = Random(rng, m * nOut), w = Random(rng, nOut * nIn), zPrev = Random(rng, m * nIn, 3f);
        for (int k = 0; k < zPrev.Length; k += 13) zPrev[k] = 0f;
        float[] aPrev = new float[m * nIn], expected = new float[m * nIn], scale = new float[m * nIn];
        DenseReference.Activate<TAct>(zPrev, aPrev);
        DenseReference.BackwardInput<TAct>(dz, w, zPrev, expected, m, nIn, nOut);
        DenseReference.BackwardInput<Identity>(Abs(dz), Abs(w), zPrev, scale, m, nIn, nOut);
        for (int k = 0; k < scale.Length; k++) scale[k] = scale[k] * MathF.Abs(TAct.Derivative(zPrev[k])) + MathF.Abs(expected[k]);

        float[] dzPrev = Padded(m * nIn);
        Dense.BackwardInputFromOutput<TIn, TOut, TAct>(dz, w, aPrev, dzPrev, m);
        AssertClose(expected, scale, dzPrev, $"BackwardInputFromOutput<{typeof(TAct).Name}> {nIn}→{nOut}, m={m}");
    }

    private static void CheckActivate<TAct>(int n) where TAct : struct, IActivation
    {
        var rng = new Random(n);
        float[] z = Random(rng, n, 12f);
        z[0] = 0f;
        if (n > 2) { z[1] = 100f; z[2] = -100f; }
        float[] expected = new float[n];
        DenseReference.Activate<TAct>(z, expected);

        float[] a = Padded(n);
        Dense.Activate<TAct>(z, a.AsSpan(0, n));
        AssertClose(expected, Ones(n), a, $"Activate<{typeof(TAct).Name}> n={n}", 2e-6f);

        float[] inPlace = (float[])z.Clone();
        Dense.Activate<TAct>(inPlace, inPlace);
        AssertClose(expected, Ones(n), inPlace, $"Activate<{typeof(TAct).Name}> in place n={n}", 2e-6f, checkPadding: false);
    }

    private static void AssertClose(float[] expected, float[] scale, float[] actual, string what, float rel = RelTol, bool checkPadding = true)
    {
        for (int k = 0; k < expected.Length; k++)
        {
            float tol = rel * scale[k] + 1e-7f;
            if (!(MathF.Abs(actual[k] - expected[k]) <= tol))
                Assert.Fail($"{what}: element {k} is {actual[k]:R}, expected {expected[k]:R} (tolerance {tol:R}).");
        }
        if (checkPadding)
            for (int k = expected.Length; k < actual.Length; k++)
                if (actual[k] != Sentinel) Assert.Fail($"{what}: wrote past the operand (element {k} of a {expected.Length}-element output).");
    }

    private static float[] Random(Random rng, int n, float range = 1f)
    {
        var v = new float[n];
        for (int k = 0; k < n; k++) v[k] = (float)(rng.NextDouble() * 2 - 1) * range;
        return v;
    }

    private static float[] Abs(float[] v) => Array.ConvertAll(v, MathF.Abs);

    private static float[] Ones(int n)
    {
        var v = new float[n];
        Array.Fill(v, 1f);
        return v;
    }

    private static float[] Padded(int n)
    {
        var v = new float[n + 19];
        Array.Fill(v, Sentinel);
        return v;
    }
}
