using NetGen;

namespace NetGen.EmbeddedWeightsTests;

/// <summary>
/// The PyTorch fixture deep_f32.safetensors (Linear modules at nn.Sequential indices 0, 3 and 12), exported by
/// tools/NetGen.WeightsExport to TestData/deep_f32.weights.json and compiled in.
/// </summary>
[Network(5, Loss = Loss.BinaryCrossEntropy, Weights = "TestData/deep_f32.weights.json")]
[Dense(7, Activation.Tanh)]
[Dense(6, Activation.LeakyReLU)]
[Dense(2, Activation.Sigmoid)]
public partial class CompiledDeepNet;

/// <summary>The same architecture without embedded weights: loads the safetensors file at run time, for comparison.</summary>
[Network(5, Loss = Loss.BinaryCrossEntropy)]
[Dense(7, Activation.Tanh)]
[Dense(6, Activation.LeakyReLU)]
[Dense(2, Activation.Sigmoid)]
public partial class DeepNet;

/// <summary>The architecture of the torch_*.safetensors fixtures: nn.Sequential(Linear(4, 8), ReLU(), Linear(8, 3), Softmax(dim=1)).</summary>
[Network(4, Loss = Loss.CrossEntropy)]
[Dense(8, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class TorchNet;

/// <summary>
/// A convolutional network with compiled-in weights: nn.Sequential(Conv2d(1, 3, 3, padding=1), ReLU(), MaxPool2d(2),
/// Conv2d(3, 4, 3), Tanh(), Flatten(), Linear(16, 5)) from make_cnn_fixture.py, its Conv2d weights [F, C, K, K].
/// </summary>
[Network(1, 8, 8, Loss = Loss.CrossEntropy, Weights = "cnn_c1_embedded.weights.json")]
[Conv2D(3, 3, Activation.ReLU, Padding = 1)]
[MaxPool2D(2)]
[Conv2D(4, 3, Activation.Tanh)]
[Flatten]
[Dense(5, Activation.Softmax)]
public partial class CompiledCnn;

/// <summary>The same network without embedded weights.</summary>
[Network(1, 8, 8, Loss = Loss.CrossEntropy)]
[Conv2D(3, 3, Activation.ReLU, Padding = 1)]
[MaxPool2D(2)]
[Conv2D(4, 3, Activation.Tanh)]
[Flatten]
[Dense(5, Activation.Softmax)]
public partial class Cnn;

// The newer activations and a LeakyReLU with its own slope, saved by NetGen and exported back into a declaration.
[Network(3, Loss = Loss.BinaryCrossEntropy)]
[Dense(4, Activation.GELU)]
[Dense(3, Activation.LeakyReLU, Slope = 0.2f)]
[Dense(2, Activation.Softplus)]
[Dense(1, Activation.Sigmoid)]
public partial class NewActivationsNet;
