using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.Kernels;

/// <summary>Element-wise helpers of the dense, convolution and pooling kernels, at the widest accelerated vector width.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Elementwise
{
    /// <summary>dst[k] += src[k] for k &lt; src.Length.</summary>
    public static void Add(ReadOnlySpan<float> src, Span<float> dst)
    {
        if (dst.Length < src.Length) ThrowShape();
        ref float s = ref MemoryMarshal.GetReference(src);
        ref float d = ref MemoryMarshal.GetReference(dst);
        if (Vector256.IsHardwareAccelerated) Add<Vector256<float>, Width256>(ref s, ref d, src.Length);
        else if (Vector128.IsHardwareAccelerated) Add<Vector128<float>, Width128>(ref s, ref d, src.Length);
        else for (int k = 0; k < src.Length; k++) Unsafe.Add(ref d, k) += Unsafe.Add(ref s, k);
    }

    /// <summary>Σ v[k], in vectors (lane sums added at the end).</summary>
    public static float Sum(ReadOnlySpan<float> v)
    {
        ref float v0 = ref MemoryMarshal.GetReference(v);
        int k = 0, n = v.Length;
        float s = 0;
        if (Vector256.IsHardwareAccelerated && n >= 8)
        {
            var acc = Vector256<float>.Zero;
            for (; k + 8 <= n; k += 8) acc += Vector256.LoadUnsafe(ref v0, (nuint)k);
            s = Vector256.Sum(acc);
        }
        else if (Vector128.IsHardwareAccelerated && n >= 4)
        {
            var acc = Vector128<float>.Zero;
            for (; k + 4 <= n; k += 4) acc += Vector128.LoadUnsafe(ref v0, (nuint)k);
            s = Vector128.Sum(acc);
        }
        for (; k < n; k++) s += Unsafe.Add(ref v0, k);
        return s;
    }

    /// <summary>d[k] ·= g′(z[k]) for k &lt; d.Length: the classic dZ = dA ⊙ g′(Z).</summary>
    public static void MultiplyByDerivative<TAct>(ReadOnlySpan<float> z, Span<float> d) where TAct : struct, IActivation
    {
        if (z.Length < d.Length) ThrowShape();
        if (typeof(TAct) == typeof(Identity)) return;
        ScaleByDerivative<TAct>(ref MemoryMarshal.GetReference(z), ref MemoryMarshal.GetReference(d), d.Length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add<TV, TW>(ref float s, ref float d, int n) where TV : struct where TW : struct, IVectorWidth<TV>
    {
        int k = 0, c = TW.Count;
        for (; k + c <= n; k += c) TW.Store(TW.Add(TW.Load(ref d, (nuint)k), TW.Load(ref s, (nuint)k)), ref d, (nuint)k);
        for (; k < n; k++) Unsafe.Add(ref d, k) += Unsafe.Add(ref s, k);
    }

    /// <summary>d[k] ·= g′(z[k]) for k &lt; count, in vectors of the widest accelerated width (the tail as one zero-padded vector).</summary>
    internal static void ScaleByDerivative<TAct>(ref float z, ref float d, int count) where TAct : struct, IActivation
    {
        if (Vector256.IsHardwareAccelerated) ScaleByDerivative<TAct, Vector256<float>, Width256>(ref z, ref d, count);
        else if (Vector128.IsHardwareAccelerated) ScaleByDerivative<TAct, Vector128<float>, Width128>(ref z, ref d, count);
        else for (int k = 0; k < count; k++) Unsafe.Add(ref d, k) *= TAct.Derivative(Unsafe.Add(ref z, k));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScaleByDerivative<TAct, TV, TW>(ref float z, ref float d, int count) where TAct : struct, IActivation where TV : struct where TW : struct, IVectorWidth<TV>
    {
        int k = 0, c = TW.Count;
        for (; k + c <= count; k += c)
            TW.Store(TW.Multiply(TW.Load(ref d, (nuint)k), TAct.Derivative<TV, TW>(TW.Load(ref z, (nuint)k))), ref d, (nuint)k);
        if (k < count)
        {
            int rest = count - k;
            var scaled = TW.Multiply(TW.LoadPartial(ref Unsafe.Add(ref d, k), rest), TAct.Derivative<TV, TW>(TW.LoadPartial(ref Unsafe.Add(ref z, k), rest)));
            TW.StorePartial(scaled, ref Unsafe.Add(ref d, k), rest);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowShape() => throw new ArgumentException("An element-wise operand is shorter than its declared length.");
}
