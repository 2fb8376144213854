// The measurement app of bench/aot/run.sh: copied into a fresh console project outside the repository that
// references only the NetGen package and sets PublishAot=true, then run under the JIT and as Native AOT binaries.
// W3: 784-128-64-10 training step, m = 64 (ComputeGradients + GradientDescent.Step), in samples/s.
// W4: the same network's forward to probabilities, one example, in µs.
// Each figure is the fastest of several timed batches (after a warm-up that lets tiered compilation finish), in
// this thread's CPU time (CLOCK_THREAD_CPUTIME_ID on Linux): on a shared, loaded VM the wall clock mostly measures
// other processes. Prints "W3 <samples/s>" and "W4 <µs>" lines for run.sh to read.
using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using NetGen;

double seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 3;

Console.WriteLine($"runtime: {(RuntimeFeature.IsDynamicCodeSupported ? "JIT" : "Native AOT")}, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.ProcessArchitecture}");
Console.WriteLine($"vectors: Vector128 {Vector128.IsHardwareAccelerated}, Vector256 {Vector256.IsHardwareAccelerated}, Vector512 {Vector512.IsHardwareAccelerated}; " +
                  $"Avx2 {Avx2.IsSupported}, Fma {Fma.IsSupported}, Avx512F {Avx512F.IsSupported}");

const int M = 64;
var train = new MnistNet(3);
var sgd = new GradientDescent(0.001f);
var grads = new float[MnistNet.ParameterCount];
float[] x3 = Synthetic.Inputs(M, 784, 3), y3 = Synthetic.Targets(M, 10, 3);
float cost = 0;
double stepNs = Timing.Best(() =>
{
    cost = train.ComputeGradients(x3, y3, grads);
    sgd.Step(train.Parameters, grads);
}, seconds);
if (!float.IsFinite(cost)) throw new InvalidOperationException($"W3's cost is {cost}");

var forward = new MnistNet(4);
float[] x4 = Synthetic.Inputs(1, 784, 4), p4 = new float[10];
double forwardNs = Timing.Best(() => forward.Forward(x4, p4), seconds);
float sum = 0;
foreach (float p in p4) sum += p;
if (MathF.Abs(sum - 1) > 1e-4f) throw new InvalidOperationException($"W4's probabilities add up to {sum}");

Console.WriteLine($"W3 {M * 1e9 / stepNs:F0} samples/s ({stepNs / 1000:F1} µs a step of {M}; cost {cost:F4})");
Console.WriteLine($"W4 {forwardNs / 1000:F2} µs a forward of one example");

/// <summary>W3–W5 of bench/NetGen.Benchmarks: 784-128-64-10, ReLU, ReLU, softmax, cross-entropy.</summary>
[Network(784, Loss = Loss.CrossEntropy)]
[Dense(128, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
partial class MnistNet;

/// <summary>Seeded synthetic inputs in [−1, 1) and one-hot targets, as bench/NetGen.Benchmarks makes them.</summary>
static class Synthetic
{
    public static float[] Inputs(int m, int n, int seed)
    {
        var rng = new Random(seed);
        var x = new float[m * n];
        for (int k = 0; k < x.Length; k++) x[k] = (float)(rng.NextDouble() * 2 - 1);
        return x;
    }

    public static float[] Targets(int m, int n, int seed)
    {
        var rng = new Random(seed + 1);
        var y = new float[m * n];
        for (int i = 0; i < m; i++) y[i * n + rng.Next(n)] = 1f;
        return y;
    }
}

static class Timing
{
    /// <summary>Fastest batch (about 10 ms each) in ns of this thread's CPU time per call, after a 1 s warm-up.</summary>
    public static double Best(Action action, double seconds)
    {
        var sw = Stopwatch.StartNew();
        long calls = 0;
        // Warm-up: tier-0 code, then tier-1 (with dynamic PGO) replaces it after 30 calls and a short delay.
        while (sw.ElapsedMilliseconds < 1000 || calls < 50) { action(); calls++; }
        long perBatch = Math.Max(1, (long)(calls * 10.0 / sw.Elapsed.TotalMilliseconds));
        double best = double.MaxValue;
        var total = Stopwatch.StartNew();
        int batches = 0;
        while (total.Elapsed.TotalSeconds < seconds || batches < 10)
        {
            long t0 = ThreadCpuNs();
            for (long k = 0; k < perBatch; k++) action();
            best = Math.Min(best, (double)(ThreadCpuNs() - t0) / perBatch);
            batches++;
        }
        return best;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec { public long Seconds, Nanoseconds; }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out Timespec time);

    private static long ThreadCpuNs()
    {
        if (!OperatingSystem.IsLinux()) return (long)(Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency));
        ClockGetTime(3, out var t); // CLOCK_THREAD_CPUTIME_ID
        return t.Seconds * 1_000_000_000L + t.Nanoseconds;
    }
}
