namespace NetGen.Samples.LogicGatesCompiled;

// Each network names its weights file (an AdditionalFiles item of this project). At compile time the generator reads
// it, checks every tensor against these layers (a wrong shape is an error naming the tensor, the expected and the
// actual shape) and compiles the values in: `new XnorNet()` starts from them, and no file is read at run time.

/// <summary>AND(a, b) = σ(−30 + 20a + 20b): one sigmoid unit.</summary>
[Network(2, Loss = Loss.BinaryCrossEntropy, Weights = "and.weights.json")]
[Dense(1, Activation.Sigmoid)]
public sealed partial class AndNet;

/// <summary>OR(a, b) = σ(−10 + 20a + 20b): one sigmoid unit.</summary>
[Network(2, Loss = Loss.BinaryCrossEntropy, Weights = "or.weights.json")]
[Dense(1, Activation.Sigmoid)]
public sealed partial class OrNet;

/// <summary>
/// XNOR(a, b) = OR(AND(a, b), NOR(a, b)), which no single unit can compute (it is not linearly separable): hidden unit 1
/// is AND = σ(−30 + 20a + 20b), hidden unit 2 is NOR = σ(10 − 20a − 20b), and the output is their OR,
/// σ(−10 + 20h₁ + 20h₂).
/// </summary>
[Network(2, Loss = Loss.BinaryCrossEntropy, Weights = "xnor.weights.json")]
[Dense(2, Activation.Sigmoid)]
[Dense(1, Activation.Sigmoid)]
public sealed partial class XnorNet;
