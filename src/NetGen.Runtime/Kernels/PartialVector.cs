using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetGen.Kernels;

/// <summary>The last few (fewer than 8) values of a row as one 8-lane vector, for element-wise kernels' tails.</summary>
internal static class PartialVector
{
    /// <summary>Values k … k + rest − 1 (1 ≤ rest &lt; 8) in the low lanes, zeros above.</summary>
    /// <remarks>
    /// Built lane by lane in registers: writing the values to a stack buffer and reading it back as one vector would
    /// stall on store forwarding (narrow stores, one wide load), which cost more than the loss itself on small batches.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(ref float source, int k, int rest)
    {
        ref float s = ref Unsafe.Add(ref source, k);
        return Vector256.Create(
            s, rest > 1 ? Unsafe.Add(ref s, 1) : 0f, rest > 2 ? Unsafe.Add(ref s, 2) : 0f, rest > 3 ? Unsafe.Add(ref s, 3) : 0f,
            rest > 4 ? Unsafe.Add(ref s, 4) : 0f, rest > 5 ? Unsafe.Add(ref s, 5) : 0f, rest > 6 ? Unsafe.Add(ref s, 6) : 0f, 0f);
    }

    /// <summary>Stores the low <paramref name="rest"/> (1 ≤ rest &lt; 8) lanes of <paramref name="v"/> at k … k + rest − 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<float> v, ref float destination, int k, int rest)
    {
        ref float d = ref Unsafe.Add(ref destination, k);
        d = v.ToScalar();
        if (rest > 1) Unsafe.Add(ref d, 1) = v.GetElement(1);
        if (rest > 2) Unsafe.Add(ref d, 2) = v.GetElement(2);
        if (rest > 3) Unsafe.Add(ref d, 3) = v.GetElement(3);
        if (rest > 4) Unsafe.Add(ref d, 4) = v.GetElement(4);
        if (rest > 5) Unsafe.Add(ref d, 5) = v.GetElement(5);
        if (rest > 6) Unsafe.Add(ref d, 6) = v.GetElement(6);
    }

    /// <summary>All bits set in the low <paramref name="rest"/> lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Mask(int rest) =>
        Vector256.LessThan(Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7), Vector256.Create(rest)).AsSingle();
}
