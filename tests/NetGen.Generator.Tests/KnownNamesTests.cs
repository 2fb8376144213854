namespace NetGen.Generator.Tests;

public class KnownNamesTests
{
    [Fact]
    public void MetadataNamesMatchTheRuntimeTypes()
    {
        Assert.Equal(KnownNames.NetworkAttribute, typeof(NetGen.NetworkAttribute).FullName);
        Assert.Equal(KnownNames.DenseAttribute, typeof(NetGen.DenseAttribute).FullName);
        Assert.Equal(KnownNames.ActivationEnum, typeof(NetGen.Activation).FullName);
        Assert.Equal(KnownNames.LossEnum, typeof(NetGen.Loss).FullName);
    }

    [Fact]
    public void ModelEnumsMirrorTheRuntimeEnums()
    {
        foreach (var value in System.Enum.GetValues<NetGen.Activation>())
            Assert.Equal(value.ToString(), ((Model.ActivationKind)(int)value).ToString());
        foreach (var value in System.Enum.GetValues<NetGen.Loss>())
            Assert.Equal(value.ToString(), ((Model.LossKind)(int)value).ToString());
        Assert.Equal(System.Enum.GetValues<NetGen.Activation>().Length, System.Enum.GetValues<Model.ActivationKind>().Length);
        Assert.Equal(System.Enum.GetValues<NetGen.Loss>().Length, System.Enum.GetValues<Model.LossKind>().Length);
    }
}
