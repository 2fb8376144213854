using System;

namespace NetGen.TestsShared;

/// <summary>Double-precision functions .NET lacks, written from their definitions for the references of several test projects.</summary>
internal static class ReferenceMath
{
    /// <summary>
    /// erf x from the everywhere-convergent series of positive terms
    /// erf x = 2/√π · e^(−x²) · Σ_n 2ⁿ x^(2n+1) / (1·3·5·…·(2n+1)) (no cancellation); independent of the runtime's approximation.
    /// </summary>
    public static double Erf(double x)
    {
        if (Math.Abs(x) > 6) return Math.Sign(x); // 1 − erf 6 < 3·10⁻¹⁷; the series' e^(−x²) would underflow first
        double term = x, sum = x;
        for (int n = 1; n < 500 && Math.Abs(term) > 1e-17 * Math.Abs(sum); n++)
        {
            term *= 2 * x * x / (2 * n + 1);
            sum += term;
        }
        return 2 / Math.Sqrt(Math.PI) * Math.Exp(-x * x) * sum;
    }
}
