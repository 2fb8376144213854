namespace NetGen.Tests;

public class SmokeTests
{
    [Fact]
    public void ForwardRuns()
    {
        var net = new CancerNet();
        var x = new float[3 * CancerNet.InputSize];
        var y = new float[3];
        net.Forward(x, y);
        Assert.All(y, v => Assert.Equal(0.5f, v, 3));
    }
}
