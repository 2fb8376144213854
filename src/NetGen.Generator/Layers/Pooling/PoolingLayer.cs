using NetGen.Generator.Model;

namespace NetGen.Generator.Layers.Pooling;

/// <summary>Max or average.</summary>
internal enum PoolingOperation { Max, Average }

/// <summary>
/// A pooling layer l: each channel's Size (× Size) windows, Stride apart, reduced to their maximum or mean; no padding,
/// floor, as PyTorch's MaxPool2d/AvgPool2d/MaxPool1d/AvgPool1d. No parameters and no activation: A[l] = pool(A[l−1]).
/// </summary>
internal sealed record PoolingLayer(int Number, TensorShape Input, TensorShape Output, PoolingOperation Operation, int Size, int Stride)
    : LayerModel(Number, Input, Output)
{
    public bool IsTwoDimensional => Input.Rank == 3;
    public int SizeHeight => IsTwoDimensional ? Size : 1;
    public int StrideHeight => IsTwoDimensional ? Stride : 1;
    public override string Kind => (Operation == PoolingOperation.Max ? "MaxPool" : "AvgPool") + (IsTwoDimensional ? "2D" : "1D");
}
