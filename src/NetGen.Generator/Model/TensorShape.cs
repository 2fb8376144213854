using System.Globalization;

namespace NetGen.Generator.Model;

/// <summary>
/// The shape of one example's values between two layers: a flat vector (rank 1, <see cref="Channels"/> holds its size),
/// C × L (rank 2, <see cref="Height"/> = 1) or C × H × W (rank 3). Stored channels outermost, as PyTorch's NCL / NCHW.
/// </summary>
internal readonly record struct TensorShape(int Rank, int Channels, int Height, int Width)
{
    public static TensorShape Flat(int size) => new(1, size, 1, 1);
    public static TensorShape Sequence(int channels, int length) => new(2, channels, 1, length);
    public static TensorShape Image(int channels, int height, int width) => new(3, channels, height, width);

    /// <summary>Values per example (C·H·W). Shape inference keeps every size below 2^31 before it builds a shape.</summary>
    public int Size => Channels * Height * Width;

    public bool IsFlat => Rank == 1;

    /// <summary>"400", "3×64" or "6×28×28".</summary>
    public override string ToString() => Rank switch
    {
        1 => N(Channels),
        2 => N(Channels) + "×" + N(Width),
        _ => N(Channels) + "×" + N(Height) + "×" + N(Width),
    };

    /// <summary>The spatial part: "64" (length) or "28×28"; the size for a flat shape.</summary>
    public string Spatial => Rank switch
    {
        1 => N(Channels),
        2 => N(Width),
        _ => N(Height) + "×" + N(Width),
    };

    /// <summary>What the layout is called in messages: "flat", "C×L" or "C×H×W".</summary>
    public string Layout => Rank switch { 1 => "flat", 2 => "C×L", _ => "C×H×W" };

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
