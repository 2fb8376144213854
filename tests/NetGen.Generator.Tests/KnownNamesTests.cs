using System.Linq;

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
        Assert.Equal(KnownNames.Conv2DAttribute, typeof(NetGen.Conv2DAttribute).FullName);
        Assert.Equal(KnownNames.Conv1DAttribute, typeof(NetGen.Conv1DAttribute).FullName);
        Assert.Equal(KnownNames.MaxPool2DAttribute, typeof(NetGen.MaxPool2DAttribute).FullName);
        Assert.Equal(KnownNames.AvgPool2DAttribute, typeof(NetGen.AvgPool2DAttribute).FullName);
        Assert.Equal(KnownNames.MaxPool1DAttribute, typeof(NetGen.MaxPool1DAttribute).FullName);
        Assert.Equal(KnownNames.AvgPool1DAttribute, typeof(NetGen.AvgPool1DAttribute).FullName);
        Assert.Equal(KnownNames.FlattenAttribute, typeof(NetGen.FlattenAttribute).FullName);
    }

    [Fact]
    public void EveryLayerAttributeHasAKindAndEveryKindAnAttribute()
    {
        var attributes = typeof(NetGen.DenseAttribute).Assembly.GetExportedTypes()
            .Where(t => t.IsSealed && t.IsSubclassOf(typeof(System.Attribute)) && t.Name != "NetworkAttribute")
            .Select(t => t.FullName!).OrderBy(n => n, System.StringComparer.Ordinal);
        var kinds = Layers.LayerKinds.All.Select(k => k.AttributeName).OrderBy(n => n, System.StringComparer.Ordinal);
        Assert.Equal(attributes, kinds);
        Assert.All(Layers.LayerKinds.All, k => Assert.Equal("NetGen." + k.Name + "Attribute", k.AttributeName));
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
