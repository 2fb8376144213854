"""Writes Networks.cs: the networks of the finite-difference gradient checks.

Every hidden activation x every allowed (loss, output activation) pair, with 1, 2 and 3 layers.
Run from this folder: python3 make_networks.py
"""
hidden = ["Identity", "ReLU", "LeakyReLU", "Sigmoid", "Tanh"]
pairs = [("BinaryCrossEntropy", "Sigmoid", 2), ("CrossEntropy", "Softmax", 3),
         ("MeanSquaredError", "Identity", 2), ("MeanSquaredError", "ReLU", 2),
         ("MeanSquaredError", "LeakyReLU", 2), ("MeanSquaredError", "Sigmoid", 2),
         ("MeanSquaredError", "Tanh", 2), ("MeanSquaredError", "Softmax", 3)]
short = {"BinaryCrossEntropy": "Bce", "CrossEntropy": "Ce", "MeanSquaredError": "Mse"}

lines = ["// Networks for the finite-difference gradient checks: every hidden activation x every allowed",
         "// output activation/loss pair, with 1, 2 and 3 layers. Written by GradientCheck/make_networks.py.",
         "// MeanSquaredError + Softmax is allowed but warned about (NG0015); the pragma shows the warning is suppressible.",
         "#pragma warning disable NG0015", "using NetGen;", "", "namespace NetGen.Tests.GradientCheck;", ""]
cases = []
for loss, out, units in pairs:
    name = f"G1_{short[loss]}{out}"
    lines += [f"[Network(3, Loss = Loss.{loss})]", f"[Dense({units}, Activation.{out})]",
              f"internal sealed partial class {name};", ""]
    cases.append((name, loss))
    for i, h in enumerate(hidden):
        name = f"G2_{h}_{short[loss]}{out}"
        lines += [f"[Network(3, Loss = Loss.{loss})]", f"[Dense(5, Activation.{h})]",
                  f"[Dense({units}, Activation.{out})]", f"internal sealed partial class {name};", ""]
        cases.append((name, loss))
        h2 = hidden[(i + 2) % len(hidden)]
        name = f"G3_{h}_{h2}_{short[loss]}{out}"
        lines += [f"[Network(3, Loss = Loss.{loss})]", f"[Dense(5, Activation.{h})]",
                  f"[Dense(4, Activation.{h2}, Inputs = 5)]", f"[Dense({units}, Activation.{out})]",
                  f"internal sealed partial class {name};", ""]
        cases.append((name, loss))
lines += ["internal static class GradientCheckNetworks", "{",
          "    /// <summary>Each network with its loss; the seed varies the initial parameters.</summary>",
          "    public static (INetwork Network, Loss Loss)[] Create(int seed) =>", "    ["]
lines += [f"        (new {n}(seed), Loss.{l})," for n, l in cases]
lines += ["    ];", "", f"    public const int Count = {len(cases)};", "}", ""]
with open("Networks.cs", "w", encoding="utf-8") as f:
    f.write("\n".join(lines))
print(f"{len(cases)} networks")
