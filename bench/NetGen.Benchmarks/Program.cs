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

        // The TensorPrimitives peer must compute what the plain loop computes before either is timed.
        Console.WriteLine(Isa.Describe());
        TensorPrimitivesMlp.CheckAllWorkloads(Console.WriteLine);

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
    /// <param name="Flops">FLOPs as the first issue counts them (training: 3 × forward, dA0 included).</param>
    /// <param name="ExecutedFlops">FLOPs a step really executes (dA0 of the first layer is never computed).</param>
    private sealed record Workload(string Id, string Type, string What, double Flops, double ExecutedFlops, string Target);

    private static readonly Workload[] Workloads =
    [
        new("W1", nameof(W1_Tiny_TrainStep_m4), "2-4-1 train step, m=4", Flops.TrainingStep(W1_Tiny_TrainStep_m4.Sizes, 4), Flops.TrainingStepExecuted(W1_Tiny_TrainStep_m4.Sizes, 4), "≥ 4× plain"),
        new("W2", nameof(W2_Small_TrainStep_m32), "30-16-8-1 train step, m=32", Flops.TrainingStep(W2_Small_TrainStep_m32.Sizes, 32), Flops.TrainingStepExecuted(W2_Small_TrainStep_m32.Sizes, 32), "≥ 4× plain"),
        new("W3", nameof(W3_Mnist_TrainStep_m64), "784-128-64-10 train step, m=64", Flops.TrainingStep(Mnist.Sizes, 64), Flops.TrainingStepExecuted(Mnist.Sizes, 64), "≥ 70% peak"),
        new("W4", nameof(W4_Mnist_Forward_m1), "784-128-64-10 forward, m=1", Flops.Forward(Mnist.Sizes, 1), Flops.ForwardExecuted(Mnist.Sizes, 1), "≥ 1.5× ORT"),
        new("W5", nameof(W5_Mnist_Forward_m256), "784-128-64-10 forward, m=256", Flops.Forward(Mnist.Sizes, 256), Flops.ForwardExecuted(Mnist.Sizes, 256), "≥ 0.9× ORT"),
        new("W6", nameof(W6_Wide_TrainStep_m128), "1024-1024-1024-10 train step, m=128", Flops.TrainingStep(W6_Wide_TrainStep_m128.Sizes, 128), Flops.TrainingStepExecuted(W6_Wide_TrainStep_m128.Sizes, 128), "≥ 75% peak"),
    ];

    /// <summary>W3's network with m = 256, measured for the two-thread table only.</summary>
    private static readonly Workload W3x =
        new("W3′", nameof(W3x_Mnist_TrainStep_m256), "784-128-64-10 train step, m=256", Flops.TrainingStep(Mnist.Sizes, 256), Flops.TrainingStepExecuted(Mnist.Sizes, 256), "–");

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
        // A vector width that is not hardware-accelerated (Vector512 without AVX-512, Vector256 with
        // DOTNET_EnableAVX=0) runs in software: its "peak" is no peak, so those columns show "–".
        double? peak = Vector256.IsHardwareAccelerated && rows.TryGetValue((nameof(FmaPeak), nameof(FmaPeak.Vector256Fma12Chains)), out var p)
            ? FmaPeak.FlopsPerInvoke / p.MedianNs : null; // FLOP/ns = GFLOP/s
        double? peak512 = Vector512.IsHardwareAccelerated && rows.TryGetValue((nameof(FmaPeak), nameof(FmaPeak.Vector512Fma12Chains)), out var p512)
            ? FmaPeak.FlopsPerInvoke512 / p512.MedianNs : null;
        double? peak128 = rows.TryGetValue((nameof(FmaPeak), nameof(FmaPeak.Vector128MultiplyAdd12Chains)), out var p128)
            ? FmaPeak.FlopsPerInvoke128 / p128.MedianNs : null;
        var sb = new StringBuilder();
        sb.AppendLine(Isa.Describe());
        sb.AppendLine();
        sb.AppendLine(peak is double pk
            ? string.Create(inv, $"Measured single-core FP32 FMA peak: {pk:F1} GFLOP/s with 12 Vector256 FMA chains (the issue's peak), {(peak512 is double v ? v.ToString("F1", inv) + " GFLOP/s with 12 Vector512 chains" : Vector512.IsHardwareAccelerated ? "Vector512 peak not measured in this run" : "Vector512 not hardware-accelerated in this run")}.")
            : Vector256.IsHardwareAccelerated ? "FMA peak not measured in this run (run with --filter '*')." : "Vector256 is not hardware-accelerated in this run (DOTNET_EnableAVX=0?): no V256/V512 peak.");
        sb.AppendLine(peak128 is double pk128
            ? string.Create(inv, $"Measured single-core FP32 128-bit multiply-add peak (V128 peak): {pk128:F1} GFLOP/s with 12 Vector128.MultiplyAddEstimate chains.")
            : "V128 peak not measured in this run.");
        sb.AppendLine();
        sb.AppendLine("| Workload | NetGen median | Plain loop median | TP median | ONNX Runtime median | NetGen vs plain | NetGen vs TP | NetGen vs ORT | NetGen GFLOP/s | % of V256 FMA peak | % of V512 FMA peak | % of V128 peak (executed FLOPs) | NetGen alloc/op | TP alloc/op | Target | Met |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
        var targets128 = new List<string>();
        foreach (var w in Workloads)
        {
            if (!rows.TryGetValue((w.Type, "NetGen"), out var ng)) continue;
            rows.TryGetValue((w.Type, "PlainLoop"), out var plain);
            rows.TryGetValue((w.Type, "OnnxRuntime"), out var ort);
            bool hasTp = rows.TryGetValue((w.Type, "TensorPrimitivesPeer"), out var tp);
            double gflops = w.Flops / ng.MedianNs;
            double? vsPlain = plain.MedianNs > 0 ? plain.MedianNs / ng.MedianNs : null;
            double? vsTp = tp.MedianNs > 0 ? tp.MedianNs / ng.MedianNs : null;
            double? vsOrt = ort.MedianNs > 0 ? ort.MedianNs / ng.MedianNs : null;
            double? pct = peak is double pk2 ? 100 * gflops / pk2 : null;
            double? pct512 = peak512 is double pk3 ? 100 * gflops / pk3 : null;
            double? pct128 = peak128 is double pk4 ? 100 * (w.ExecutedFlops / ng.MedianNs) / pk4 : null;
            // The 128-bit issue's targets (meant for runs with DOTNET_EnableAVX=0): ≥ 2× TP everywhere, ≥ 60 % of the V128 peak for W3, W5, W6.
            bool? met128 = vsTp >= 2;
            if (w.Id is "W3" or "W5" or "W6") met128 &= pct128 >= 60;
            targets128.Add(string.Create(inv, $"{w.Id} {(met128 is null ? "–" : met128.Value ? "yes" : "no")}"));
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
                $"| {w.Id} {w.What} | {Time(ng.MedianNs)} | {Time(plain.MedianNs)} | {Time(tp.MedianNs)} | {Time(ort.MedianNs)} | {Ratio(vsPlain)} | {Ratio(vsTp)} | {Ratio(vsOrt)} | {gflops:F1} | {Pct(pct)} | {Pct(pct512)} | {Pct(pct128)} | {ng.Bytes?.ToString(inv) ?? "?"} B | {(hasTp ? (tp.Bytes?.ToString(inv) ?? "?") + " B" : "–")} | {w.Target} | {(met is null ? "–" : met.Value ? "yes" : "no")} |"));
        }
        sb.AppendLine();
        sb.AppendLine("128-bit targets (≥ 2× TP on W1–W6, ≥ 60 % of the V128 peak in executed FLOPs on W3, W5, W6; meant for DOTNET_EnableAVX=0): " + string.Join(", ", targets128) + ".");
        AppendTwoThreadRows(sb, rows, inv);
        sb.AppendLine();
        sb.AppendLine("Ratios are peer median / NetGen median (× faster; for W5 that is the ratio of samples/s). TP is the TensorPrimitives peer (TensorPrimitivesMlp.cs). "
            + "NetGen GFLOP/s and the V256/V512 columns count FLOPs as the first issue does: 2·in·out per layer per example forward, 3× that for a training step (this counts dA0, which no implementation computes). "
            + "The V128 column counts executed FLOPs: a training step's first layer is 4·in·out per example, not 6.");
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

/// <summary>
/// Which vector widths and x64 instruction sets this process runs with. They follow the runtime's knobs: on .NET 10,
/// <c>DOTNET_EnableAVX=0</c> turns off AVX and everything above it (AVX2, FMA, AVX-512) and <c>DOTNET_EnableAVX512=0</c>
/// turns off AVX-512, but <c>DOTNET_EnableAVX512F=0</c> is no longer read (AVX-512 stays on): the line shows what
/// really took effect.
/// </summary>
internal static class Isa
{
    public static string Describe()
    {
        static string YesNo(bool b) => b ? "yes" : "no";
        string env = string.Join(" ", new[] { "DOTNET_EnableHWIntrinsic", "DOTNET_EnableAVX", "DOTNET_EnableAVX2", "DOTNET_EnableAVX512", "DOTNET_EnableAVX512F", "DOTNET_EnableFMA", "DOTNET_PreferredVectorBitWidth" }
            .Select(v => (v, Environment.GetEnvironmentVariable(v))).Where(p => p.Item2 is not null).Select(p => $"{p.v}={p.Item2}"));
        return $"Vector128/256/512 accelerated: {YesNo(Vector128.IsHardwareAccelerated)}/{YesNo(Vector256.IsHardwareAccelerated)}/{YesNo(Vector512.IsHardwareAccelerated)}; "
            + $"x64 AVX {YesNo(System.Runtime.Intrinsics.X86.Avx.IsSupported)}, FMA {YesNo(System.Runtime.Intrinsics.X86.Fma.IsSupported)}, AVX-512F {YesNo(System.Runtime.Intrinsics.X86.Avx512F.IsSupported)}; "
            + $"ARM64 AdvSimd {YesNo(System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported)}; {(env.Length > 0 ? env : "no DOTNET_Enable* overrides")}";
    }
}

/// <summary>A quick Stopwatch harness for kernel work (not the published numbers).</summary>
internal static class Quick
{
    private static float Sink;

    public static int Run(string[] which)
    {
        bool All(string id) => which.Length == 0 || which.Contains(id, StringComparer.OrdinalIgnoreCase);
        double peak = 0, peak128 = 0;
        if (All("Peak"))
        {
            Console.WriteLine(Isa.Describe());
            // Through delegates: the result must not be dropped. A width that is not hardware-accelerated runs in
            // software and has no peak to speak of, so it is not measured.
            var loops = new FmaPeak();
            Func<float> v128 = loops.Vector128MultiplyAdd12Chains;
            peak128 = FmaPeak.FlopsPerInvoke128 / Measure(() => Sink = v128(), 0.5);
            if (Vector256.IsHardwareAccelerated)
            {
                Func<float> fma = loops.Vector256Fma12Chains;
                peak = FmaPeak.FlopsPerInvoke / Measure(() => Sink = fma(), 0.5);
            }
            double peak512 = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                Func<float> fma512 = loops.Vector512Fma12Chains;
                peak512 = FmaPeak.FlopsPerInvoke512 / Measure(() => Sink = fma512(), 0.5);
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Peak  {peak,8:F1} GFLOP/s (V256 FMA)   V128 peak {peak128,6:F1} GFLOP/s   V512 {peak512,6:F1} GFLOP/s   (0 = not hardware-accelerated)"));
        }
        var targets128 = new List<string>();
        // One line per workload: NetGen's time, GFLOP/s in the first issue's count and % of the V256 peak, % of the
        // V128 peak in executed FLOPs, then each peer's time and NetGen's speed-up over it.
        void Report(string id, double flops, double executedFlops, Func<float> netgen, params (string Name, Func<float> Run)[] peers)
        {
            double ns = Measure(() => Sink = netgen(), 1.0);
            double gf = flops / ns, pct128 = peak128 > 0 ? 100 * executedFlops / ns / peak128 : 0;
            var line = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
                $"{id}  NetGen {ns / 1e3,10:F2} µs  {gf,7:F1} GFLOP/s {(peak > 0 ? 100 * gf / peak : 0),5:F0} %  V128 {pct128,5:F0} %"));
            double vsTp = 0;
            foreach (var (name, run) in peers)
            {
                double peerNs = Measure(() => Sink = run(), 1.0);
                if (name == "TP") vsTp = peerNs / ns;
                line.Append(string.Create(CultureInfo.InvariantCulture, $"   {name} {peerNs / 1e3,10:F2} µs ×{peerNs / ns:F2}"));
            }
            Console.WriteLine(line);
            bool met = vsTp >= 2 && (id is not ("W3" or "W5" or "W6") || pct128 >= 60);
            targets128.Add(string.Create(CultureInfo.InvariantCulture, $"{id} {(met ? "yes" : "no")} (×{vsTp:F2} TP{(id is "W3" or "W5" or "W6" ? $", {pct128:F0} % V128" : "")})"));
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
            ("W3Parts", () => KernelQuick.W3Parts(measure)),
            ("Tiny", () => KernelQuick.Tiny(f => Measure(() => Sink = f(), 0.3))),
            ("LeNetParts", () => LeNetParts.Run(measure)),
        };
        foreach (var (mode, run) in pieces)
            if (which.Contains(mode, StringComparer.OrdinalIgnoreCase))
            {
                run();
                return 0;
            }
        if (which.Contains("Conv", StringComparer.OrdinalIgnoreCase) || which.Contains("LeNet", StringComparer.OrdinalIgnoreCase))
        {
            // The peak of the widest accelerated width, as the kernels use it (V512 FMA, V256 FMA, or V128 multiply-add).
            var loops = new FmaPeak();
            Func<float> widest = Vector512.IsHardwareAccelerated ? loops.Vector512Fma12Chains
                : Vector256.IsHardwareAccelerated ? loops.Vector256Fma12Chains : loops.Vector128MultiplyAdd12Chains;
            double flopsPerInvoke = Vector512.IsHardwareAccelerated ? FmaPeak.FlopsPerInvoke512
                : Vector256.IsHardwareAccelerated ? FmaPeak.FlopsPerInvoke : FmaPeak.FlopsPerInvoke128;
            double widestPeak = flopsPerInvoke / Measure(() => Sink = widest(), 0.5);
            Console.WriteLine(Isa.Describe());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Peak of the widest accelerated width: {widestPeak:F1} GFLOP/s"));
            if (which.Contains("LeNet", StringComparer.OrdinalIgnoreCase)) LeNetQuick.Run(f => Measure(() => Sink = f(), 0.5), widestPeak);
            else ConvQuick.Run(f => Measure(() => Sink = f(), 0.5), widestPeak);
            return 0;
        }
        if (which.Contains("Kernels", StringComparer.OrdinalIgnoreCase))
        {
            KernelQuick.Run(f => Measure(() => Sink = f(), 0.5), peak > 0 ? peak : 100);
            return 0;
        }
        bool workloads = which.Length == 0 || which.Any(w => w.Length == 2 && w[0] is 'W' or 'w');
        if (workloads) TensorPrimitivesMlp.CheckAllWorkloads(line => Console.WriteLine("check " + line));
        if (All("W1")) { var b = new W1_Tiny_TrainStep_m4(); Report("W1", Flops.TrainingStep(W1_Tiny_TrainStep_m4.Sizes, 4), Flops.TrainingStepExecuted(W1_Tiny_TrainStep_m4.Sizes, 4), b.NetGen, ("plain", b.PlainLoop), ("TP", b.TensorPrimitivesPeer)); }
        if (All("W2")) { var b = new W2_Small_TrainStep_m32(); Report("W2", Flops.TrainingStep(W2_Small_TrainStep_m32.Sizes, 32), Flops.TrainingStepExecuted(W2_Small_TrainStep_m32.Sizes, 32), b.NetGen, ("plain", b.PlainLoop), ("TP", b.TensorPrimitivesPeer)); }
        if (All("W3")) { var b = new W3_Mnist_TrainStep_m64(); Report("W3", Flops.TrainingStep(Mnist.Sizes, 64), Flops.TrainingStepExecuted(Mnist.Sizes, 64), b.NetGen, ("TP", b.TensorPrimitivesPeer)); }
        if (All("W4")) { var b = new W4_Mnist_Forward_m1(); b.Setup(); Report("W4", Flops.Forward(Mnist.Sizes, 1), Flops.ForwardExecuted(Mnist.Sizes, 1), b.NetGen, ("ORT", () => { b.OnnxRuntime(); return 0; }), ("TP", b.TensorPrimitivesPeer)); b.Dispose(); }
        if (All("W5")) { var b = new W5_Mnist_Forward_m256(); b.Setup(); Report("W5", Flops.Forward(Mnist.Sizes, 256), Flops.ForwardExecuted(Mnist.Sizes, 256), b.NetGen, ("ORT", () => { b.OnnxRuntime(); return 0; }), ("TP", b.TensorPrimitivesPeer)); b.Dispose(); }
        if (All("W6")) { var b = new W6_Wide_TrainStep_m128(); Report("W6", Flops.TrainingStep(W6_Wide_TrainStep_m128.Sizes, 128), Flops.TrainingStepExecuted(W6_Wide_TrainStep_m128.Sizes, 128), b.NetGen, ("TP", b.TensorPrimitivesPeer)); }
        if (targets128.Count > 0 && peak128 > 0)
            Console.WriteLine("128-bit targets (≥ 2× TP; W3, W5, W6 also ≥ 60 % of the V128 peak, executed FLOPs): " + string.Join(", ", targets128));
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
