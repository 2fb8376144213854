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

/// <summary>Matches nn.Sequential(Linear(3, 5), GELU(), Linear(5, 2)) of TestData/gelu.onnx.</summary>
[Network(3)]
[Dense(5, Activation.GELU)]
[Dense(2)]
internal partial class GeluNet;

/// <summary>Matches the CNN of TestData/cnn.onnx: Conv2d(1, 2, 3, padding=1), ReLU, MaxPool2d(2), Flatten, Linear(18, 3), Softmax.</summary>
[Network(1, 6, 6, Loss = Loss.CrossEntropy)]
[Conv2D(2, 3, Activation.ReLU, Padding = 1)]
[MaxPool2D(2)]
[Flatten]
[Dense(3, Activation.Softmax)]
internal partial class OnnxCnn;

/// <summary>Matches nn.Sequential(Linear(4, 3), ReLU(), Linear(3, 1), Sigmoid()) of TestData/mlp.onnx.</summary>
[Network(4, Loss = Loss.BinaryCrossEntropy)]
[Dense(3, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
internal partial class OnnxMlp;

/// <summary>mlp.onnx's shapes with another activation: loading must refuse it (Tanh declared, Relu in the graph).</summary>
[Network(4, Loss = Loss.BinaryCrossEntropy)]
[Dense(3, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
internal partial class TanhMlp;

/// <summary>cnn.onnx's filters without its padding: the Conv node's pads must be refused.</summary>
[Network(1, 6, 6, Loss = Loss.CrossEntropy)]
[Conv2D(2, 3, Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(3, Activation.Softmax)]
internal partial class OnnxCnnUnpadded;

/// <summary>cnn.onnx's filters with stride 2: the Conv node's strides must be refused.</summary>
[Network(1, 6, 6, Loss = Loss.CrossEntropy)]
[Conv2D(2, 3, Activation.ReLU, Padding = 1, Stride = 2)]
[MaxPool2D(2)]
[Flatten]
[Dense(3, Activation.Softmax)]
internal partial class OnnxCnnStrided;
