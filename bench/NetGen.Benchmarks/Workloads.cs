using System;
using System.IO;
using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;

namespace NetGen.Benchmarks;

/// <summary>Seeded synthetic inputs in [−1, 1) and targets (0/1 labels or one-hot rows).</summary>
internal static class Synthetic
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
        for (int i = 0; i < m; i++)
            if (n == 1) y[i] = rng.Next(2);
            else y[i * n + rng.Next(n)] = 1f;
        return y;
    }
}

/// <summary>
/// FLOPs per operation. <see cref="Forward"/> and <see cref="TrainingStep"/> count as the first issue fixed them:
/// 2·in·out per layer per example forward, 3× that for a training step. <see cref="TrainingStepExecuted"/> counts
/// what a training step really executes: the first layer's input gradient dA0 is never computed.
/// </summary>
internal static class Flops
{
    public static double Forward(int[] sizes, int m)
    {
        double f = 0;
        for (int l = 1; l < sizes.Length; l++) f += 2.0 * sizes[l - 1] * sizes[l];
        return f * m;
    }

    public static double TrainingStep(int[] sizes, int m) => 3 * Forward(sizes, m);

    /// <summary>
    /// Executed FLOPs of a training step: 6·in·out per layer per example (forward, dW, dA_prev), except 4·in·out for
    /// the first layer, whose dA0 no implementation computes. (Biases, activations, the loss and the update are
    /// O(out) per example and not counted, as in the other counts.)
    /// </summary>
    public static double TrainingStepExecuted(int[] sizes, int m)
    {
        double f = 0;
        for (int l = 1; l < sizes.Length; l++) f += (l == 1 ? 4.0 : 6.0) * sizes[l - 1] * sizes[l];
        return f * m;
    }

    /// <summary>Executed FLOPs of a forward pass: the same as <see cref="Forward"/>.</summary>
    public static double ForwardExecuted(int[] sizes, int m) => Forward(sizes, m);
}

internal static class Onnx
{
    public static string ModelPath => Path.Combine(AppContext.BaseDirectory, "Onnx", "mnist_784_128_64_10.onnx");

    /// <summary>ONNX Runtime on one thread: one intra-op and one inter-op thread, sequential execution, full graph optimisation.</summary>
    public static InferenceSession Session() => Session(ModelPath);

    /// <summary>The same settings for another model file.</summary>
    public static InferenceSession Session(string path)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        return new InferenceSession(path, options);
    }
}

/// <summary>Shared shape of the W3–W5 peers.</summary>
internal static class Mnist
{
    public static readonly int[] Sizes = [784, 128, 64, 10];
    public static readonly Activation[] Activations = [Activation.ReLU, Activation.ReLU, Activation.Softmax];
}

/// <summary>W1: 2-4-1 tanh, sigmoid, BCE; one training step (forward, backward, SGD), m = 4.</summary>
[BenchmarkCategory("W1")]
public class W1_Tiny_TrainStep_m4
{
    public const int M = 4;
    public static readonly int[] Sizes = [2, 4, 1];
    private readonly TinyNet _net = new(1);
    private readonly GradientDescent _sgd = new(0.01f);
    private readonly float[] _grads = new float[TinyNet.ParameterCount];
    private readonly PlainMlp _plain = new(Sizes, [Activation.Tanh, Activation.Sigmoid], Loss.BinaryCrossEntropy, 1);
    private readonly TensorPrimitivesMlp _tp = new(Sizes, [Activation.Tanh, Activation.Sigmoid], Loss.BinaryCrossEntropy, 1, M);
    private readonly float[] _x = Synthetic.Inputs(M, 2, 1), _y = Synthetic.Targets(M, 1, 1);

    [Benchmark]
    public float NetGen()
    {
        float cost = _net.ComputeGradients(_x, _y, _grads);
        _sgd.Step(_net.Parameters, _grads);
        return cost;
    }

    [Benchmark(Baseline = true)]
    public float PlainLoop() => _plain.Step(_x, _y, M, 0.01f);

    /// <summary>Peer (d): the same step written with TensorPrimitives (TensorPrimitivesMlp.cs).</summary>
    [Benchmark]
    public float TensorPrimitivesPeer() => _tp.Step(_x, _y, M, 0.01f);
}

/// <summary>W2: 30-16-8-1 ReLU, ReLU, sigmoid, BCE; one training step, m = 32.</summary>
[BenchmarkCategory("W2")]
public class W2_Small_TrainStep_m32
{
    public const int M = 32;
    public static readonly int[] Sizes = [30, 16, 8, 1];
    private readonly SmallNet _net = new(2);
    private readonly GradientDescent _sgd = new(0.01f);
    private readonly float[] _grads = new float[SmallNet.ParameterCount];
    private readonly PlainMlp _plain = new(Sizes, [Activation.ReLU, Activation.ReLU, Activation.Sigmoid], Loss.BinaryCrossEntropy, 2);
    private readonly TensorPrimitivesMlp _tp = new(Sizes, [Activation.ReLU, Activation.ReLU, Activation.Sigmoid], Loss.BinaryCrossEntropy, 2, M);
    private readonly float[] _x = Synthetic.Inputs(M, 30, 2), _y = Synthetic.Targets(M, 1, 2);

    [Benchmark]
    public float NetGen()
    {
        float cost = _net.ComputeGradients(_x, _y, _grads);
        _sgd.Step(_net.Parameters, _grads);
        return cost;
    }

    [Benchmark(Baseline = true)]
    public float PlainLoop() => _plain.Step(_x, _y, M, 0.01f);

    /// <summary>Peer (d): the same step written with TensorPrimitives (TensorPrimitivesMlp.cs).</summary>
    [Benchmark]
    public float TensorPrimitivesPeer() => _tp.Step(_x, _y, M, 0.01f);
}

/// <summary>W3: 784-128-64-10 ReLU, ReLU, softmax + CE; one training step, m = 64.</summary>
[BenchmarkCategory("W3")]
public class W3_Mnist_TrainStep_m64
{
    public const int M = 64;
    private readonly MnistNet _net = new(3);
    private readonly GradientDescent _sgd = new(0.001f);
    private readonly float[] _grads = new float[MnistNet.ParameterCount];
    private readonly PlainMlp _plain = new(Mnist.Sizes, Mnist.Activations, Loss.CrossEntropy, 3);
    private readonly TensorPrimitivesMlp _tp = new(Mnist.Sizes, Mnist.Activations, Loss.CrossEntropy, 3, M);
    private readonly float[] _x = Synthetic.Inputs(M, 784, 3), _y = Synthetic.Targets(M, 10, 3);

    [Benchmark]
    public float NetGen()
    {
        float cost = _net.ComputeGradients(_x, _y, _grads);
        _sgd.Step(_net.Parameters, _grads);
        return cost;
    }

    [Benchmark(Baseline = true)]
    public float PlainLoop() => _plain.Step(_x, _y, M, 0.001f);

    /// <summary>Peer (d): the same step written with TensorPrimitives (TensorPrimitivesMlp.cs).</summary>
    [Benchmark]
    public float TensorPrimitivesPeer() => _tp.Step(_x, _y, M, 0.001f);
}

/// <summary>
/// W3′ (two-thread rows only): W3's network and step with m = 256, the batch size from which splitting a step of this
/// network across two threads pays well (at m = 64 it does not: see <see cref="Trainer.MinExamplesPerThread"/>).
/// </summary>
[BenchmarkCategory("W3x")]
public class W3x_Mnist_TrainStep_m256
{
    public const int M = 256;
    private readonly Trainer _oneThread = new MnistNet(3).CreateTrainer(new GradientDescent(0.001f));
    private readonly Trainer _twoThreads = new MnistNet(3).CreateTrainer(new GradientDescent(0.001f), threads: 2);
    private readonly float[] _x = Synthetic.Inputs(M, 784, 3), _y = Synthetic.Targets(M, 10, 3);

    [Benchmark]
    public float NetGen() => _oneThread.Step(_x, _y);

    /// <summary>The same step split across two threads (128 examples each).</summary>
    [Benchmark]
    public float NetGenTwoThreads() => _twoThreads.Step(_x, _y);
}

/// <summary>W4 (m = 1) and W5 (m = 256): 784-128-64-10 forward to probabilities.</summary>
public abstract class MnistForward : IDisposable
{
    private readonly int _m;
    private readonly MnistNet _net = new(4);
    private readonly PlainMlp _plain = new(Mnist.Sizes, Mnist.Activations, Loss.CrossEntropy, 4);
    private readonly TensorPrimitivesMlp _tp;
    private readonly float[] _x, _out;
    private InferenceSession? _session;
    private OrtIoBinding? _binding;
    private OrtValue? _ortIn, _ortOut;
    private RunOptions? _runOptions;

    protected MnistForward(int m)
    {
        _m = m;
        _x = Synthetic.Inputs(m, 784, 4);
        _out = new float[m * 10];
        _tp = new TensorPrimitivesMlp(Mnist.Sizes, Mnist.Activations, Loss.CrossEntropy, 4, m);
    }

    [GlobalSetup]
    public void Setup()
    {
        _session = Onnx.Session();
        // Pre-bound OrtValues over pinned managed arrays: a run copies nothing in and allocates no output.
        float[] ortX = GC.AllocateArray<float>(_x.Length, pinned: true), ortY = GC.AllocateArray<float>(_out.Length, pinned: true);
        _x.CopyTo(ortX, 0);
        _ortIn = OrtValue.CreateTensorValueFromMemory(ortX, [_m, 784]);
        _ortOut = OrtValue.CreateTensorValueFromMemory(ortY, [_m, 10]);
        _binding = _session.CreateIoBinding();
        _binding.BindInput("x", _ortIn);
        _binding.BindOutput("y", _ortOut);
        _runOptions = new RunOptions();
        _session.RunWithBinding(_runOptions, _binding);
        for (int i = 0; i < _m; i++)
        {
            float s = 0;
            for (int j = 0; j < 10; j++) s += ortY[i * 10 + j];
            if (MathF.Abs(s - 1f) > 1e-4f) throw new InvalidOperationException("ONNX Runtime's output rows are not probabilities.");
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _binding?.Dispose(); _ortIn?.Dispose(); _ortOut?.Dispose(); _runOptions?.Dispose(); _session?.Dispose();
        _binding = null; _ortIn = null; _ortOut = null; _runOptions = null; _session = null;
        GC.SuppressFinalize(this);
    }

    [Benchmark]
    public float NetGen()
    {
        _net.Forward(_x, _out);
        return _out[0];
    }

    [Benchmark(Baseline = true)]
    public void OnnxRuntime() => _session!.RunWithBinding(_runOptions!, _binding!);

    [Benchmark]
    public float PlainLoop()
    {
        _plain.Forward(_x, _out, _m);
        return _out[0];
    }

    /// <summary>Peer (d): the same forward pass written with TensorPrimitives (TensorPrimitivesMlp.cs).</summary>
    [Benchmark]
    public float TensorPrimitivesPeer()
    {
        _tp.Forward(_x, _out, _m);
        return _out[0];
    }
}

/// <summary>W4: 784-128-64-10 forward, one example.</summary>
[BenchmarkCategory("W4")]
public class W4_Mnist_Forward_m1() : MnistForward(1);

/// <summary>W5: 784-128-64-10 forward, m = 256.</summary>
[BenchmarkCategory("W5")]
public class W5_Mnist_Forward_m256() : MnistForward(256);

/// <summary>W6: 1024-1024-1024-10 ReLU, ReLU, softmax + CE; one training step, m = 128.</summary>
[BenchmarkCategory("W6")]
public class W6_Wide_TrainStep_m128
{
    public const int M = 128;
    public static readonly int[] Sizes = [1024, 1024, 1024, 10];
    private readonly WideNet _net = new(6);
    private readonly GradientDescent _sgd = new(0.001f);
    private readonly float[] _grads = new float[WideNet.ParameterCount];
    private readonly PlainMlp _plain = new(Sizes, [Activation.ReLU, Activation.ReLU, Activation.Softmax], Loss.CrossEntropy, 6);
    private readonly TensorPrimitivesMlp _tp = new(Sizes, [Activation.ReLU, Activation.ReLU, Activation.Softmax], Loss.CrossEntropy, 6, M);
    private readonly float[] _x = Synthetic.Inputs(M, 1024, 6), _y = Synthetic.Targets(M, 10, 6);
    private readonly Trainer _twoThreads = new WideNet(6).CreateTrainer(new GradientDescent(0.001f), threads: 2);

    [Benchmark]
    public float NetGen()
    {
        float cost = _net.ComputeGradients(_x, _y, _grads);
        _sgd.Step(_net.Parameters, _grads);
        return cost;
    }

    /// <summary>The same step split across two threads (64 examples each), against the two-thread FMA peak.</summary>
    [Benchmark]
    public float NetGenTwoThreads() => _twoThreads.Step(_x, _y);

    [Benchmark(Baseline = true)]
    public float PlainLoop() => _plain.Step(_x, _y, M, 0.001f);

    /// <summary>Peer (d): the same step written with TensorPrimitives (TensorPrimitivesMlp.cs).</summary>
    [Benchmark]
    public float TensorPrimitivesPeer() => _tp.Step(_x, _y, M, 0.001f);
}
