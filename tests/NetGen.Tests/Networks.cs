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
