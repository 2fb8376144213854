using System;
using NetGen.TestsShared;
using System.Runtime.Intrinsics;
using NetGen.Kernels;

namespace NetGen.Kernels.Tests;

/// <summary>
/// GELU, SiLU, ELU and Softplus (whose g′ needs z) against double-precision references: values and derivatives, scalar
/// and 8-lane forms, over a grid that crosses each branch and the saturated ends; and the dense kernels that use them.
/// </summary>
public sealed class ZActivationTests
{
    private static double Phi(double z) => 0.5 * (1 + ReferenceMath.Erf(z / Math.Sqrt(2)));

    private static double Sigma(double z) => 1 / (1 + Math.Exp(-z));

    public static TheoryData<string> Names => new() { "GELU", "SiLU", "ELU", "Softplus" };

    private static (double Value, double Derivative) Reference(string name, double z) => name switch
    {
        "GELU" => (z * Phi(z), Phi(z) + z * Math.Exp(-z * z / 2) / Math.Sqrt(2 * Math.PI)),
        "SiLU" => (z * Sigma(z), Sigma(z) * (1 + z * (1 - Sigma(z)))),
        "ELU" => (z > 0 ? z : Math.Exp(z) - 1, z > 0 ? 1 : Math.Exp(z)),
        "Softplus" => (Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z))), Sigma(z)),
        _ => throw new ArgumentException(name),
    };

    private static (float Value, float Derivative, Vector256<float> Values, Vector256<float> Derivatives) Actual(string name, float z, Vector256<float> v) => name switch
    {
        "GELU" => (GELU.Apply(z), GELU.Derivative(z), GELU.Apply(v), GELU.Derivative(v)),
        "SiLU" => (SiLU.Apply(z), SiLU.Derivative(z), SiLU.Apply(v), SiLU.Derivative(v)),
        "ELU" => (ELU.Apply(z), ELU.Derivative(z), ELU.Apply(v), ELU.Derivative(v)),
        "Softplus" => (Softplus.Apply(z), Softplus.Derivative(z), Softplus.Apply(v), Softplus.Derivative(v)),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void ValuesAndDerivativesMatchTheDoubleReference(string name)
    {
        for (int k = -3000; k <= 3000; k++)
        {
            float z = k / 100f;
            var (value, derivative, values, derivatives) = Actual(name, z, Vector256.Create(z));
            var (expected, expectedDerivative) = Reference(name, z);
            // GELU's Φ comes from an approximation of erf with an absolute error below 1.5e-7 (and float rounding).
            double tolerance = 4e-7 * (1 + Math.Abs(expected)), dTolerance = 4e-7 * (1 + Math.Abs(expectedDerivative)) + (name == "GELU" ? 2e-7 * Math.Abs(z) : 0);
            Assert.True(Math.Abs(value - expected) <= tolerance, $"{name}({z}) = {value:R}, expected {expected:R}");
            Assert.True(Math.Abs(values.GetElement(3) - expected) <= tolerance, $"{name}({z}) in lanes = {values.GetElement(3):R}, expected {expected:R}");
            Assert.True(Math.Abs(derivative - expectedDerivative) <= dTolerance, $"{name}′({z}) = {derivative:R}, expected {expectedDerivative:R}");
            Assert.True(Math.Abs(derivatives.GetElement(5) - expectedDerivative) <= dTolerance, $"{name}′({z}) in lanes = {derivatives.GetElement(5):R}, expected {expectedDerivative:R}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void TheEndsAreFiniteAndExact(string name)
    {
        foreach (float z in new[] { -1e30f, -200f, -90f, 90f, 200f, 1e30f })
        {
            var (value, derivative, values, derivatives) = Actual(name, z, Vector256.Create(z));
            Assert.True(float.IsFinite(value) && float.IsFinite(derivative), $"{name}({z}) = {value}, {derivative}");
            Assert.True(float.IsFinite(values.GetElement(0)) && float.IsFinite(derivatives.GetElement(0)), $"{name}({z}) in lanes");
            if (z > 0) Assert.Equal(z, values.GetElement(0)); // each is the identity far to the right
        }
    }

    [Fact]
    public void SoftplusKeepsItsRelativeAccuracyFarToTheLeft()
    {
        // log(1 + e^z) ≈ e^z there; a plain log(1 + u) in float would return 0 below z ≈ −17.
        foreach (float z in new[] { -5f, -10f, -17f, -20f, -40f, -80f })
        {
            double u = Math.Exp(z), expected = u < 1e-5 ? u * (1 - u / 2) : Math.Log(1 + u); // 1 + u rounds to 1 in double too
            float scalar = Softplus.Apply(z), lanes = Softplus.Apply(Vector256.Create(z)).GetElement(0);
            Assert.True(Math.Abs(scalar - expected) <= 1e-6 * expected, $"Softplus({z}) = {scalar:R}, expected {expected:R}");
            Assert.True(Math.Abs(lanes - expected) <= 1e-6 * expected, $"Softplus({z}) in lanes = {lanes:R}, expected {expected:R}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void TheDenseBackwardFromZMatchesAReference(string name)
    {
        const int m = 5, nIn = 9, nOut = 4;
        var rng = new Random(7);
        float[] dz = R(rng, m * nOut), w = R(rng, nOut * nIn), zPrev = R(rng, m * nIn), dzPrev = new float[m * nIn];
        switch (name)
        {
            case "GELU": Dense.BackwardInput<D9, D4, GELU>(dz, w, zPrev, dzPrev, m); break;
            case "SiLU": Dense.BackwardInput<D9, D4, SiLU>(dz, w, zPrev, dzPrev, m); break;
            case "ELU": Dense.BackwardInput<D9, D4, ELU>(dz, w, zPrev, dzPrev, m); break;
            default: Dense.BackwardInput<D9, D4, Softplus>(dz, w, zPrev, dzPrev, m); break;
        }
        for (int i = 0; i < m; i++)
            for (int k = 0; k < nIn; k++)
            {
                double sum = 0;
                for (int j = 0; j < nOut; j++) sum += (double)w[j * nIn + k] * dz[i * nOut + j];
                double expected = sum * Reference(name, zPrev[i * nIn + k]).Derivative;
                Assert.True(Math.Abs(dzPrev[i * nIn + k] - expected) <= 1e-5 * (1 + Math.Abs(expected)), $"{name}: example {i}, input {k}: {dzPrev[i * nIn + k]} vs {expected}");
            }

        static float[] R(Random rng, int n)
        {
            var v = new float[n];
            for (int k = 0; k < n; k++) v[k] = (float)(rng.NextDouble() * 6 - 3);
            return v;
        }
    }

    private readonly struct D9 : IDim { public static int Value => 9; }
    private readonly struct D4 : IDim { public static int Value => 4; }
}
