using System;
using NetGen.TestsShared;

namespace NetGen.Tests;

/// <summary>
/// A plain double-precision implementation of DESIGN §3, written for the tests from the equations
/// (per example, per unit, no shared code with the runtime). Used for finite differences and as
/// the expected value of forward passes and costs.
/// </summary>
internal static class ReferenceNetwork
{
    public static double Activate(Activation g, double z, double slope = 0.01) => g switch
    {
        Activation.Identity => z,
        Activation.ReLU => Math.Max(0, z),
        Activation.LeakyReLU => z > 0 ? z : slope * z,
        Activation.Sigmoid => 1 / (1 + Math.Exp(-z)),
        Activation.Tanh => Math.Tanh(z),
        Activation.GELU => z * 0.5 * (1 + ReferenceMath.Erf(z / Math.Sqrt(2))),
        Activation.SiLU => z / (1 + Math.Exp(-z)),
        Activation.ELU => z > 0 ? z : Math.Exp(z) - 1,
        Activation.Softplus => Math.Log(1 + Math.Exp(z)),
        _ => throw new ArgumentOutOfRangeException(nameof(g)),
    };

    /// <summary>A[L] for one example; parameters in NetGen's layout.</summary>
    public static double[] Forward(INetwork net, ReadOnlySpan<double> p, ReadOnlySpan<double> x, out double[] zLast)
    {
        double[] a = x.ToArray();
        zLast = [];
        for (int l = 0; l < net.LayerCount; l++)
        {
            var shape = net.GetLayerShape(l);
            var z = new double[shape.Units];
            for (int j = 0; j < shape.Units; j++)
            {
                double s = p[shape.BiasOffset + j];
                for (int k = 0; k < shape.Inputs; k++) s += p[shape.WeightOffset + j * shape.Inputs + k] * a[k];
                z[j] = s;
            }
            var next = new double[shape.Units];
            if (shape.Activation == Activation.Softmax)
            {
                double max = double.NegativeInfinity, sum = 0;
                foreach (double v in z) max = Math.Max(max, v);
                for (int j = 0; j < z.Length; j++) sum += Math.Exp(z[j] - max);
                for (int j = 0; j < z.Length; j++) next[j] = Math.Exp(z[j] - max) / sum;
            }
            else
            {
                for (int j = 0; j < z.Length; j++) next[j] = Activate(shape.Activation, z[j], shape.Slope);
            }
            a = next;
            zLast = z;
        }
        return a;
    }

    /// <summary>
    /// The smallest |z| over ReLU/LeakyReLU units for the batch: central differences are only meaningful away from
    /// the kink at 0 (where the one-sided derivatives differ), so gradient checks pick data with a margin.
    /// </summary>
    public static double KinkMargin(INetwork net, ReadOnlySpan<double> p, ReadOnlySpan<double> x)
    {
        double margin = double.PositiveInfinity;
        int nIn = net.InputSize;
        for (int i = 0; i < x.Length / nIn; i++)
        {
            double[] a = x.Slice(i * nIn, nIn).ToArray();
            for (int l = 0; l < net.LayerCount; l++)
            {
                var shape = net.GetLayerShape(l);
                var next = new double[shape.Units];
                for (int j = 0; j < shape.Units; j++)
                {
                    double z = p[shape.BiasOffset + j];
                    for (int k = 0; k < shape.Inputs; k++) z += p[shape.WeightOffset + j * shape.Inputs + k] * a[k];
                    if (shape.Activation is Activation.ReLU or Activation.LeakyReLU) margin = Math.Min(margin, Math.Abs(z));
                    next[j] = shape.Activation == Activation.Softmax ? z : Activate(shape.Activation, z, shape.Slope);
                }
                a = next;
            }
        }
        return margin;
    }

    /// <summary>J = 1/m Σ_i L(ŷ_i, y_i) with L summed over output units.</summary>
    public static double Cost(INetwork net, Loss loss, ReadOnlySpan<double> p, ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int nIn = net.InputSize, nOut = net.OutputSize, m = x.Length / nIn;
        double total = 0;
        for (int i = 0; i < m; i++)
        {
            double[] a = Forward(net, p, x.Slice(i * nIn, nIn), out _);
            for (int k = 0; k < nOut; k++)
            {
                double yk = y[i * nOut + k];
                total += loss switch
                {
                    Loss.BinaryCrossEntropy => -(yk * Math.Log(a[k]) + (1 - yk) * Math.Log(1 - a[k])),
                    Loss.CrossEntropy => yk == 0 ? 0 : -yk * Math.Log(a[k]),
                    Loss.MeanSquaredError => 0.5 * (a[k] - yk) * (a[k] - yk),
                    _ => throw new ArgumentOutOfRangeException(nameof(loss)),
                };
            }
        }
        return total / m;
    }

    /// <summary>dJ/dθ by central differences in double precision.</summary>
    public static double[] NumericGradient(INetwork net, Loss loss, double[] p, ReadOnlySpan<double> x, ReadOnlySpan<double> y, double h = 1e-6)
    {
        var g = new double[p.Length];
        for (int k = 0; k < p.Length; k++)
        {
            double saved = p[k];
            p[k] = saved + h;
            double plus = Cost(net, loss, p, x, y);
            p[k] = saved - h;
            double minus = Cost(net, loss, p, x, y);
            p[k] = saved;
            g[k] = (plus - minus) / (2 * h);
        }
        return g;
    }
}
