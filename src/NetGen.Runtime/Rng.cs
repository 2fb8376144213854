using System.ComponentModel;
using System;

namespace NetGen;

/// <summary>
/// A small deterministic pseudo-random generator (SplitMix64) used for initialisation and shuffling.
/// Its sequence is fixed by this library, not by the .NET version, so a seed reproduces the same
/// parameters and the same training run everywhere.
/// </summary>
public struct Rng
{
    private ulong _state;
    private double _spare;
    private bool _hasSpare;

    /// <summary>Creates a generator from a seed.</summary>
    public Rng(int seed)
    {
        _state = 0x9E3779B97F4A7C15UL ^ (ulong)(uint)seed * 0xBF58476D1CE4E5B9UL;
        _spare = 0;
        _hasSpare = false;
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, maxExclusive).</summary>
    public int NextInt(int maxExclusive)
    {
        if (maxExclusive <= 0) throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, "Must be positive.");
        return (int)((NextUInt64() >> 33) * (ulong)maxExclusive >> 31);
    }

    /// <summary>A standard normal sample (Marsaglia's polar method).</summary>
    public double NextGaussian()
    {
        if (_hasSpare) { _hasSpare = false; return _spare; }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.Sqrt(-2 * Math.Log(s) / s);
        _spare = v * f;
        _hasSpare = true;
        return u * f;
    }

    /// <summary>Shuffles <paramref name="values"/> in place (Fisher–Yates).</summary>
    public void Shuffle(Span<int> values)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }
}

/// <summary>Weight initialisation schemes used by generated constructors.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Initializers
{
    /// <summary>He (Kaiming) normal: W ~ N(0, 2 / fanIn). For ReLU and LeakyReLU layers.</summary>
    public static void HeNormal(Span<float> weights, int fanIn, ref Rng rng)
    {
        double std = Math.Sqrt(2.0 / fanIn);
        for (int k = 0; k < weights.Length; k++) weights[k] = (float)(rng.NextGaussian() * std);
    }

    /// <summary>Xavier/Glorot uniform: W ~ U(−r, r), r = √(6 / (fanIn + fanOut)). For all other activations.</summary>
    public static void GlorotUniform(Span<float> weights, int fanIn, int fanOut, ref Rng rng)
    {
        double r = Math.Sqrt(6.0 / (fanIn + fanOut));
        for (int k = 0; k < weights.Length; k++) weights[k] = (float)((2 * rng.NextDouble() - 1) * r);
    }
}
