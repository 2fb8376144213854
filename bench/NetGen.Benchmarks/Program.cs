using System.Threading;
using System.Runtime.Intrinsics;
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace NetGen.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/NetGen.Benchmarks -- --filter '*'</c> runs every workload and its peers
/// with BenchmarkDotNet, then prints (and writes to BenchmarkDotNet.Artifacts/results/netgen-summary.md) one table of
/// medians, ratios against each peer and GFLOP/s as a share of the FMA peak measured in the same run.
/// <c>-- --quick [W1..W6|Peak]</c> is a Stopwatch loop for kernel work: no BenchmarkDotNet, a few seconds.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--quick") return Quick.Run(args.Skip(1).ToArray());

        // Two launches: on this VM a process's timing can be bimodal (memory placement, the plain loop's ~490 or ~720 ns),
        // and the median pools the iterations of both.
        var job = Job.Default.WithLaunchCount(2).WithWarmupCount(3).WithIterationCount(10);
        var config = DefaultConfig.Instance
            .AddJob(job.AsDefault())
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(StatisticColumn.Median)
            .WithOptions(ConfigOptions.JoinSummary);
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config).ToList();
        string table = SummaryTable.Build(summaries);
        if (table.Length > 0)
        {
            Console.WriteLine();
            Console.WriteLine(table);
            string dir = summaries.Select(s => s.ResultsDirectoryPath).FirstOrDefault(Directory.Exists) ?? ".";
            File.WriteAllText(Path.Combine(dir, "netgen-summary.md"), table);
        }
        return 0;
    }
}

/// <summary>The issue's table: medians, ratios against the peers, GFLOP/s and % of the measured FMA peak.</summary>
internal static class SummaryTable
{
    private sealed record Workload(string Id, string Type, string What, double Flops, string Target);

    private static readonly Workload[] Workloads =
    [
        new("W1", nameof(W1_Tiny_TrainStep_m4), "2-4-1 train step, m=4", Flops.TrainingStep(W1_Tiny_TrainStep_m4.Sizes, 4), "≥ 4× plain"),
        new("W2", nameof(W2_Small_TrainStep_m32), "30-16-8-1 train step, m=32", Flops.TrainingStep(W2_Small_TrainStep_m32.Sizes, 32), "≥ 4× plain"),
        new("W3", nameof(W3_Mnist_TrainStep_m64), "784-128-64-10 train step, m=64", Flops.TrainingStep(Mnist.Sizes, 64), "≥ 70% peak"),
        new("W4", nameof(W4_Mnist_Forward_m1), "784-128-64-10 forward, m=1", Flops.Forward(Mnist.Sizes, 1), "≥ 1.5× ORT"),
        new("W5", nameof(W5_Mnist_Forward_m256), "784-128-64-10 forward, m=256", Flops.Forward(Mnist.Sizes, 256), "≥ 0.9× ORT"),
        new("W6", nameof(W6_Wide_TrainStep_m128), "1024-1024-1024-10 train step, m=128", Flops.TrainingStep(W6_Wide_TrainStep_m128.Sizes, 128), "≥ 75% peak"),
    ];

    /// <summary>W3's network with m = 256, measured for the two-thread table only.</summary>
    private static readonly Workload W3x =
        new("W3′", nameof(W3x_Mnist_TrainStep_m256), "784-128-64-10 train step, m=256", Flops.TrainingStep(Mnist.Sizes, 256), "–");

    public static string Build(IReadOnlyList<Summary> summaries)
    {
        var rows = new Dictionary<(string Type, string Method), (double MedianNs, long? Bytes)>();
        foreach (var summary in summaries)
            foreach (var report in summary.Reports)
            {
                if (report.ResultStatistics is null) continue;
                var bc = report.BenchmarkCase;
                rows[(bc.Descriptor.Type.Name, bc.Descriptor.WorkloadMethod.Name)] =
                    (report.ResultStatistics.Median, report.GcStats.GetBytesAllocatedPerOperation(bc));
            }
        if (rows.Count == 0) return "";

        var inv = CultureInfo.InvariantCulture;
        double? peak = rows.TryGetValue((nameof(FmaPeak), nameof(FmaPeak.Vector256Fma12Chains)), out var p)
            ? FmaPeak.FlopsPerInvoke / p.MedianNs : null; // FLOP/ns = GFLOP/s
        // Without AVX-512, Vector512 is emulated in software: its "peak" is no peak, so those columns show "–".
        double? peak512 = Vector512.IsHardwareAccelerated && rows.TryGetValue((nameof(FmaPeak), nameof(FmaPeak.Vector512Fma12Chains)), out var p512)
            ? FmaPeak.FlopsPerInvoke512 / p512.MedianNs : null;
        var sb = new StringBuilder();
        sb.AppendLine(peak is double pk
            ? string.Create(inv, $"Measured single-core FP32 FMA peak: {pk:F1} GFLOP/s with 12 Vector256 FMA chains (the issue's peak), {(peak512 is double v ? v.ToString("F1", inv) + " GFLOP/s with 12 Vector512 chains" : "Vector512 not hardware-accelerated on this CPU")}.")
            : "FMA peak not measured in this run (run with --filter '*').");
        sb.AppendLine();
        sb.AppendLine("| Workload | NetGen median | Plain loop median | ONNX Runtime median | NetGen vs plain | NetGen vs ORT | NetGen GFLOP/s | % of V256 FMA peak | % of V512 FMA peak | NetGen alloc/op | Target | Met |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var w in Workloads)
        {
            if (!rows.TryGetValue((w.Type, "NetGen"), out var ng)) continue;
            rows.TryGetValue((w.Type, "PlainLoop"), out var plain);
            rows.TryGetValue((w.Type, "OnnxRuntime"), out var ort);
            double gflops = w.Flops / ng.MedianNs;
            double? vsPlain = plain.MedianNs > 0 ? plain.MedianNs / ng.MedianNs : null;
            double? vsOrt = ort.MedianNs > 0 ? ort.MedianNs / ng.MedianNs : null;
            double? pct = peak is double pk2 ? 100 * gflops / pk2 : null;
            double? pct512 = peak512 is double pk3 ? 100 * gflops / pk3 : null;
            bool? met = w.Id switch
            {
                "W1" or "W2" => vsPlain >= 4,
                "W3" => pct >= 70,
                "W4" => vsOrt >= 1.5,
                "W5" => vsOrt >= 0.9,
                "W6" => pct >= 75,
                _ => null,
            };
            met &= ng.Bytes == 0;
            sb.AppendLine(string.Create(inv,
                $"| {w.Id} {w.What} | {Time(ng.MedianNs)} | {Time(plain.MedianNs)} | {Time(ort.MedianNs)} | {Ratio(vsPlain)} | {Ratio(vsOrt)} | {gflops:F1} | {Pct(pct)} | {Pct(pct512)} | {ng.Bytes?.ToString(inv) ?? "?"} B | {w.Target} | {(met is null ? "–" : met.Value ? "yes" : "no")} |"));
        }
        AppendTwoThreadRows(sb, rows, inv);
        sb.AppendLine();
        sb.AppendLine("Ratios are peer median / NetGen median (× faster; for W5 that is the ratio of samples/s). FLOPs as the issue counts them: 2·in·out per layer per example forward, 3× that for a training step (this counts dA0, which no implementation computes).");
        return sb.ToString();
    }

    /// <summary>The optional rows: training steps split across two threads, against the two-thread FMA peak.</summary>
    private static void AppendTwoThreadRows(StringBuilder sb, Dictionary<(string Type, string Method), (double MedianNs, long? Bytes)> rows, CultureInfo inv)
    {
        double? peak = rows.TryGetValue((nameof(FmaPeak), nameof(FmaPeak.Vector256Fma12ChainsTwoThreads)), out var p)
            ? 2 * FmaPeak.FlopsPerInvoke / p.MedianNs : null;
        double? peak512 = Vector512.IsHardwareAccelerated && rows.TryGetValue((nameof(FmaPeak), nameof(FmaPeak.Vector512Fma12ChainsTwoThreads)), out var p512)
            ? 2 * FmaPeak.FlopsPerInvoke512 / p512.MedianNs : null;
        var twoThreadRows = Workloads.Append(W3x)
            .Where(w => rows.ContainsKey((w.Type, "NetGenTwoThreads")))
            .Select(w => (w, two: rows[(w.Type, "NetGenTwoThreads")], one: rows.GetValueOrDefault((w.Type, "NetGen"))))
            .ToList();
        if (twoThreadRows.Count == 0) return;
        sb.AppendLine();
        sb.AppendLine(string.Create(inv, $"Two threads (optional rows; `Trainer` with `threads: 2`): two-core FP32 FMA peak {peak ?? 0:F1} GFLOP/s with Vector256{(peak512 is double v2 ? ", " + v2.ToString("F1", inv) + " GFLOP/s with Vector512" : "")}, measured in the same run."));
        sb.AppendLine();
        sb.AppendLine("| Workload | NetGen 2 threads median | NetGen 1 thread median | speed-up | GFLOP/s | % of 2-thread V256 peak | % of 2-thread V512 peak | alloc/op |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (w, two, one) in twoThreadRows)
        {
            double gflops = w.Flops / two.MedianNs;
            sb.AppendLine(string.Create(inv,
                $"| {w.Id} {w.What} | {Time(two.MedianNs)} | {Time(one.MedianNs)} | {Ratio(one.MedianNs > 0 ? one.MedianNs / two.MedianNs : null)} | {gflops:F1} | {Pct(peak is double a ? 100 * gflops / a : null)} | {Pct(peak512 is double b ? 100 * gflops / b : null)} | {two.Bytes?.ToString(inv) ?? "?"} B |"));
        }
    }

    private static string Time(double ns) => ns <= 0 ? "–"
        : ns < 1e3 ? ns.ToString("F1", CultureInfo.InvariantCulture) + " ns"
        : ns < 1e6 ? (ns / 1e3).ToString("F2", CultureInfo.InvariantCulture) + " µs"
        : (ns / 1e6).ToString("F2", CultureInfo.InvariantCulture) + " ms";

    private static string Pct(double? p) => p is double v ? v.ToString("F0", CultureInfo.InvariantCulture) + " %" : "–";

    private static string Ratio(double? r) => r is double v ? v.ToString("F2", CultureInfo.InvariantCulture) + "×" : "–";
}

/// <summary>A quick Stopwatch harness for kernel work (not the published numbers).</summary>
internal static class Quick
{
    private static float Sink;

    public static int Run(string[] which)
    {
        bool All(string id) => which.Length == 0 || which.Contains(id, StringComparer.OrdinalIgnoreCase);
        double peak = 0;
        if (All("Peak"))
        {
            Func<float> fma = new FmaPeak().Vector256Fma12Chains; // through a delegate: the result must not be dropped
            double ns = Measure(() => Sink = fma(), 0.5);
            peak = FmaPeak.FlopsPerInvoke / ns;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Peak  {peak,8:F1} GFLOP/s"));
        }
        void Report(string id, double flops, Func<float> netgen, Func<float>? peer, string peerName)
        {
            double ns = Measure(() => Sink = netgen(), 1.0);
            double peerNs = peer is null ? 0 : Measure(() => Sink = peer(), 1.0);
            double gf = flops / ns;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{id}  NetGen {ns / 1e3,10:F2} µs  {gf,7:F1} GFLOP/s {(peak > 0 ? 100 * gf / peak : 0),5:F0} %   {peerName} {peerNs / 1e3,10:F2} µs  ×{(peerNs > 0 ? peerNs / ns : 0):F2}"));
        }
        // Piece-by-piece modes: each takes the measuring function (fastest batch of thread CPU time).
        Func<Func<float>, double> measure = f => Measure(() => Sink = f(), 0.5);
        var pieces = new (string Mode, Action Run)[]
        {
            ("Align", () => KernelQuick.Alignment(measure)),
            ("Sgd", () => KernelQuick.Sgd(measure)),
            ("Split", () => KernelQuick.Split(measure)),
            ("W4Parts", () => KernelQuick.W4Parts(measure)),
            ("W5Parts", () => KernelQuick.W5Parts(measure)),
            ("Tiny", () => KernelQuick.Tiny(f => Measure(() => Sink = f(), 0.3))),
        };
        foreach (var (mode, run) in pieces)
            if (which.Contains(mode, StringComparer.OrdinalIgnoreCase))
            {
                run();
                return 0;
            }
        if (which.Contains("Kernels", StringComparer.OrdinalIgnoreCase))
        {
            KernelQuick.Run(f => Measure(() => Sink = f(), 0.5), peak > 0 ? peak : 100);
            return 0;
        }
        if (All("W1")) { var b = new W1_Tiny_TrainStep_m4(); Report("W1", Flops.TrainingStep(W1_Tiny_TrainStep_m4.Sizes, 4), b.NetGen, b.PlainLoop, "plain"); }
        if (All("W2")) { var b = new W2_Small_TrainStep_m32(); Report("W2", Flops.TrainingStep(W2_Small_TrainStep_m32.Sizes, 32), b.NetGen, b.PlainLoop, "plain"); }
        if (All("W3")) { var b = new W3_Mnist_TrainStep_m64(); Report("W3", Flops.TrainingStep(Mnist.Sizes, 64), b.NetGen, null, ""); }
        if (All("W4")) { var b = new W4_Mnist_Forward_m1(); b.Setup(); Report("W4", Flops.Forward(Mnist.Sizes, 1), b.NetGen, () => { b.OnnxRuntime(); return 0; }, "ORT"); b.Dispose(); }
        if (All("W5")) { var b = new W5_Mnist_Forward_m256(); b.Setup(); Report("W5", Flops.Forward(Mnist.Sizes, 256), b.NetGen, () => { b.OnnxRuntime(); return 0; }, "ORT"); b.Dispose(); }
        if (All("W6")) { var b = new W6_Wide_TrainStep_m128(); Report("W6", Flops.TrainingStep(W6_Wide_TrainStep_m128.Sizes, 128), b.NetGen, null, ""); }
        if (which.Contains("Threads", StringComparer.OrdinalIgnoreCase))
        {
            // Two threads: thread CPU time would miss the second thread's work, so these are fastest wall-clock batches.
            var fma = new FmaPeak();
            double peak2 = 2 * FmaPeak.FlopsPerInvoke / MeasureWall(() => Sink = fma.Vector256Fma12ChainsTwoThreads(), 1.0);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Peak, 2 threads  {peak2,8:F1} GFLOP/s"));
            var w3 = new W3x_Mnist_TrainStep_m256();
            var w6 = new W6_Wide_TrainStep_m128();
            foreach (var (id, flops, one, two) in new (string, double, Func<float>, Func<float>)[]
            {
                ("W3′", Flops.TrainingStep(Mnist.Sizes, 256), w3.NetGen, w3.NetGenTwoThreads),
                ("W6", Flops.TrainingStep(W6_Wide_TrainStep_m128.Sizes, 128), w6.NetGen, w6.NetGenTwoThreads),
            })
            {
                double oneNs = MeasureWall(() => Sink = one(), 1.0), twoNs = MeasureWall(() => Sink = two(), 1.0);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{id}  1 thread {oneNs / 1e3,10:F2} µs   2 threads {twoNs / 1e3,10:F2} µs  ×{oneNs / twoNs:F2}  {flops / twoNs,7:F1} GFLOP/s {100 * flops / twoNs / peak2,5:F0} % of 2-thread peak"));
                // Allocation on every thread (as MemoryDiagnoser counts it) over 200 more two-thread steps.
                int poolThreads = ThreadPool.ThreadCount;
                long before = GC.GetTotalAllocatedBytes(precise: true);
                for (int r = 0; r < 200; r++) Sink = two();
                long bytes = GC.GetTotalAllocatedBytes(precise: true) - before;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{id}  2 threads: {bytes} B allocated in 200 steps; thread pool {poolThreads} -> {ThreadPool.ThreadCount} threads"));
            }
        }
        return 0;
    }

    /// <summary>Fastest 10 ms batch in wall-clock ns per call (for work spread over several threads).</summary>
    private static double MeasureWall(Action action, double seconds)
    {
        for (var warm = Stopwatch.StartNew(); warm.ElapsedMilliseconds < 500;) action();
        double best = double.MaxValue;
        for (var total = Stopwatch.StartNew(); total.Elapsed.TotalSeconds < seconds;)
        {
            var batch = Stopwatch.StartNew();
            long calls = 0;
            while (batch.ElapsedMilliseconds < 10) { action(); calls++; }
            best = Math.Min(best, batch.Elapsed.TotalNanoseconds / calls);
        }
        return best;
    }

    /// <summary>
    /// Fastest batch, in ns of this thread's CPU time per call (CLOCK_THREAD_CPUTIME_ID): on a shared, loaded VM the
    /// wall clock mostly measures other processes; the thread's own CPU time does not.
    /// </summary>
    private static double Measure(Action action, double seconds)
    {
        for (int i = 0; i < 3; i++) action();
        var sw = Stopwatch.StartNew();
        long calls = 0;
        while (sw.ElapsedMilliseconds < 100 || calls < 5) { action(); calls++; }
        // Let tiered compilation finish (tier-1 code replaces tier-0 a little after the 30th call).
        for (var warm = Stopwatch.StartNew(); warm.ElapsedMilliseconds < 400;) action();
        long perBatch = Math.Max(1, (long)(calls * 10.0 / sw.Elapsed.TotalMilliseconds));
        double best = double.MaxValue;
        var total = Stopwatch.StartNew();
        int batches = 0;
        while (total.Elapsed.TotalSeconds < seconds || batches < 5)
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
        if (!OperatingSystem.IsLinux()) return Stopwatch.GetTimestamp() * (1_000_000_000L / Stopwatch.Frequency);
        ClockGetTime(3, out var t); // CLOCK_THREAD_CPUTIME_ID
        return t.Seconds * 1_000_000_000L + t.Nanoseconds;
    }
}
