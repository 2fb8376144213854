#!/usr/bin/env python3
"""Reference values for NetGen's weighted losses and clipping by global norm, from PyTorch's own functions.

Run with Debian's python3-torch:  /usr/bin/python3 tests/NetGen.Tests/Training/TestData/make_training_fixture.py
Writes training_fixture.json beside this script. For each network (declared in Networks.cs / Training/Networks.cs of
the test project, same layer sizes as the nn.Sequential here) it records the parameters (NetGen's layout: each Linear's
weight row-major, then its bias), a batch, the loss weights, and in float64:
  - the cost J: F.cross_entropy(z, y, weight=w) with probability targets (mean over the m examples), or
    F.binary_cross_entropy_with_logits(z, y, pos_weight=p, reduction="none").sum(1).mean() (NetGen sums over outputs);
  - dJ/dθ by autograd;
  - torch.nn.utils.clip_grad_norm_ of those gradients to max_norm, and the total norm it returned.
"""
import json
import os

import torch
import torch.nn.functional as F

torch.manual_seed(20261204)
torch.set_default_dtype(torch.float64)

ACT = {"tanh": torch.nn.Tanh, "relu": torch.nn.ReLU}


def model(sizes, hidden):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(ACT[hidden]())
    return torch.nn.Sequential(*layers)


def flat(tensors):
    return [float(v) for t in tensors for v in t.detach().reshape(-1)]


def case(name, sizes, hidden, loss, m, weights, max_norm):
    net = model(sizes, hidden)
    with torch.no_grad():  # float32-representable parameters and inputs, so NetGen sees exactly these values
        for p in net.parameters():
            p.copy_(p.float().double())
    x = (torch.rand(m, sizes[0]) * 2 - 1).float().double()
    n = sizes[-1]
    if loss == "CrossEntropy":
        labels = torch.randint(0, n, (m,))
        y = F.one_hot(labels, n).double()
        y[0] = torch.softmax(torch.randn(n), 0).float().double()  # one probability target besides the one-hot rows
    else:
        y = torch.randint(0, 2, (m, n)).double()
        y[0, 0] = 0.25  # a soft label
    w = torch.tensor(weights)
    z = net(x)
    if loss == "CrossEntropy":
        J = F.cross_entropy(z, y, weight=w)
        # With one-hot targets PyTorch's class-index form gives the same per-example losses.
        per = F.cross_entropy(z[1:], y[1:].argmax(1), weight=w, reduction="none")
        assert torch.allclose(per, -(w * y[1:] * torch.log_softmax(z[1:], 1)).sum(1))
    else:
        J = F.binary_cross_entropy_with_logits(z, y, pos_weight=w, reduction="none").sum(1).mean()
    params = [t for layer in net if isinstance(layer, torch.nn.Linear) for t in (layer.weight, layer.bias)]
    grads = torch.autograd.grad(J, params)
    for p, g in zip(params, grads):
        p.grad = g.clone()
    total = torch.nn.utils.clip_grad_norm_(params, max_norm)
    return {
        "network": name, "loss": loss, "parameters": flat(params), "inputs": flat([x]), "targets": flat([y]),
        "weights": weights, "cost": float(J), "gradients": flat(grads), "max_norm": max_norm,
        "total_norm": float(total), "clipped": flat([p.grad for p in params]),
    }


cases = [
    case("TinyWeightedClassifier", [5, 4, 3], "tanh", "CrossEntropy", 9, [0.5, 2.0, 1.25], 0.05),
    case("DigitsNet", [64, 32, 10], "tanh", "CrossEntropy", 12, [1.0, 0.2, 3.0, 1.0, 0.0, 0.7, 1.5, 1.0, 2.5, 0.9], 0.1),
    case("G2_Tanh_BceSigmoid", [3, 5, 2], "tanh", "BinaryCrossEntropy", 10, [3.0, 0.4], 0.05),
    case("CancerNet", [30, 16, 8, 1], "relu", "BinaryCrossEntropy", 16, [4.0], 0.2),
]
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "training_fixture.json")
with open(path, "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f, separators=(",", ":"))
print(f"wrote {path}")
