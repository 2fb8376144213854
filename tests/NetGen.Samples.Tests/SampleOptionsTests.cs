using System;
using System.IO;
using NetGen.Samples.Data;

namespace NetGen.Samples.Tests;

public sealed class SampleOptionsTests
{
    [Fact]
    public void Parses_DataPathAndEpochs()
    {
        Assert.Equal(new SampleOptions(null, null, false), SampleOptions.Parse([]));
        Assert.Equal(new SampleOptions("d", 3, false), SampleOptions.Parse(["d", "--epochs", "3"]));
        Assert.Equal(new SampleOptions("d", null, true), SampleOptions.Parse(["--data", "d", "--help"]));
        Assert.Equal(new SampleOptions(null, 2, false) { BatchSize = 256, Threads = 2 }, SampleOptions.Parse(["--batch", "256", "--epochs", "2", "--threads", "2"]));
        Assert.Equal("out/curve.png", SampleOptions.Parse(["--curve", "out/curve.png"]).CurvePath);
        Assert.Equal("out/curve.png", SampleOptions.Parse(["--curve", "out/curve.png"]).Display.CurvePath);
    }

    [Theory]
    [InlineData("--epochs", "0")]
    [InlineData("--epochs", "x")]
    [InlineData("--epochs")]
    [InlineData("--bogus")]
    [InlineData("--batch", "0")]
    [InlineData("--threads", "two")]
    [InlineData("--threads", "2", "--threads", "3")]
    [InlineData("a", "b")]
    [InlineData("--curve")]
    [InlineData("--curve", "curve.svg")]
    [InlineData("--curve", "a.png", "--curve", "b.png")]
    public void RejectsInvalidArguments(params string[] args)
    {
        Assert.Throws<ArgumentException>(() => SampleOptions.Parse(args));
    }

    [Fact]
    public void Host_MapsOutcomesToExitCodes()
    {
        Assert.Equal(SampleHost.Success, SampleHost.Run([], "usage", _ => { }));
        Assert.Equal(SampleHost.Success, SampleHost.Run(["--help"], "usage", _ => throw new InvalidOperationException("not run")));
        Assert.Equal(SampleHost.InvalidArguments, SampleHost.Run(["--epochs", "-1"], "usage", _ => { }));
        Assert.Equal(SampleHost.InvalidArguments, SampleHost.Run(["file"], "usage", _ => { }, acceptsData: false));
        Assert.Equal(SampleHost.InvalidArguments, SampleHost.Run(["--threads", "2"], "usage", _ => { }));
        Assert.Equal(SampleHost.Success, SampleHost.Run(["--threads", "2", "--batch", "128"], "usage", _ => { }, acceptsBatchAndThreads: true));
        Assert.Equal(SampleHost.DataUnavailable, SampleHost.Run([], "usage", _ => throw new FileNotFoundException("gone")));
        Assert.Equal(SampleHost.DataUnavailable, SampleHost.Run([], "usage", _ => throw new DataFormatException("f.csv", 3, "bad")));
    }
}
