"""Writes conv_fixture.json: PyTorch's own outputs and gradients for the convolution and pooling kernel tests.

Each case has float32 inputs (written exactly), PyTorch's float64 results computed from them, and the upstream
gradient g of a loss L = sum(g * output): x.grad, weight.grad and bias.grad are then dL/dx, dL/dW, dL/db.
Shapes match the IConvolution / IPooling structs of ConvolutionKernelTests.cs and PoolingKernelTests.cs.
Max-pooling inputs are rounded to a coarse grid so windows contain ties: PyTorch's choice (the first maximum) is
what the kernels must reproduce. Run from this folder with Debian's python3-torch: /usr/bin/python3 make_conv_fixture.py
"""
import json

import torch
import torch.nn.functional as F

torch.manual_seed(20261203)


def values(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def f32(*shape, scale=1.0):
    return ((torch.rand(*shape) * 2 - 1) * scale).float().double()


def conv_case(name, m, c, h, w, f, kh, kw, sh, sw, ph, pw, one_d=False):
    x = f32(m, c, h, w).requires_grad_()
    weight = f32(f, c, kh, kw, scale=0.5).requires_grad_()
    bias = f32(f).requires_grad_()
    if one_d:   # Conv1d over (C, L): the same numbers as a 2-D convolution with H = KH = 1
        z = F.conv1d(x.reshape(m, c, w), weight.reshape(f, c, kw), bias, stride=sw, padding=pw).unsqueeze(2)
    else:
        z = F.conv2d(x, weight, bias, stride=(sh, sw), padding=(ph, pw))
    g = f32(*z.shape)
    (z * g).sum().backward()
    return {"name": name, "m": m, "x": values(x), "w": values(weight), "b": values(bias), "z": values(z),
            "g": values(g), "dx": values(x.grad), "dw": values(weight.grad), "db": values(bias.grad)}


def pool_case(name, kind, m, c, h, w, kh, kw, sh, sw, ties=False, one_d=False):
    x = f32(m, c, h, w)
    if ties:
        x = torch.round(x * 2) / 2   # values in {-1, -0.5, 0, 0.5, 1}: most windows have several maxima
    x.requires_grad_()
    if one_d:
        x1 = x.reshape(m, c, w)
        a = (F.max_pool1d(x1, kw, sw) if kind == "max" else F.avg_pool1d(x1, kw, sw)).unsqueeze(2)
    else:
        a = F.max_pool2d(x, (kh, kw), (sh, sw)) if kind == "max" else F.avg_pool2d(x, (kh, kw), (sh, sw))
    g = f32(*a.shape)
    (a * g).sum().backward()
    return {"name": name, "kind": kind, "m": m, "x": values(x), "a": values(a), "g": values(g), "dx": values(x.grad)}


fixture = {
    "torch": torch.__version__,
    "conv": [
        conv_case("ConvStridePad", 2, 2, 7, 6, 3, 3, 3, 2, 2, 1, 1),
        conv_case("ConvStride3", 2, 3, 10, 11, 5, 4, 4, 3, 3, 1, 1),
        conv_case("ConvLeNet2", 1, 6, 14, 14, 16, 5, 5, 1, 1, 0, 0),
        conv_case("Conv1DSeq", 2, 3, 1, 64, 8, 1, 5, 1, 2, 0, 2, one_d=True),
        conv_case("ConvFew", 2, 2, 9, 11, 5, 3, 3, 1, 1, 1, 1),
        conv_case("ConvTallStride", 2, 2, 9, 7, 3, 3, 3, 2, 1, 1, 0),
    ],
    "pool": [
        pool_case("PoolOverlap", "max", 2, 2, 7, 7, 3, 3, 2, 2, ties=True),
        pool_case("PoolOdd", "max", 2, 3, 5, 5, 2, 2, 2, 2, ties=True),
        pool_case("PoolPairs", "max", 2, 2, 8, 9, 2, 2, 2, 2, ties=True),
        pool_case("PoolPairs", "avg", 2, 2, 8, 9, 2, 2, 2, 2),
        pool_case("PoolOdd", "avg", 2, 3, 5, 5, 2, 2, 2, 2),
        pool_case("Pool1D", "max", 2, 8, 1, 33, 1, 2, 1, 2, ties=True, one_d=True),
        pool_case("Pool1D", "avg", 2, 8, 1, 33, 1, 2, 1, 2, one_d=True),
    ],
}
with open("conv_fixture.json", "w", encoding="utf-8") as out:
    json.dump(fixture, out, separators=(",", ":"))
print(f"{len(fixture['conv'])} convolutions, {len(fixture['pool'])} poolings (torch {torch.__version__})")
