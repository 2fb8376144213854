namespace NetGen.EmbeddedWeightsTests;

/// <summary>Compiled-in weights of a convolutional network equal the same PyTorch state dict loaded at run time.</summary>
public class CompiledCnnTests
{
    [Fact]
    public void CompiledInWeightsEqualTheStateDictLoadedAtRunTime()
    {
        var compiled = new CompiledCnn();
        var loaded = new Cnn(5);
        loaded.LoadWeights(Files.Torch("cnn_c1_embedded.safetensors"));
        Assert.Equal(loaded.Parameters.ToArray(), compiled.Parameters.ToArray());
        Assert.Equal(CompiledCnn.EmbeddedParameters.ToArray(), compiled.Parameters.ToArray());
        Assert.Equal(3 * 1 * 3 * 3, compiled.W1.Length);
        Assert.Equal(4 * 3 * 3 * 3, compiled.W3.Length);

        var x = new float[2 * CompiledCnn.InputSize];
        for (int i = 0; i < x.Length; i++) x[i] = (i % 7) / 7f - 0.4f;
        float[] a = new float[2 * CompiledCnn.OutputSize], b = new float[a.Length];
        compiled.Forward(x, a);
        loaded.Forward(x, b);
        Assert.Equal(b, a);
    }
}
