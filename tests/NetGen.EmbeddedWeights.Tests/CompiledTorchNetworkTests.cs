using System;

namespace NetGen.EmbeddedWeightsTests;

/// <summary>
/// PyTorch → safetensors → exporter → JSON → generator → constant data: <see cref="CompiledDeepNet"/> embeds the
/// exported deep_f32 fixture and must compute what torch computed, with exactly the parameters LoadWeights reads.
/// </summary>
public class CompiledTorchNetworkTests
{
    [Fact]
    public void TheParameterlessConstructorHasExactlyTheParametersOfTheSafetensorsFile()
    {
        var loaded = new DeepNet(3);
        loaded.LoadWeights(Files.Torch("deep_f32.safetensors"));
        Assert.Equal(Files.Bits(loaded.Parameters), Files.Bits(new CompiledDeepNet().Parameters));
        Assert.Equal(Files.Bits(loaded.Parameters), Files.Bits(CompiledDeepNet.EmbeddedParameters));
    }

    [Fact]
    public void ComputesWhatTorchComputed()
    {
        var (inputs, expected, tolerance) = Files.TorchCase("deep_f32.safetensors");
        var net = new CompiledDeepNet();
        var outputs = new float[expected.Length];
        net.Forward(inputs, outputs);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(outputs[i] - expected[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"output {i}: {outputs[i]:R}, torch {expected[i]:R}");
    }

    [Fact]
    public void TrainingChangesTheInstanceNotTheEmbeddedData()
    {
        var net = new CompiledDeepNet();
        var before = Files.Bits(CompiledDeepNet.EmbeddedParameters);
        net.Fit(new float[] { 1, 2, 3, 4, 5 }, new float[] { 1, 0 }, new GradientDescent(0.5f), epochs: 3, batchSize: 1);
        Assert.NotEqual(before, Files.Bits(net.Parameters));
        Assert.Equal(before, Files.Bits(CompiledDeepNet.EmbeddedParameters));

        CompiledDeepNet.EmbeddedParameters.CopyTo(net.Parameters); // back to the shipped weights
        Assert.Equal(before, Files.Bits(net.Parameters));
    }

    [Fact]
    public void ReadingTheEmbeddedDataAllocatesNothing()
    {
        float sum = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) sum += CompiledDeepNet.EmbeddedParameters[i % CompiledDeepNet.ParameterCount];
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.True(float.IsFinite(sum));
    }
}
