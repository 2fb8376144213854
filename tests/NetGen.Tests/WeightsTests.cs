using System;
using System.IO;

namespace NetGen.Tests;

/// <summary>The generated SaveWeights/LoadWeights members (the format itself is tested in NetGen.Safetensors.Tests).</summary>
public class WeightsTests
{
    [Fact]
    public void SaveAndLoadRoundTripThroughGeneratedMembers()
    {
        var source = new CancerNet(1);
        var target = new CancerNet(2);
        string path = Path.Combine(Path.GetTempPath(), $"netgen-{Guid.NewGuid():N}.safetensors");
        try
        {
            source.SaveWeights(path);
            target.LoadWeights(path);
            Assert.True(source.Parameters.SequenceEqual(target.Parameters));
        }
        finally
        {
            File.Delete(path);
        }
        using var stream = new MemoryStream();
        new CancerNet(3).SaveWeights(stream);
        stream.Position = 0;
        target.LoadWeights(stream);
        Assert.True(new CancerNet(3).Parameters.SequenceEqual(target.Parameters));
    }

    [Fact]
    public void LoadingAnotherArchitectureFailsAndLeavesParametersUnchanged()
    {
        using var stream = new MemoryStream();
        new MnistNet(1).SaveWeights(stream);
        stream.Position = 0;
        var net = new CancerNet(4);
        var before = net.Parameters.ToArray();
        var ex = Assert.ThrowsAny<Exception>(() => net.LoadWeights(stream));
        Assert.True(ex is InvalidDataException or FormatException, ex.GetType().Name);
        Assert.Contains("expected [16, 30]", ex.Message);
        Assert.True(net.Parameters.SequenceEqual(before));
    }
}
