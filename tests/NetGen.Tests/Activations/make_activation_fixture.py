#!/usr/bin/env python3
"""PyTorch reference values for the activations whose derivative needs z: GELU (erf form), SiLU, ELU, Softplus.

Run with Debian's python3-torch:  /usr/bin/python3 tests/NetGen.Tests/Activations/make_activation_fixture.py
Writes activation_fixture.json beside this script: for each of the networks G2Wide_<act>_CeSoftmax (3 -> 12 <act> -> 3
softmax, cross-entropy; kernel path) and G2_<act>_MseGELU / ..._MseSoftplus-style MSE outputs declared in
GradientCheck/Networks.cs, and GSlopeWide_LeakyReLU03_CeSoftmax (LeakyReLU with Slope = 0.3f), parameters in NetGen's layout, a batch, and torch's outputs, cost and gradients in float64.
"""
import json
import os

import torch
import torch.nn.functional as F

torch.manual_seed(4)
torch.set_default_dtype(torch.float64)
ACT = {"GELU": torch.nn.GELU(), "SiLU": torch.nn.SiLU(), "ELU": torch.nn.ELU(), "Softplus": torch.nn.Softplus()}
SLOPED = {"LeakyReLU03": torch.nn.LeakyReLU(0.3)}


def case(name, hidden, out, loss, units, m):
    net = torch.nn.Sequential(torch.nn.Linear(3, units), {**ACT, **SLOPED}[hidden], torch.nn.Linear(units, 3 if loss == "ce" else 2))
    with torch.no_grad():
        for p in net.parameters():
            p.copy_((p * 3).float().double())  # larger weights reach the curved parts of each activation
    x = (torch.rand(m, 3) * 4 - 2).float().double()
    z = net(x)
    if loss == "ce":
        y = F.one_hot(torch.randint(0, 3, (m,)), 3).double()
        a = torch.softmax(z, 1)
        J = -(y * torch.log_softmax(z, 1)).sum(1).mean()
    else:
        y = torch.rand(m, 2).float().double()
        a = ACT[out](z)
        J = 0.5 * ((a - y) ** 2).sum(1).mean()  # NetGen's MSE: 1/2 sum over outputs, mean over examples
    params = [net[0].weight, net[0].bias, net[2].weight, net[2].bias]
    grads = torch.autograd.grad(J, params)
    flat = lambda ts: [float(v) for t in ts for v in t.detach().reshape(-1)]
    return {"network": name, "parameters": flat(params), "inputs": flat([x]), "targets": flat([y]), "outputs": flat([a]),
            "cost": float(J), "gradients": flat(grads)}


cases = [case(f"G2Wide_{h}_CeSoftmax", h, None, "ce", 12, 10) for h in ACT]
cases += [case(f"G2_{h}_MseGELU", h, "GELU", "mse", 5, 7) for h in ACT]
cases += [case(f"G2_{h}_MseSoftplus", h, "Softplus", "mse", 5, 7) for h in ACT]
cases += [case("GSlopeWide_LeakyReLU03_CeSoftmax", "LeakyReLU03", None, "ce", 12, 10)]  # nn.LeakyReLU(0.3) = Slope = 0.3f
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "activation_fixture.json")
with open(path, "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f, separators=(",", ":"))
print(f"wrote {path}: {len(cases)} cases")
