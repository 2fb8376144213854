using System.ComponentModel;
namespace NetGen.Kernels;

/// <summary>
/// A size known at compile time. Generated networks declare one struct per distinct layer size;
/// kernels take those structs as type arguments, so the JIT / Native AOT compiler specialises each
/// instantiation and sees <c>TDim.Value</c> as a constant (loop bounds, unrolling, tails).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IDim
{
    /// <summary>The size.</summary>
    static abstract int Value { get; }
}
