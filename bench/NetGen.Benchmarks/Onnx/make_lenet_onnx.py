#!/usr/bin/python3
"""Writes lenet.onnx, the ONNX Runtime peer of `--quick LeNet`: the LeNet-style network of the convolution contract
(1×28×28 → Conv 6@5×5 p2 ReLU → MaxPool 2 → Conv 16@5×5 ReLU → AvgPool 2 → Flatten → 120 ReLU → 84 ReLU → 10 softmax),
float32, a dynamic batch dimension m, PyTorch's default init under a fixed seed (the values do not matter for timing).

Run with Debian's Python:  apt-get install python3-torch python3-onnx && /usr/bin/python3 make_lenet_onnx.py
"""
import os

import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(
    nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(6, 16, 5), nn.ReLU(), nn.AvgPool2d(2),
    nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10), nn.Softmax(dim=1),
).eval()

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lenet.onnx")
torch.onnx.export(
    model, torch.zeros(1, 1, 28, 28), path,
    input_names=["x"], output_names=["y"],
    dynamic_axes={"x": {0: "m"}, "y": {0: "m"}},
    opset_version=13, do_constant_folding=True,
)

try:
    import onnx  # noqa: E402  (only to check what was written; python3-onnx)
    onnx.checker.check_model(onnx.load(path))
except ImportError:
    print("python3-onnx is not installed: the file was not checked")
print("wrote", path, os.path.getsize(path), "bytes")
