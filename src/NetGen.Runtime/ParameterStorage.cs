using System.ComponentModel;
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen;

/// <summary>
/// Where a generated network keeps its parameters: one pinned array with room to start the parameters on a 64-byte
/// boundary, so W1's rows begin on a cache line and the kernels' 16-lane loads of them never straddle two lines
/// (a straddling load costs two; for the forward pass of one 784-wide example this was worth ~15 %).
/// Pinned arrays live on the pinned object heap, so the alignment holds for the array's lifetime.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ParameterStorage
{
    private const int Alignment = 64;

    /// <summary>A pinned array large enough for <paramref name="count"/> parameters starting at a 64-byte boundary.</summary>
    public static float[] Allocate(int count) => GC.AllocateArray<float>(count + Alignment / sizeof(float) - 1, pinned: true);

    /// <summary>The <paramref name="count"/> parameters inside <paramref name="storage"/> (from <see cref="Allocate"/>), 64-byte aligned.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe Span<float> View(float[] storage, int count)
    {
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(storage));
        int offset = (int)((Alignment - (address & (Alignment - 1))) & (Alignment - 1)) / sizeof(float);
        return new Span<float>(storage, offset, count);
    }

    /// <summary>
    /// The <paramref name="count"/> floats of <paramref name="buffer"/> from its first 64-byte boundary, for the generated
    /// forward pass's stack buffers: a stack frame is only 16-byte aligned, so without this a hidden layer's rows would
    /// start wherever the caller's stack depth puts them, and every 16-lane load of them could straddle two cache lines.
    /// </summary>
    /// <param name="buffer">Memory that does not move (stack or pinned) holding at least count + 15 floats.</param>
    /// <param name="count">The floats needed.</param>
    /// <exception cref="ArgumentException"><paramref name="buffer"/> is too short.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe Span<float> Aligned(Span<float> buffer, int count)
    {
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(buffer));
        int offset = (int)((Alignment - (address & (Alignment - 1))) & (Alignment - 1)) / sizeof(float);
        if ((uint)count > (uint)(buffer.Length - offset))
            throw new ArgumentException($"A buffer of {buffer.Length} floats cannot hold {count} floats from a 64-byte boundary; it needs {count + Alignment / sizeof(float) - 1}.", nameof(buffer));
        return buffer.Slice(offset, count);
    }
}
