using NetGen;

namespace NetGen.Benchmarks;

// The benchmark workloads as real generated networks (see bench/README.md).

/// <summary>W1: 2-4-1, tanh, sigmoid, binary cross-entropy.</summary>
[Network(2, Loss = Loss.BinaryCrossEntropy)]
[Dense(4, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
public partial class TinyNet;

/// <summary>W2: 30-16-8-1, ReLU, ReLU, sigmoid, binary cross-entropy.</summary>
[Network(30, Loss = Loss.BinaryCrossEntropy)]
[Dense(16, Activation.ReLU)]
[Dense(8, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
public partial class SmallNet;

/// <summary>W3–W5: 784-128-64-10, ReLU, ReLU, softmax, cross-entropy.</summary>
[Network(784, Loss = Loss.CrossEntropy)]
[Dense(128, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class MnistNet;

/// <summary>W6: 1024-1024-1024-10, ReLU, ReLU, softmax, cross-entropy.</summary>
[Network(1024, Loss = Loss.CrossEntropy)]
[Dense(1024, Activation.ReLU)]
[Dense(1024, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class WideNet;

/// <summary>C1: the LeNet-style network of the convolution contract (1×28×28 → 10).</summary>
[Network(1, 28, 28, Loss = Loss.CrossEntropy)]
[Conv2D(6, 5, Activation.ReLU, Padding = 2)]
[MaxPool2D(2)]
[Conv2D(16, 5, Activation.ReLU)]
[AvgPool2D(2)]
[Flatten]
[Dense(120, Activation.ReLU)]
[Dense(84, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class LeNet;
