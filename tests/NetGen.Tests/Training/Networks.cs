namespace NetGen.Tests.Training;

// Small enough (20 and 12 weights) for the lanes pass, which a weighted loss leaves for the cache path.
[Network(5, Loss = Loss.CrossEntropy)]
[Dense(4, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
internal sealed partial class TinyWeightedClassifier;
