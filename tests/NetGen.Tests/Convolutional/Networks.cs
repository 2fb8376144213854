// Convolutional networks for the gradient checks and the reference comparison: every new layer kind, both
// dimensions, strides, paddings, odd sizes, each loss, each element-wise activation, a pooling layer first and
// last, and a written-out Dense layer after [Flatten]. CnnSpecs describes the same networks for the reference.
#pragma warning disable NG0015
using NetGen;

namespace NetGen.Tests.Convolutional;

[Network(1, 8, 8, Loss = Loss.CrossEntropy)]
[Conv2D(3, 3, Activation.ReLU, Padding = 1)]
[MaxPool2D(2)]
[Conv2D(4, 3, Activation.Tanh)]
[Flatten]
[Dense(5, Activation.Softmax, Inputs = 16)]
internal sealed partial class C1_Conv2DMaxPoolSoftmax;

[Network(2, 7, 7, Loss = Loss.BinaryCrossEntropy)]
[Conv2D(3, 3, Activation.LeakyReLU, Stride = 2, Padding = 1)]
[AvgPool2D(2, Stride = 1)]
[Flatten]
[Dense(2, Activation.Sigmoid)]
internal sealed partial class C2_StridedAvgPoolSigmoid;

[Network(3, 11)]
[Conv1D(4, 3, Activation.Sigmoid, Padding = 1)]
[MaxPool1D(2)]
[Conv1D(2, 2, Activation.Identity, Stride = 2)]
[AvgPool1D(2)]
[Flatten]
internal sealed partial class C3_Conv1DPoolOutput;

[Network(1, 6, 6)]
[MaxPool2D(2)]
[Conv2D(2, 2, Activation.Tanh)]
[Flatten]
[Dense(1)]
internal sealed partial class C4_PoolFirstUnrolledDense;

[Network(2, 9, 5, Loss = Loss.CrossEntropy)]
[Conv2D(20, 3, Activation.ReLU, Padding = 2)]
[MaxPool2D(3, Stride = 2)]
[Conv2D(17, 2, Activation.LeakyReLU)]
[Flatten]
[Dense(24, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
internal sealed partial class C5_WideFiltersOverlappingPool;

[Network(2, 6, 6, Loss = Loss.CrossEntropy)]
[Conv2D(3, 3, Activation.Sigmoid, Padding = 1)]
[Conv2D(2, 3, Activation.ReLU, Stride = 2)]
[Flatten]
[Dense(3, Activation.Softmax)]
internal sealed partial class C6_ConvIntoConv;

[Network(2, 9, Loss = Loss.BinaryCrossEntropy)]
[Conv1D(3, 4, Activation.Tanh, Stride = 2, Padding = 2)]
[Conv1D(2, 2, Activation.LeakyReLU)]
[Flatten]
[Dense(40, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
internal sealed partial class C7_Conv1DIntoConv1D;

// The activations whose g′ needs Z, and a LeakyReLU with its own slope, in convolutions, through pooling and into dense layers.
[Network(2, 6, 6, Loss = Loss.CrossEntropy)]
[Conv2D(3, 3, Activation.LeakyReLU, Padding = 1, Slope = 0.2f)]
[MaxPool2D(2)]
[Conv2D(4, 2, Activation.GELU)]
[Flatten]
[Dense(6, Activation.SiLU)]
[Dense(3, Activation.Softmax)]
internal sealed partial class C8_NewActivations2D;

[Network(2, 10, Loss = Loss.BinaryCrossEntropy)]
[Conv1D(3, 3, Activation.ELU)]
[AvgPool1D(2)]
[Conv1D(2, 2, Activation.Softplus, Stride = 2)]
[Flatten]
[Dense(1, Activation.Sigmoid)]
internal sealed partial class C9_NewActivations1D;
