using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;

namespace NetGen.Benchmarks;

/// <summary>
/// Peer (c): this core's FP32 FMA peak, measured in the same run. Twelve independent FMA chains (more than
/// latency × throughput = 4 × 2 on current x64 cores), no loads or stores in the loop: once with Vector256 (the
/// issue's definition of the peak) and once with Vector512, which is twice as fast on cores with full-width
/// AVX-512 units (AMD Zen 5, Intel server cores) and the same on double-pumped ones (Zen 4).
/// The 128-bit peak (<see cref="Vector128MultiplyAdd12Chains"/>) is the yardstick of the 128-bit path
/// (<c>DOTNET_EnableAVX=0</c>, ARM64 AdvSimd, WebAssembly): <c>Vector128.MultiplyAddEstimate</c>, which is one fused
/// instruction where the ISA in use has one and a multiply then an add where it does not (x64 without VEX has no
/// FMA), exactly as the kernels' multiply-adds.
/// </summary>
[BenchmarkCategory("Peak")]
public class FmaPeak
{
    /// <summary>FMA instructions per chain per invocation.</summary>
    public const int Iterations = 1 << 20;
    /// <summary>Independent accumulator chains.</summary>
    public const int Chains = 12;
    /// <summary>FLOPs per invocation of the Vector256 loop: chains × iterations × 8 lanes × 2 (multiply + add).</summary>
    public const double FlopsPerInvoke = (double)Chains * Iterations * 8 * 2;
    /// <summary>FLOPs per invocation of the Vector512 loop (16 lanes).</summary>
    public const double FlopsPerInvoke512 = 2 * FlopsPerInvoke;
    /// <summary>FLOPs per invocation of the Vector128 loop (4 lanes).</summary>
    public const double FlopsPerInvoke128 = FlopsPerInvoke / 2;

    private float _a = 0.9999f, _b = 1e-4f;

    [Benchmark]
    public float Vector256Fma12Chains()
    {
        var a = Vector256.Create(_a);
        var b = Vector256.Create(_b);
        Vector256<float> c0 = Vector256.Create(0.0f), c1 = Vector256.Create(0.1f), c2 = Vector256.Create(0.2f), c3 = Vector256.Create(0.3f),
                         c4 = Vector256.Create(0.4f), c5 = Vector256.Create(0.5f), c6 = Vector256.Create(0.6f), c7 = Vector256.Create(0.7f),
                         c8 = Vector256.Create(0.8f), c9 = Vector256.Create(0.9f), c10 = Vector256.Create(1.0f), c11 = Vector256.Create(1.1f);
        for (int i = 0; i < Iterations; i++)
        {
            c0 = Vector256.FusedMultiplyAdd(c0, a, b); c1 = Vector256.FusedMultiplyAdd(c1, a, b);
            c2 = Vector256.FusedMultiplyAdd(c2, a, b); c3 = Vector256.FusedMultiplyAdd(c3, a, b);
            c4 = Vector256.FusedMultiplyAdd(c4, a, b); c5 = Vector256.FusedMultiplyAdd(c5, a, b);
            c6 = Vector256.FusedMultiplyAdd(c6, a, b); c7 = Vector256.FusedMultiplyAdd(c7, a, b);
            c8 = Vector256.FusedMultiplyAdd(c8, a, b); c9 = Vector256.FusedMultiplyAdd(c9, a, b);
            c10 = Vector256.FusedMultiplyAdd(c10, a, b); c11 = Vector256.FusedMultiplyAdd(c11, a, b);
        }
        return Vector256.Sum(((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7)) + ((c8 + c9) + (c10 + c11)));
    }

    /// <summary>
    /// The 128-bit multiply-add peak: 12 chains of <c>Vector128.MultiplyAddEstimate</c>. Twelve chains cover the
    /// unfused form too (a multiply and an add per step: ~7 cycles of latency against 2 vector ports per kind).
    /// </summary>
    [Benchmark]
    public float Vector128MultiplyAdd12Chains()
    {
        var a = Vector128.Create(_a);
        var b = Vector128.Create(_b);
        Vector128<float> c0 = Vector128.Create(0.0f), c1 = Vector128.Create(0.1f), c2 = Vector128.Create(0.2f), c3 = Vector128.Create(0.3f),
                         c4 = Vector128.Create(0.4f), c5 = Vector128.Create(0.5f), c6 = Vector128.Create(0.6f), c7 = Vector128.Create(0.7f),
                         c8 = Vector128.Create(0.8f), c9 = Vector128.Create(0.9f), c10 = Vector128.Create(1.0f), c11 = Vector128.Create(1.1f);
        for (int i = 0; i < Iterations; i++)
        {
            c0 = Vector128.MultiplyAddEstimate(c0, a, b); c1 = Vector128.MultiplyAddEstimate(c1, a, b);
            c2 = Vector128.MultiplyAddEstimate(c2, a, b); c3 = Vector128.MultiplyAddEstimate(c3, a, b);
            c4 = Vector128.MultiplyAddEstimate(c4, a, b); c5 = Vector128.MultiplyAddEstimate(c5, a, b);
            c6 = Vector128.MultiplyAddEstimate(c6, a, b); c7 = Vector128.MultiplyAddEstimate(c7, a, b);
            c8 = Vector128.MultiplyAddEstimate(c8, a, b); c9 = Vector128.MultiplyAddEstimate(c9, a, b);
            c10 = Vector128.MultiplyAddEstimate(c10, a, b); c11 = Vector128.MultiplyAddEstimate(c11, a, b);
        }
        return Vector128.Sum(((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7)) + ((c8 + c9) + (c10 + c11)));
    }

    [Benchmark]
    public float Vector512Fma12Chains()
    {
        var a = Vector512.Create(_a);
        var b = Vector512.Create(_b);
        Vector512<float> c0 = Vector512.Create(0.0f), c1 = Vector512.Create(0.1f), c2 = Vector512.Create(0.2f), c3 = Vector512.Create(0.3f),
                         c4 = Vector512.Create(0.4f), c5 = Vector512.Create(0.5f), c6 = Vector512.Create(0.6f), c7 = Vector512.Create(0.7f),
                         c8 = Vector512.Create(0.8f), c9 = Vector512.Create(0.9f), c10 = Vector512.Create(1.0f), c11 = Vector512.Create(1.1f);
        for (int i = 0; i < Iterations; i++)
        {
            c0 = Vector512.FusedMultiplyAdd(c0, a, b); c1 = Vector512.FusedMultiplyAdd(c1, a, b);
            c2 = Vector512.FusedMultiplyAdd(c2, a, b); c3 = Vector512.FusedMultiplyAdd(c3, a, b);
            c4 = Vector512.FusedMultiplyAdd(c4, a, b); c5 = Vector512.FusedMultiplyAdd(c5, a, b);
            c6 = Vector512.FusedMultiplyAdd(c6, a, b); c7 = Vector512.FusedMultiplyAdd(c7, a, b);
            c8 = Vector512.FusedMultiplyAdd(c8, a, b); c9 = Vector512.FusedMultiplyAdd(c9, a, b);
            c10 = Vector512.FusedMultiplyAdd(c10, a, b); c11 = Vector512.FusedMultiplyAdd(c11, a, b);
        }
        return Vector512.Sum(((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7)) + ((c8 + c9) + (c10 + c11)));
    }

    /// <summary>Vector256Fma12Chains on two threads at once (FLOPs: 2 × <see cref="FlopsPerInvoke"/>): the two-core peak.</summary>
    [Benchmark]
    public float Vector256Fma12ChainsTwoThreads() => OnTwoThreads(Vector256Fma12Chains);

    /// <summary>Vector512Fma12Chains on two threads at once (FLOPs: 2 × <see cref="FlopsPerInvoke512"/>).</summary>
    [Benchmark]
    public float Vector512Fma12ChainsTwoThreads() => OnTwoThreads(Vector512Fma12Chains);

    private static float OnTwoThreads(System.Func<float> loop)
    {
        float first = 0, second = 0;
        System.Threading.Tasks.Parallel.Invoke(() => first = loop(), () => second = loop());
        return first + second;
    }
}
