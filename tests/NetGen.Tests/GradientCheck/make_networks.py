"""Writes Networks.cs: the networks of the finite-difference gradient checks.

Every hidden activation x every allowed (loss, output activation) pair, with 1 and 2 layers; 3 layers for the first
five hidden activations with every pair and for the newer ones (whose g' needs Z) with binary cross-entropy; and, for
the newer ones, hidden layers wide enough (3 x 12 weights) to take the kernel path instead of the written-out one.
Run from this folder: python3 make_networks.py
"""
hidden = ["Identity", "ReLU", "LeakyReLU", "Sigmoid", "Tanh", "GELU", "SiLU", "ELU", "Softplus"]
first = 5  # hidden[:first] have g' in terms of their output
pairs = [("BinaryCrossEntropy", "Sigmoid", 2), ("CrossEntropy", "Softmax", 3),
         ("MeanSquaredError", "Identity", 2), ("MeanSquaredError", "ReLU", 2),
         ("MeanSquaredError", "LeakyReLU", 2), ("MeanSquaredError", "Sigmoid", 2),
         ("MeanSquaredError", "Tanh", 2), ("MeanSquaredError", "Softmax", 3),
         ("MeanSquaredError", "GELU", 2), ("MeanSquaredError", "Softplus", 2)]
short = {"BinaryCrossEntropy": "Bce", "CrossEntropy": "Ce", "MeanSquaredError": "Mse"}

lines = ["// Networks for the finite-difference gradient checks: every hidden activation x every allowed",
         "// output activation/loss pair, with 1, 2 and 3 layers (see make_networks.py, which wrote this file).",
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
        if i >= first and loss != "BinaryCrossEntropy":
            continue
        h2 = hidden[(i + 2) % len(hidden)]
        name = f"G3_{h}_{h2}_{short[loss]}{out}"
        lines += [f"[Network(3, Loss = Loss.{loss})]", f"[Dense(5, Activation.{h})]",
                  f"[Dense(4, Activation.{h2}, Inputs = 5)]", f"[Dense({units}, Activation.{out})]",
                  f"internal sealed partial class {name};", ""]
        cases.append((name, loss))
for h in hidden[first:]:
    name = f"G2Wide_{h}_CeSoftmax"
    lines += [f"[Network(3, Loss = Loss.CrossEntropy)]", f"[Dense(12, Activation.{h})]",
              f"[Dense(3, Activation.Softmax)]", f"internal sealed partial class {name};", ""]
    cases.append((name, "CrossEntropy"))
# LeakyReLU with its own slope (a type per slope, g' from Z): written-out and kernel paths, hidden and output, negative too.
for name, loss, layers in [
        ("GSlope2_LeakyReLU02_BceSigmoid", "BinaryCrossEntropy", ["Dense(5, Activation.LeakyReLU, Slope = 0.2f)", "Dense(2, Activation.Sigmoid)"]),
        ("GSlope3_LeakyReLUm05_Tanh_CeSoftmax", "CrossEntropy", ["Dense(5, Activation.LeakyReLU, Slope = -0.5f)", "Dense(4, Activation.Tanh)", "Dense(3, Activation.Softmax)"]),
        ("GSlopeWide_LeakyReLU03_CeSoftmax", "CrossEntropy", ["Dense(12, Activation.LeakyReLU, Slope = 0.3f)", "Dense(3, Activation.Softmax)"]),
        ("GSlope1_MseLeakyReLU025", "MeanSquaredError", ["Dense(2, Activation.LeakyReLU, Slope = 0.25f)"]),
        ("GSlope2_Tanh_MseLeakyReLU2", "MeanSquaredError", ["Dense(5, Activation.Tanh)", "Dense(2, Activation.LeakyReLU, Slope = 2)"])]:
    lines += [f"[Network(3, Loss = Loss.{loss})]"] + [f"[{layer}]" for layer in layers] + [f"internal sealed partial class {name};", ""]
    cases.append((name, loss))
lines += ["internal static class GradientCheckNetworks", "{",
          "    /// <summary>Each network with its loss; the seed varies the initial parameters.</summary>",
          "    public static (INetwork Network, Loss Loss)[] Create(int seed) =>", "    ["]
lines += [f"        (new {n}(seed), Loss.{l})," for n, l in cases]
lines += ["    ];", "", f"    public const int Count = {len(cases)};", "}", ""]
with open("Networks.cs", "w", encoding="utf-8") as f:
    f.write("\n".join(lines))
print(f"{len(cases)} networks")
