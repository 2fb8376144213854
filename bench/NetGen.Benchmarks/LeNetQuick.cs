using System;
using System.Globalization;
using System.IO;
using Microsoft.ML.OnnxRuntime;

namespace NetGen.Benchmarks;

/// <summary>
/// <c>-- --quick LeNet</c>: the generated LeNet-style network (<see cref="LeNet"/>) end to end, single thread: a training
/// step (forward, backward, Adam) at m = 64 and the forward pass at m = 1 and m = 256, as samples/s and GFLOP/s of the
/// useful multiply-adds (forward 2 per multiply-add, a training step 3× the forward). bench/torch_lenet.py measures
/// PyTorch eager on the same shapes; compare within one session.
/// </summary>
internal static class LeNetQuick
{
    /// <summary>Multiply-adds of one example's forward pass: conv1 6·784·25, conv2 16·100·150, dense 400·120 + 120·84 + 84·10.</summary>
    public const double MultiplyAdds = 6 * 784 * 25 + 16 * 100 * 150 + 400 * 120 + 120 * 84 + 84 * 10;

    public static void Run(Func<Func<float>, double> measure, double peak)
    {
        var net = new LeNet(1);
        {
            const int m = 64;
            float[] x = Synthetic.Inputs(m, LeNet.InputSize, 1), y = OneHot(m, 2);
            var trainer = net.CreateTrainer(new Adam(1e-3f));
            double ns = measure(() => trainer.Step(x, y));
            Show("training step (Adam)", m, ns, 3 * 2 * MultiplyAdds * m, peak);
        }
        using var session = Onnx.Session(Path.Combine(AppContext.BaseDirectory, "Onnx", "lenet.onnx"));
        foreach (int m in new[] { 1, 256 })
        {
            float[] x = Synthetic.Inputs(m, LeNet.InputSize, 3), outputs = new float[m * LeNet.OutputSize];
            double ns = measure(() => { net.Forward(x, outputs); return outputs[0]; });
            Show("forward", m, ns, 2 * MultiplyAdds * m, peak);

            // ONNX Runtime (bench/NetGen.Benchmarks/Onnx/make_lenet_onnx.py), one thread, inputs and outputs pre-bound.
            float[] ortX = GC.AllocateArray<float>(x.Length, pinned: true), ortY = GC.AllocateArray<float>(outputs.Length, pinned: true);
            x.CopyTo(ortX, 0);
            using var input = OrtValue.CreateTensorValueFromMemory(ortX, [m, 1, 28, 28]);
            using var output = OrtValue.CreateTensorValueFromMemory(ortY, [m, 10]);
            using var binding = session.CreateIoBinding();
            binding.BindInput("x", input);
            binding.BindOutput("y", output);
            using var run = new RunOptions();
            double ortNs = measure(() => { session.RunWithBinding(run, binding); return ortY[0]; });
            Show("forward, ONNX Runtime", m, ortNs, 2 * MultiplyAdds * m, peak);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"      NetGen is {ortNs / ns:F2}× as fast as ONNX Runtime at m = {m}"));
        }
    }

    private static float[] OneHot(int m, int seed)
    {
        var random = new Random(seed);
        var y = new float[m * 10];
        for (int i = 0; i < m; i++) y[i * 10 + random.Next(10)] = 1;
        return y;
    }

    private static void Show(string what, int m, double ns, double flops, double peak) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"LeNet {what,-22} m = {m,3}: {ns / 1e3,9:F1} µs  {m / ns * 1e9,9:F0} samples/s  {flops / ns,6:F1} GFLOP/s  {100 * flops / ns / peak,4:F0} % of peak"));
}
