using NetGen;

namespace NetGen.SafetensorsTests;

/// <summary>4 → 3 (Tanh) → 1 (Sigmoid): the network the corrupted-file corpus is built from.</summary>
[Network(4, Loss = Loss.BinaryCrossEntropy)]
[Dense(3, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
internal partial class TinyNet;

/// <summary>Matches the PyTorch fixture nn.Sequential(Linear(4, 8), ReLU(), Linear(8, 3), Softmax(dim=1)).</summary>
[Network(4, Loss = Loss.CrossEntropy)]
[Dense(8, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
internal partial class TorchNet;

/// <summary>Matches the PyTorch fixture whose Linear modules sit at indices 0, 3 and 12 of its nn.Sequential.</summary>
[Network(5, Loss = Loss.BinaryCrossEntropy)]
[Dense(7, Activation.Tanh)]
[Dense(6, Activation.LeakyReLU)]
[Dense(2, Activation.Sigmoid)]
internal partial class DeepNet;

/// <summary>A larger network (2 410 parameters), with Identity and Softmax layers.</summary>
[Network(64, Loss = Loss.CrossEntropy)]
[Dense(32, Activation.Identity)]
[Dense(10, Activation.Softmax)]
internal partial class WideNet;
