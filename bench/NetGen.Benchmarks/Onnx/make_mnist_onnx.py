#!/usr/bin/python3
"""Writes mnist_784_128_64_10.onnx, the ONNX Runtime peer of the W4/W5 benchmarks.

The same architecture as the benchmark's NetGen network: 784-128-64-10, ReLU, ReLU, softmax, float32,
a dynamic batch dimension m. Weights are PyTorch's default init under a fixed seed (their values do not
matter for timing; they are finite and not denormal).

Run with Debian's Python:  apt-get install python3-torch python3-onnx && /usr/bin/python3 make_mnist_onnx.py
"""
import os

import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(
    nn.Linear(784, 128), nn.ReLU(),
    nn.Linear(128, 64), nn.ReLU(),
    nn.Linear(64, 10), nn.Softmax(dim=1),
).eval()

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mnist_784_128_64_10.onnx")
torch.onnx.export(
    model, torch.zeros(1, 784), path,
    input_names=["x"], output_names=["y"],
    dynamic_axes={"x": {0: "m"}, "y": {0: "m"}},
    opset_version=13, do_constant_folding=True,
)

import onnx  # noqa: E402  (only to check and describe what was written)

m = onnx.load(path)
onnx.checker.check_model(m)
print(path, [n.op_type for n in m.graph.node])
