using NetGen;

namespace NetGen.Tests;

[Network(30, Loss = Loss.BinaryCrossEntropy)]
[Dense(16, Activation.ReLU)]
[Dense(8, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
public partial class CancerNet;

[Network(64, Loss = Loss.CrossEntropy)]
[Dense(32, Activation.Tanh)]
[Dense(10, Activation.Softmax)]
internal sealed partial class DigitsNet;

[Network(784, Loss = Loss.CrossEntropy)]
[Dense(128, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
internal sealed partial class MnistNet;

[Network(4, Loss = Loss.MeanSquaredError)]
[Dense(3, Activation.LeakyReLU)]
[Dense(2)]
public sealed partial class RegressionNet;

// Hidden layer wider than Forward's stack limit (16 Ki floats): Forward rents its buffers from the shared pool.
[Network(3)]
[Dense(20000, Activation.ReLU)]
[Dense(2)]
internal sealed partial class WideNet;
