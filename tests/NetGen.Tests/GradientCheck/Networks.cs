// Networks for the finite-difference gradient checks: every hidden activation x every allowed
// output activation/loss pair, with 1, 2 and 3 layers (see make_networks.py, which wrote this file).
// MeanSquaredError + Softmax is allowed but warned about (NG0015); the pragma shows the warning is suppressible.
#pragma warning disable NG0015
using NetGen;

namespace NetGen.Tests.GradientCheck;

[Network(3, Loss = Loss.BinaryCrossEntropy)]
[Dense(2, Activation.Sigmoid)]
internal sealed partial class G1_BceSigmoid;

[Network(3, Loss = Loss.BinaryCrossEntropy)]
[Dense(5, Activation.Identity)]
[Dense(2, Activation.Sigmoid)]
internal sealed partial class G2_Identity_BceSigmoid;

[Network(3, Loss = Loss.BinaryCrossEntropy)]
[Dense(5, Activation.Identity)]
[Dense(4, Activation.LeakyReLU, Inputs = 5)]
[Dense(2, Activation.Sigmoid)]
internal sealed partial class G3_Identity_LeakyReLU_BceSigmoid;

[Network(3, Loss = Loss.BinaryCrossEntropy)]
[Dense(5, Activation.ReLU)]
[Dense(2, Activation.Sigmoid)]
internal sealed partial class G2_ReLU_BceSigmoid;

[Network(3, Loss = Loss.BinaryCrossEntropy)]
[Dense(5, Activation.ReLU)]
[Dense(4, Activation.Sigmoid, Inputs = 5)]
[Dense(2, Activation.Sigmoid)]
internal sealed partial class G3_ReLU_Sigmoid_BceSigmoid;

[Network(3, Loss = Loss.BinaryCrossEntropy)]
[Dense(5, Activation.LeakyReLU)]
[Dense(2, Activation.Sigmoid)]
internal sealed partial class G2_LeakyReLU_BceSigmoid;

[Network(3, Loss = Loss.BinaryCrossEntropy)]
[Dense(5, Activation.LeakyReLU)]
[Dense(4, Activation.Tanh, Inputs = 5)]
[Dense(2, Activation.Sigmoid)]
internal sealed partial class G3_LeakyReLU_Tanh_BceSigmoid;

[Network(3, Loss = Loss.BinaryCrossEntropy)]
[Dense(5, Activation.Sigmoid)]
[Dense(2, Activation.Sigmoid)]
internal sealed partial class G2_Sigmoid_BceSigmoid;

[Network(3, Loss = Loss.BinaryCrossEntropy)]
[Dense(5, Activation.Sigmoid)]
[Dense(4, Activation.GELU, Inputs = 5)]
[Dense(2, Activation.Sigmoid)]
internal sealed partial class G3_Sigmoid_GELU_BceSigmoid;

[Network(3, Loss = Loss.BinaryCrossEntropy)]
[Dense(5, Activation.Tanh)]
[Dense(2, Activation.Sigmoid)]
internal sealed partial class G2_Tanh_BceSigmoid;

[Network(3, Loss = Loss.BinaryCrossEntropy)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.SiLU, Inputs = 5)]
[Dense(2, Activation.Sigmoid)]
internal sealed partial class G3_Tanh_SiLU_BceSigmoid;

[Network(3, Loss = Loss.BinaryCrossEntropy)]
[Dense(5, Activation.GELU)]
[Dense(2, Activation.Sigmoid)]
internal sealed partial class G2_GELU_BceSigmoid;

[Network(3, Loss = Loss.BinaryCrossEntropy)]
[Dense(5, Activation.GELU)]
[Dense(4, Activation.ELU, Inputs = 5)]
[Dense(2, Activation.Sigmoid)]
internal sealed partial class G3_GELU_ELU_BceSigmoid;

[Network(3, Loss = Loss.BinaryCrossEntropy)]
[Dense(5, Activation.SiLU)]
[Dense(2, Activation.Sigmoid)]
internal sealed partial class G2_SiLU_BceSigmoid;

[Network(3, Loss = Loss.BinaryCrossEntropy)]
[Dense(5, Activation.SiLU)]
[Dense(4, Activation.Softplus, Inputs = 5)]
[Dense(2, Activation.Sigmoid)]
internal sealed partial class G3_SiLU_Softplus_BceSigmoid;

[Network(3, Loss = Loss.BinaryCrossEntropy)]
[Dense(5, Activation.ELU)]
[Dense(2, Activation.Sigmoid)]
internal sealed partial class G2_ELU_BceSigmoid;

[Network(3, Loss = Loss.BinaryCrossEntropy)]
[Dense(5, Activation.ELU)]
[Dense(4, Activation.Identity, Inputs = 5)]
[Dense(2, Activation.Sigmoid)]
internal sealed partial class G3_ELU_Identity_BceSigmoid;

[Network(3, Loss = Loss.BinaryCrossEntropy)]
[Dense(5, Activation.Softplus)]
[Dense(2, Activation.Sigmoid)]
internal sealed partial class G2_Softplus_BceSigmoid;

[Network(3, Loss = Loss.BinaryCrossEntropy)]
[Dense(5, Activation.Softplus)]
[Dense(4, Activation.ReLU, Inputs = 5)]
[Dense(2, Activation.Sigmoid)]
internal sealed partial class G3_Softplus_ReLU_BceSigmoid;

[Network(3, Loss = Loss.CrossEntropy)]
[Dense(3, Activation.Softmax)]
internal sealed partial class G1_CeSoftmax;

[Network(3, Loss = Loss.CrossEntropy)]
[Dense(5, Activation.Identity)]
[Dense(3, Activation.Softmax)]
internal sealed partial class G2_Identity_CeSoftmax;

[Network(3, Loss = Loss.CrossEntropy)]
[Dense(5, Activation.Identity)]
[Dense(4, Activation.LeakyReLU, Inputs = 5)]
[Dense(3, Activation.Softmax)]
internal sealed partial class G3_Identity_LeakyReLU_CeSoftmax;

[Network(3, Loss = Loss.CrossEntropy)]
[Dense(5, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
internal sealed partial class G2_ReLU_CeSoftmax;

[Network(3, Loss = Loss.CrossEntropy)]
[Dense(5, Activation.ReLU)]
[Dense(4, Activation.Sigmoid, Inputs = 5)]
[Dense(3, Activation.Softmax)]
internal sealed partial class G3_ReLU_Sigmoid_CeSoftmax;

[Network(3, Loss = Loss.CrossEntropy)]
[Dense(5, Activation.LeakyReLU)]
[Dense(3, Activation.Softmax)]
internal sealed partial class G2_LeakyReLU_CeSoftmax;

[Network(3, Loss = Loss.CrossEntropy)]
[Dense(5, Activation.LeakyReLU)]
[Dense(4, Activation.Tanh, Inputs = 5)]
[Dense(3, Activation.Softmax)]
internal sealed partial class G3_LeakyReLU_Tanh_CeSoftmax;

[Network(3, Loss = Loss.CrossEntropy)]
[Dense(5, Activation.Sigmoid)]
[Dense(3, Activation.Softmax)]
internal sealed partial class G2_Sigmoid_CeSoftmax;

[Network(3, Loss = Loss.CrossEntropy)]
[Dense(5, Activation.Sigmoid)]
[Dense(4, Activation.GELU, Inputs = 5)]
[Dense(3, Activation.Softmax)]
internal sealed partial class G3_Sigmoid_GELU_CeSoftmax;

[Network(3, Loss = Loss.CrossEntropy)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
internal sealed partial class G2_Tanh_CeSoftmax;

[Network(3, Loss = Loss.CrossEntropy)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.SiLU, Inputs = 5)]
[Dense(3, Activation.Softmax)]
internal sealed partial class G3_Tanh_SiLU_CeSoftmax;

[Network(3, Loss = Loss.CrossEntropy)]
[Dense(5, Activation.GELU)]
[Dense(3, Activation.Softmax)]
internal sealed partial class G2_GELU_CeSoftmax;

[Network(3, Loss = Loss.CrossEntropy)]
[Dense(5, Activation.SiLU)]
[Dense(3, Activation.Softmax)]
internal sealed partial class G2_SiLU_CeSoftmax;

[Network(3, Loss = Loss.CrossEntropy)]
[Dense(5, Activation.ELU)]
[Dense(3, Activation.Softmax)]
internal sealed partial class G2_ELU_CeSoftmax;

[Network(3, Loss = Loss.CrossEntropy)]
[Dense(5, Activation.Softplus)]
[Dense(3, Activation.Softmax)]
internal sealed partial class G2_Softplus_CeSoftmax;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(2, Activation.Identity)]
internal sealed partial class G1_MseIdentity;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Identity)]
[Dense(2, Activation.Identity)]
internal sealed partial class G2_Identity_MseIdentity;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Identity)]
[Dense(4, Activation.LeakyReLU, Inputs = 5)]
[Dense(2, Activation.Identity)]
internal sealed partial class G3_Identity_LeakyReLU_MseIdentity;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.ReLU)]
[Dense(2, Activation.Identity)]
internal sealed partial class G2_ReLU_MseIdentity;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.ReLU)]
[Dense(4, Activation.Sigmoid, Inputs = 5)]
[Dense(2, Activation.Identity)]
internal sealed partial class G3_ReLU_Sigmoid_MseIdentity;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.LeakyReLU)]
[Dense(2, Activation.Identity)]
internal sealed partial class G2_LeakyReLU_MseIdentity;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.LeakyReLU)]
[Dense(4, Activation.Tanh, Inputs = 5)]
[Dense(2, Activation.Identity)]
internal sealed partial class G3_LeakyReLU_Tanh_MseIdentity;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Sigmoid)]
[Dense(2, Activation.Identity)]
internal sealed partial class G2_Sigmoid_MseIdentity;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Sigmoid)]
[Dense(4, Activation.GELU, Inputs = 5)]
[Dense(2, Activation.Identity)]
internal sealed partial class G3_Sigmoid_GELU_MseIdentity;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Tanh)]
[Dense(2, Activation.Identity)]
internal sealed partial class G2_Tanh_MseIdentity;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.SiLU, Inputs = 5)]
[Dense(2, Activation.Identity)]
internal sealed partial class G3_Tanh_SiLU_MseIdentity;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.GELU)]
[Dense(2, Activation.Identity)]
internal sealed partial class G2_GELU_MseIdentity;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.SiLU)]
[Dense(2, Activation.Identity)]
internal sealed partial class G2_SiLU_MseIdentity;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.ELU)]
[Dense(2, Activation.Identity)]
internal sealed partial class G2_ELU_MseIdentity;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Softplus)]
[Dense(2, Activation.Identity)]
internal sealed partial class G2_Softplus_MseIdentity;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(2, Activation.ReLU)]
internal sealed partial class G1_MseReLU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Identity)]
[Dense(2, Activation.ReLU)]
internal sealed partial class G2_Identity_MseReLU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Identity)]
[Dense(4, Activation.LeakyReLU, Inputs = 5)]
[Dense(2, Activation.ReLU)]
internal sealed partial class G3_Identity_LeakyReLU_MseReLU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.ReLU)]
[Dense(2, Activation.ReLU)]
internal sealed partial class G2_ReLU_MseReLU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.ReLU)]
[Dense(4, Activation.Sigmoid, Inputs = 5)]
[Dense(2, Activation.ReLU)]
internal sealed partial class G3_ReLU_Sigmoid_MseReLU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.LeakyReLU)]
[Dense(2, Activation.ReLU)]
internal sealed partial class G2_LeakyReLU_MseReLU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.LeakyReLU)]
[Dense(4, Activation.Tanh, Inputs = 5)]
[Dense(2, Activation.ReLU)]
internal sealed partial class G3_LeakyReLU_Tanh_MseReLU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Sigmoid)]
[Dense(2, Activation.ReLU)]
internal sealed partial class G2_Sigmoid_MseReLU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Sigmoid)]
[Dense(4, Activation.GELU, Inputs = 5)]
[Dense(2, Activation.ReLU)]
internal sealed partial class G3_Sigmoid_GELU_MseReLU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Tanh)]
[Dense(2, Activation.ReLU)]
internal sealed partial class G2_Tanh_MseReLU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.SiLU, Inputs = 5)]
[Dense(2, Activation.ReLU)]
internal sealed partial class G3_Tanh_SiLU_MseReLU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.GELU)]
[Dense(2, Activation.ReLU)]
internal sealed partial class G2_GELU_MseReLU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.SiLU)]
[Dense(2, Activation.ReLU)]
internal sealed partial class G2_SiLU_MseReLU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.ELU)]
[Dense(2, Activation.ReLU)]
internal sealed partial class G2_ELU_MseReLU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Softplus)]
[Dense(2, Activation.ReLU)]
internal sealed partial class G2_Softplus_MseReLU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(2, Activation.LeakyReLU)]
internal sealed partial class G1_MseLeakyReLU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Identity)]
[Dense(2, Activation.LeakyReLU)]
internal sealed partial class G2_Identity_MseLeakyReLU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Identity)]
[Dense(4, Activation.LeakyReLU, Inputs = 5)]
[Dense(2, Activation.LeakyReLU)]
internal sealed partial class G3_Identity_LeakyReLU_MseLeakyReLU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.ReLU)]
[Dense(2, Activation.LeakyReLU)]
internal sealed partial class G2_ReLU_MseLeakyReLU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.ReLU)]
[Dense(4, Activation.Sigmoid, Inputs = 5)]
[Dense(2, Activation.LeakyReLU)]
internal sealed partial class G3_ReLU_Sigmoid_MseLeakyReLU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.LeakyReLU)]
[Dense(2, Activation.LeakyReLU)]
internal sealed partial class G2_LeakyReLU_MseLeakyReLU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.LeakyReLU)]
[Dense(4, Activation.Tanh, Inputs = 5)]
[Dense(2, Activation.LeakyReLU)]
internal sealed partial class G3_LeakyReLU_Tanh_MseLeakyReLU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Sigmoid)]
[Dense(2, Activation.LeakyReLU)]
internal sealed partial class G2_Sigmoid_MseLeakyReLU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Sigmoid)]
[Dense(4, Activation.GELU, Inputs = 5)]
[Dense(2, Activation.LeakyReLU)]
internal sealed partial class G3_Sigmoid_GELU_MseLeakyReLU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Tanh)]
[Dense(2, Activation.LeakyReLU)]
internal sealed partial class G2_Tanh_MseLeakyReLU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.SiLU, Inputs = 5)]
[Dense(2, Activation.LeakyReLU)]
internal sealed partial class G3_Tanh_SiLU_MseLeakyReLU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.GELU)]
[Dense(2, Activation.LeakyReLU)]
internal sealed partial class G2_GELU_MseLeakyReLU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.SiLU)]
[Dense(2, Activation.LeakyReLU)]
internal sealed partial class G2_SiLU_MseLeakyReLU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.ELU)]
[Dense(2, Activation.LeakyReLU)]
internal sealed partial class G2_ELU_MseLeakyReLU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Softplus)]
[Dense(2, Activation.LeakyReLU)]
internal sealed partial class G2_Softplus_MseLeakyReLU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(2, Activation.Sigmoid)]
internal sealed partial class G1_MseSigmoid;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Identity)]
[Dense(2, Activation.Sigmoid)]
internal sealed partial class G2_Identity_MseSigmoid;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Identity)]
[Dense(4, Activation.LeakyReLU, Inputs = 5)]
[Dense(2, Activation.Sigmoid)]
internal sealed partial class G3_Identity_LeakyReLU_MseSigmoid;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.ReLU)]
[Dense(2, Activation.Sigmoid)]
internal sealed partial class G2_ReLU_MseSigmoid;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.ReLU)]
[Dense(4, Activation.Sigmoid, Inputs = 5)]
[Dense(2, Activation.Sigmoid)]
internal sealed partial class G3_ReLU_Sigmoid_MseSigmoid;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.LeakyReLU)]
[Dense(2, Activation.Sigmoid)]
internal sealed partial class G2_LeakyReLU_MseSigmoid;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.LeakyReLU)]
[Dense(4, Activation.Tanh, Inputs = 5)]
[Dense(2, Activation.Sigmoid)]
internal sealed partial class G3_LeakyReLU_Tanh_MseSigmoid;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Sigmoid)]
[Dense(2, Activation.Sigmoid)]
internal sealed partial class G2_Sigmoid_MseSigmoid;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Sigmoid)]
[Dense(4, Activation.GELU, Inputs = 5)]
[Dense(2, Activation.Sigmoid)]
internal sealed partial class G3_Sigmoid_GELU_MseSigmoid;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Tanh)]
[Dense(2, Activation.Sigmoid)]
internal sealed partial class G2_Tanh_MseSigmoid;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.SiLU, Inputs = 5)]
[Dense(2, Activation.Sigmoid)]
internal sealed partial class G3_Tanh_SiLU_MseSigmoid;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.GELU)]
[Dense(2, Activation.Sigmoid)]
internal sealed partial class G2_GELU_MseSigmoid;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.SiLU)]
[Dense(2, Activation.Sigmoid)]
internal sealed partial class G2_SiLU_MseSigmoid;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.ELU)]
[Dense(2, Activation.Sigmoid)]
internal sealed partial class G2_ELU_MseSigmoid;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Softplus)]
[Dense(2, Activation.Sigmoid)]
internal sealed partial class G2_Softplus_MseSigmoid;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(2, Activation.Tanh)]
internal sealed partial class G1_MseTanh;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Identity)]
[Dense(2, Activation.Tanh)]
internal sealed partial class G2_Identity_MseTanh;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Identity)]
[Dense(4, Activation.LeakyReLU, Inputs = 5)]
[Dense(2, Activation.Tanh)]
internal sealed partial class G3_Identity_LeakyReLU_MseTanh;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.ReLU)]
[Dense(2, Activation.Tanh)]
internal sealed partial class G2_ReLU_MseTanh;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.ReLU)]
[Dense(4, Activation.Sigmoid, Inputs = 5)]
[Dense(2, Activation.Tanh)]
internal sealed partial class G3_ReLU_Sigmoid_MseTanh;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.LeakyReLU)]
[Dense(2, Activation.Tanh)]
internal sealed partial class G2_LeakyReLU_MseTanh;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.LeakyReLU)]
[Dense(4, Activation.Tanh, Inputs = 5)]
[Dense(2, Activation.Tanh)]
internal sealed partial class G3_LeakyReLU_Tanh_MseTanh;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Sigmoid)]
[Dense(2, Activation.Tanh)]
internal sealed partial class G2_Sigmoid_MseTanh;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Sigmoid)]
[Dense(4, Activation.GELU, Inputs = 5)]
[Dense(2, Activation.Tanh)]
internal sealed partial class G3_Sigmoid_GELU_MseTanh;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Tanh)]
[Dense(2, Activation.Tanh)]
internal sealed partial class G2_Tanh_MseTanh;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.SiLU, Inputs = 5)]
[Dense(2, Activation.Tanh)]
internal sealed partial class G3_Tanh_SiLU_MseTanh;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.GELU)]
[Dense(2, Activation.Tanh)]
internal sealed partial class G2_GELU_MseTanh;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.SiLU)]
[Dense(2, Activation.Tanh)]
internal sealed partial class G2_SiLU_MseTanh;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.ELU)]
[Dense(2, Activation.Tanh)]
internal sealed partial class G2_ELU_MseTanh;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Softplus)]
[Dense(2, Activation.Tanh)]
internal sealed partial class G2_Softplus_MseTanh;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(3, Activation.Softmax)]
internal sealed partial class G1_MseSoftmax;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Identity)]
[Dense(3, Activation.Softmax)]
internal sealed partial class G2_Identity_MseSoftmax;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Identity)]
[Dense(4, Activation.LeakyReLU, Inputs = 5)]
[Dense(3, Activation.Softmax)]
internal sealed partial class G3_Identity_LeakyReLU_MseSoftmax;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
internal sealed partial class G2_ReLU_MseSoftmax;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.ReLU)]
[Dense(4, Activation.Sigmoid, Inputs = 5)]
[Dense(3, Activation.Softmax)]
internal sealed partial class G3_ReLU_Sigmoid_MseSoftmax;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.LeakyReLU)]
[Dense(3, Activation.Softmax)]
internal sealed partial class G2_LeakyReLU_MseSoftmax;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.LeakyReLU)]
[Dense(4, Activation.Tanh, Inputs = 5)]
[Dense(3, Activation.Softmax)]
internal sealed partial class G3_LeakyReLU_Tanh_MseSoftmax;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Sigmoid)]
[Dense(3, Activation.Softmax)]
internal sealed partial class G2_Sigmoid_MseSoftmax;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Sigmoid)]
[Dense(4, Activation.GELU, Inputs = 5)]
[Dense(3, Activation.Softmax)]
internal sealed partial class G3_Sigmoid_GELU_MseSoftmax;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
internal sealed partial class G2_Tanh_MseSoftmax;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.SiLU, Inputs = 5)]
[Dense(3, Activation.Softmax)]
internal sealed partial class G3_Tanh_SiLU_MseSoftmax;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.GELU)]
[Dense(3, Activation.Softmax)]
internal sealed partial class G2_GELU_MseSoftmax;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.SiLU)]
[Dense(3, Activation.Softmax)]
internal sealed partial class G2_SiLU_MseSoftmax;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.ELU)]
[Dense(3, Activation.Softmax)]
internal sealed partial class G2_ELU_MseSoftmax;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Softplus)]
[Dense(3, Activation.Softmax)]
internal sealed partial class G2_Softplus_MseSoftmax;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(2, Activation.GELU)]
internal sealed partial class G1_MseGELU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Identity)]
[Dense(2, Activation.GELU)]
internal sealed partial class G2_Identity_MseGELU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Identity)]
[Dense(4, Activation.LeakyReLU, Inputs = 5)]
[Dense(2, Activation.GELU)]
internal sealed partial class G3_Identity_LeakyReLU_MseGELU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.ReLU)]
[Dense(2, Activation.GELU)]
internal sealed partial class G2_ReLU_MseGELU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.ReLU)]
[Dense(4, Activation.Sigmoid, Inputs = 5)]
[Dense(2, Activation.GELU)]
internal sealed partial class G3_ReLU_Sigmoid_MseGELU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.LeakyReLU)]
[Dense(2, Activation.GELU)]
internal sealed partial class G2_LeakyReLU_MseGELU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.LeakyReLU)]
[Dense(4, Activation.Tanh, Inputs = 5)]
[Dense(2, Activation.GELU)]
internal sealed partial class G3_LeakyReLU_Tanh_MseGELU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Sigmoid)]
[Dense(2, Activation.GELU)]
internal sealed partial class G2_Sigmoid_MseGELU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Sigmoid)]
[Dense(4, Activation.GELU, Inputs = 5)]
[Dense(2, Activation.GELU)]
internal sealed partial class G3_Sigmoid_GELU_MseGELU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Tanh)]
[Dense(2, Activation.GELU)]
internal sealed partial class G2_Tanh_MseGELU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.SiLU, Inputs = 5)]
[Dense(2, Activation.GELU)]
internal sealed partial class G3_Tanh_SiLU_MseGELU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.GELU)]
[Dense(2, Activation.GELU)]
internal sealed partial class G2_GELU_MseGELU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.SiLU)]
[Dense(2, Activation.GELU)]
internal sealed partial class G2_SiLU_MseGELU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.ELU)]
[Dense(2, Activation.GELU)]
internal sealed partial class G2_ELU_MseGELU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Softplus)]
[Dense(2, Activation.GELU)]
internal sealed partial class G2_Softplus_MseGELU;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(2, Activation.Softplus)]
internal sealed partial class G1_MseSoftplus;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Identity)]
[Dense(2, Activation.Softplus)]
internal sealed partial class G2_Identity_MseSoftplus;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Identity)]
[Dense(4, Activation.LeakyReLU, Inputs = 5)]
[Dense(2, Activation.Softplus)]
internal sealed partial class G3_Identity_LeakyReLU_MseSoftplus;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.ReLU)]
[Dense(2, Activation.Softplus)]
internal sealed partial class G2_ReLU_MseSoftplus;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.ReLU)]
[Dense(4, Activation.Sigmoid, Inputs = 5)]
[Dense(2, Activation.Softplus)]
internal sealed partial class G3_ReLU_Sigmoid_MseSoftplus;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.LeakyReLU)]
[Dense(2, Activation.Softplus)]
internal sealed partial class G2_LeakyReLU_MseSoftplus;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.LeakyReLU)]
[Dense(4, Activation.Tanh, Inputs = 5)]
[Dense(2, Activation.Softplus)]
internal sealed partial class G3_LeakyReLU_Tanh_MseSoftplus;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Sigmoid)]
[Dense(2, Activation.Softplus)]
internal sealed partial class G2_Sigmoid_MseSoftplus;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Sigmoid)]
[Dense(4, Activation.GELU, Inputs = 5)]
[Dense(2, Activation.Softplus)]
internal sealed partial class G3_Sigmoid_GELU_MseSoftplus;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Tanh)]
[Dense(2, Activation.Softplus)]
internal sealed partial class G2_Tanh_MseSoftplus;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.SiLU, Inputs = 5)]
[Dense(2, Activation.Softplus)]
internal sealed partial class G3_Tanh_SiLU_MseSoftplus;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.GELU)]
[Dense(2, Activation.Softplus)]
internal sealed partial class G2_GELU_MseSoftplus;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.SiLU)]
[Dense(2, Activation.Softplus)]
internal sealed partial class G2_SiLU_MseSoftplus;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.ELU)]
[Dense(2, Activation.Softplus)]
internal sealed partial class G2_ELU_MseSoftplus;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Softplus)]
[Dense(2, Activation.Softplus)]
internal sealed partial class G2_Softplus_MseSoftplus;

[Network(3, Loss = Loss.CrossEntropy)]
[Dense(12, Activation.GELU)]
[Dense(3, Activation.Softmax)]
internal sealed partial class G2Wide_GELU_CeSoftmax;

[Network(3, Loss = Loss.CrossEntropy)]
[Dense(12, Activation.SiLU)]
[Dense(3, Activation.Softmax)]
internal sealed partial class G2Wide_SiLU_CeSoftmax;

[Network(3, Loss = Loss.CrossEntropy)]
[Dense(12, Activation.ELU)]
[Dense(3, Activation.Softmax)]
internal sealed partial class G2Wide_ELU_CeSoftmax;

[Network(3, Loss = Loss.CrossEntropy)]
[Dense(12, Activation.Softplus)]
[Dense(3, Activation.Softmax)]
internal sealed partial class G2Wide_Softplus_CeSoftmax;

[Network(3, Loss = Loss.BinaryCrossEntropy)]
[Dense(5, Activation.LeakyReLU, Slope = 0.2f)]
[Dense(2, Activation.Sigmoid)]
internal sealed partial class GSlope2_LeakyReLU02_BceSigmoid;

[Network(3, Loss = Loss.CrossEntropy)]
[Dense(5, Activation.LeakyReLU, Slope = -0.5f)]
[Dense(4, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
internal sealed partial class GSlope3_LeakyReLUm05_Tanh_CeSoftmax;

[Network(3, Loss = Loss.CrossEntropy)]
[Dense(12, Activation.LeakyReLU, Slope = 0.3f)]
[Dense(3, Activation.Softmax)]
internal sealed partial class GSlopeWide_LeakyReLU03_CeSoftmax;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(2, Activation.LeakyReLU, Slope = 0.25f)]
internal sealed partial class GSlope1_MseLeakyReLU025;

[Network(3, Loss = Loss.MeanSquaredError)]
[Dense(5, Activation.Tanh)]
[Dense(2, Activation.LeakyReLU, Slope = 2)]
internal sealed partial class GSlope2_Tanh_MseLeakyReLU2;

internal static class GradientCheckNetworks
{
    /// <summary>Each network with its loss; the seed varies the initial parameters.</summary>
    public static (INetwork Network, Loss Loss)[] Create(int seed) =>
    [
        (new G1_BceSigmoid(seed), Loss.BinaryCrossEntropy),
        (new G2_Identity_BceSigmoid(seed), Loss.BinaryCrossEntropy),
        (new G3_Identity_LeakyReLU_BceSigmoid(seed), Loss.BinaryCrossEntropy),
        (new G2_ReLU_BceSigmoid(seed), Loss.BinaryCrossEntropy),
        (new G3_ReLU_Sigmoid_BceSigmoid(seed), Loss.BinaryCrossEntropy),
        (new G2_LeakyReLU_BceSigmoid(seed), Loss.BinaryCrossEntropy),
        (new G3_LeakyReLU_Tanh_BceSigmoid(seed), Loss.BinaryCrossEntropy),
        (new G2_Sigmoid_BceSigmoid(seed), Loss.BinaryCrossEntropy),
        (new G3_Sigmoid_GELU_BceSigmoid(seed), Loss.BinaryCrossEntropy),
        (new G2_Tanh_BceSigmoid(seed), Loss.BinaryCrossEntropy),
        (new G3_Tanh_SiLU_BceSigmoid(seed), Loss.BinaryCrossEntropy),
        (new G2_GELU_BceSigmoid(seed), Loss.BinaryCrossEntropy),
        (new G3_GELU_ELU_BceSigmoid(seed), Loss.BinaryCrossEntropy),
        (new G2_SiLU_BceSigmoid(seed), Loss.BinaryCrossEntropy),
        (new G3_SiLU_Softplus_BceSigmoid(seed), Loss.BinaryCrossEntropy),
        (new G2_ELU_BceSigmoid(seed), Loss.BinaryCrossEntropy),
        (new G3_ELU_Identity_BceSigmoid(seed), Loss.BinaryCrossEntropy),
        (new G2_Softplus_BceSigmoid(seed), Loss.BinaryCrossEntropy),
        (new G3_Softplus_ReLU_BceSigmoid(seed), Loss.BinaryCrossEntropy),
        (new G1_CeSoftmax(seed), Loss.CrossEntropy),
        (new G2_Identity_CeSoftmax(seed), Loss.CrossEntropy),
        (new G3_Identity_LeakyReLU_CeSoftmax(seed), Loss.CrossEntropy),
        (new G2_ReLU_CeSoftmax(seed), Loss.CrossEntropy),
        (new G3_ReLU_Sigmoid_CeSoftmax(seed), Loss.CrossEntropy),
        (new G2_LeakyReLU_CeSoftmax(seed), Loss.CrossEntropy),
        (new G3_LeakyReLU_Tanh_CeSoftmax(seed), Loss.CrossEntropy),
        (new G2_Sigmoid_CeSoftmax(seed), Loss.CrossEntropy),
        (new G3_Sigmoid_GELU_CeSoftmax(seed), Loss.CrossEntropy),
        (new G2_Tanh_CeSoftmax(seed), Loss.CrossEntropy),
        (new G3_Tanh_SiLU_CeSoftmax(seed), Loss.CrossEntropy),
        (new G2_GELU_CeSoftmax(seed), Loss.CrossEntropy),
        (new G2_SiLU_CeSoftmax(seed), Loss.CrossEntropy),
        (new G2_ELU_CeSoftmax(seed), Loss.CrossEntropy),
        (new G2_Softplus_CeSoftmax(seed), Loss.CrossEntropy),
        (new G1_MseIdentity(seed), Loss.MeanSquaredError),
        (new G2_Identity_MseIdentity(seed), Loss.MeanSquaredError),
        (new G3_Identity_LeakyReLU_MseIdentity(seed), Loss.MeanSquaredError),
        (new G2_ReLU_MseIdentity(seed), Loss.MeanSquaredError),
        (new G3_ReLU_Sigmoid_MseIdentity(seed), Loss.MeanSquaredError),
        (new G2_LeakyReLU_MseIdentity(seed), Loss.MeanSquaredError),
        (new G3_LeakyReLU_Tanh_MseIdentity(seed), Loss.MeanSquaredError),
        (new G2_Sigmoid_MseIdentity(seed), Loss.MeanSquaredError),
        (new G3_Sigmoid_GELU_MseIdentity(seed), Loss.MeanSquaredError),
        (new G2_Tanh_MseIdentity(seed), Loss.MeanSquaredError),
        (new G3_Tanh_SiLU_MseIdentity(seed), Loss.MeanSquaredError),
        (new G2_GELU_MseIdentity(seed), Loss.MeanSquaredError),
        (new G2_SiLU_MseIdentity(seed), Loss.MeanSquaredError),
        (new G2_ELU_MseIdentity(seed), Loss.MeanSquaredError),
        (new G2_Softplus_MseIdentity(seed), Loss.MeanSquaredError),
        (new G1_MseReLU(seed), Loss.MeanSquaredError),
        (new G2_Identity_MseReLU(seed), Loss.MeanSquaredError),
        (new G3_Identity_LeakyReLU_MseReLU(seed), Loss.MeanSquaredError),
        (new G2_ReLU_MseReLU(seed), Loss.MeanSquaredError),
        (new G3_ReLU_Sigmoid_MseReLU(seed), Loss.MeanSquaredError),
        (new G2_LeakyReLU_MseReLU(seed), Loss.MeanSquaredError),
        (new G3_LeakyReLU_Tanh_MseReLU(seed), Loss.MeanSquaredError),
        (new G2_Sigmoid_MseReLU(seed), Loss.MeanSquaredError),
        (new G3_Sigmoid_GELU_MseReLU(seed), Loss.MeanSquaredError),
        (new G2_Tanh_MseReLU(seed), Loss.MeanSquaredError),
        (new G3_Tanh_SiLU_MseReLU(seed), Loss.MeanSquaredError),
        (new G2_GELU_MseReLU(seed), Loss.MeanSquaredError),
        (new G2_SiLU_MseReLU(seed), Loss.MeanSquaredError),
        (new G2_ELU_MseReLU(seed), Loss.MeanSquaredError),
        (new G2_Softplus_MseReLU(seed), Loss.MeanSquaredError),
        (new G1_MseLeakyReLU(seed), Loss.MeanSquaredError),
        (new G2_Identity_MseLeakyReLU(seed), Loss.MeanSquaredError),
        (new G3_Identity_LeakyReLU_MseLeakyReLU(seed), Loss.MeanSquaredError),
        (new G2_ReLU_MseLeakyReLU(seed), Loss.MeanSquaredError),
        (new G3_ReLU_Sigmoid_MseLeakyReLU(seed), Loss.MeanSquaredError),
        (new G2_LeakyReLU_MseLeakyReLU(seed), Loss.MeanSquaredError),
        (new G3_LeakyReLU_Tanh_MseLeakyReLU(seed), Loss.MeanSquaredError),
        (new G2_Sigmoid_MseLeakyReLU(seed), Loss.MeanSquaredError),
        (new G3_Sigmoid_GELU_MseLeakyReLU(seed), Loss.MeanSquaredError),
        (new G2_Tanh_MseLeakyReLU(seed), Loss.MeanSquaredError),
        (new G3_Tanh_SiLU_MseLeakyReLU(seed), Loss.MeanSquaredError),
        (new G2_GELU_MseLeakyReLU(seed), Loss.MeanSquaredError),
        (new G2_SiLU_MseLeakyReLU(seed), Loss.MeanSquaredError),
        (new G2_ELU_MseLeakyReLU(seed), Loss.MeanSquaredError),
        (new G2_Softplus_MseLeakyReLU(seed), Loss.MeanSquaredError),
        (new G1_MseSigmoid(seed), Loss.MeanSquaredError),
        (new G2_Identity_MseSigmoid(seed), Loss.MeanSquaredError),
        (new G3_Identity_LeakyReLU_MseSigmoid(seed), Loss.MeanSquaredError),
        (new G2_ReLU_MseSigmoid(seed), Loss.MeanSquaredError),
        (new G3_ReLU_Sigmoid_MseSigmoid(seed), Loss.MeanSquaredError),
        (new G2_LeakyReLU_MseSigmoid(seed), Loss.MeanSquaredError),
        (new G3_LeakyReLU_Tanh_MseSigmoid(seed), Loss.MeanSquaredError),
        (new G2_Sigmoid_MseSigmoid(seed), Loss.MeanSquaredError),
        (new G3_Sigmoid_GELU_MseSigmoid(seed), Loss.MeanSquaredError),
        (new G2_Tanh_MseSigmoid(seed), Loss.MeanSquaredError),
        (new G3_Tanh_SiLU_MseSigmoid(seed), Loss.MeanSquaredError),
        (new G2_GELU_MseSigmoid(seed), Loss.MeanSquaredError),
        (new G2_SiLU_MseSigmoid(seed), Loss.MeanSquaredError),
        (new G2_ELU_MseSigmoid(seed), Loss.MeanSquaredError),
        (new G2_Softplus_MseSigmoid(seed), Loss.MeanSquaredError),
        (new G1_MseTanh(seed), Loss.MeanSquaredError),
        (new G2_Identity_MseTanh(seed), Loss.MeanSquaredError),
        (new G3_Identity_LeakyReLU_MseTanh(seed), Loss.MeanSquaredError),
        (new G2_ReLU_MseTanh(seed), Loss.MeanSquaredError),
        (new G3_ReLU_Sigmoid_MseTanh(seed), Loss.MeanSquaredError),
        (new G2_LeakyReLU_MseTanh(seed), Loss.MeanSquaredError),
        (new G3_LeakyReLU_Tanh_MseTanh(seed), Loss.MeanSquaredError),
        (new G2_Sigmoid_MseTanh(seed), Loss.MeanSquaredError),
        (new G3_Sigmoid_GELU_MseTanh(seed), Loss.MeanSquaredError),
        (new G2_Tanh_MseTanh(seed), Loss.MeanSquaredError),
        (new G3_Tanh_SiLU_MseTanh(seed), Loss.MeanSquaredError),
        (new G2_GELU_MseTanh(seed), Loss.MeanSquaredError),
        (new G2_SiLU_MseTanh(seed), Loss.MeanSquaredError),
        (new G2_ELU_MseTanh(seed), Loss.MeanSquaredError),
        (new G2_Softplus_MseTanh(seed), Loss.MeanSquaredError),
        (new G1_MseSoftmax(seed), Loss.MeanSquaredError),
        (new G2_Identity_MseSoftmax(seed), Loss.MeanSquaredError),
        (new G3_Identity_LeakyReLU_MseSoftmax(seed), Loss.MeanSquaredError),
        (new G2_ReLU_MseSoftmax(seed), Loss.MeanSquaredError),
        (new G3_ReLU_Sigmoid_MseSoftmax(seed), Loss.MeanSquaredError),
        (new G2_LeakyReLU_MseSoftmax(seed), Loss.MeanSquaredError),
        (new G3_LeakyReLU_Tanh_MseSoftmax(seed), Loss.MeanSquaredError),
        (new G2_Sigmoid_MseSoftmax(seed), Loss.MeanSquaredError),
        (new G3_Sigmoid_GELU_MseSoftmax(seed), Loss.MeanSquaredError),
        (new G2_Tanh_MseSoftmax(seed), Loss.MeanSquaredError),
        (new G3_Tanh_SiLU_MseSoftmax(seed), Loss.MeanSquaredError),
        (new G2_GELU_MseSoftmax(seed), Loss.MeanSquaredError),
        (new G2_SiLU_MseSoftmax(seed), Loss.MeanSquaredError),
        (new G2_ELU_MseSoftmax(seed), Loss.MeanSquaredError),
        (new G2_Softplus_MseSoftmax(seed), Loss.MeanSquaredError),
        (new G1_MseGELU(seed), Loss.MeanSquaredError),
        (new G2_Identity_MseGELU(seed), Loss.MeanSquaredError),
        (new G3_Identity_LeakyReLU_MseGELU(seed), Loss.MeanSquaredError),
        (new G2_ReLU_MseGELU(seed), Loss.MeanSquaredError),
        (new G3_ReLU_Sigmoid_MseGELU(seed), Loss.MeanSquaredError),
        (new G2_LeakyReLU_MseGELU(seed), Loss.MeanSquaredError),
        (new G3_LeakyReLU_Tanh_MseGELU(seed), Loss.MeanSquaredError),
        (new G2_Sigmoid_MseGELU(seed), Loss.MeanSquaredError),
        (new G3_Sigmoid_GELU_MseGELU(seed), Loss.MeanSquaredError),
        (new G2_Tanh_MseGELU(seed), Loss.MeanSquaredError),
        (new G3_Tanh_SiLU_MseGELU(seed), Loss.MeanSquaredError),
        (new G2_GELU_MseGELU(seed), Loss.MeanSquaredError),
        (new G2_SiLU_MseGELU(seed), Loss.MeanSquaredError),
        (new G2_ELU_MseGELU(seed), Loss.MeanSquaredError),
        (new G2_Softplus_MseGELU(seed), Loss.MeanSquaredError),
        (new G1_MseSoftplus(seed), Loss.MeanSquaredError),
        (new G2_Identity_MseSoftplus(seed), Loss.MeanSquaredError),
        (new G3_Identity_LeakyReLU_MseSoftplus(seed), Loss.MeanSquaredError),
        (new G2_ReLU_MseSoftplus(seed), Loss.MeanSquaredError),
        (new G3_ReLU_Sigmoid_MseSoftplus(seed), Loss.MeanSquaredError),
        (new G2_LeakyReLU_MseSoftplus(seed), Loss.MeanSquaredError),
        (new G3_LeakyReLU_Tanh_MseSoftplus(seed), Loss.MeanSquaredError),
        (new G2_Sigmoid_MseSoftplus(seed), Loss.MeanSquaredError),
        (new G3_Sigmoid_GELU_MseSoftplus(seed), Loss.MeanSquaredError),
        (new G2_Tanh_MseSoftplus(seed), Loss.MeanSquaredError),
        (new G3_Tanh_SiLU_MseSoftplus(seed), Loss.MeanSquaredError),
        (new G2_GELU_MseSoftplus(seed), Loss.MeanSquaredError),
        (new G2_SiLU_MseSoftplus(seed), Loss.MeanSquaredError),
        (new G2_ELU_MseSoftplus(seed), Loss.MeanSquaredError),
        (new G2_Softplus_MseSoftplus(seed), Loss.MeanSquaredError),
        (new G2Wide_GELU_CeSoftmax(seed), Loss.CrossEntropy),
        (new G2Wide_SiLU_CeSoftmax(seed), Loss.CrossEntropy),
        (new G2Wide_ELU_CeSoftmax(seed), Loss.CrossEntropy),
        (new G2Wide_Softplus_CeSoftmax(seed), Loss.CrossEntropy),
        (new GSlope2_LeakyReLU02_BceSigmoid(seed), Loss.BinaryCrossEntropy),
        (new GSlope3_LeakyReLUm05_Tanh_CeSoftmax(seed), Loss.CrossEntropy),
        (new GSlopeWide_LeakyReLU03_CeSoftmax(seed), Loss.CrossEntropy),
        (new GSlope1_MseLeakyReLU025(seed), Loss.MeanSquaredError),
        (new GSlope2_Tanh_MseLeakyReLU2(seed), Loss.MeanSquaredError),
    ];

    public const int Count = 163;
}
