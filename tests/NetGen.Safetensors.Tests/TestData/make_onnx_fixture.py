#!/usr/bin/env python3
"""ONNX files for the runtime's protobuf reader, exported by PyTorch, and what they must contain.

Run with Debian's python3-torch:  /usr/bin/python3 tests/NetGen.Safetensors.Tests/TestData/make_onnx_fixture.py
Writes mlp.onnx (Linear-ReLU-Linear-Sigmoid, opset 13), cnn.onnx (Conv-ReLU-MaxPool-Flatten-Linear-Softmax, opset 13)
 beside this script, and onnx_fixture.json: each file's node
op types in order, its initializers (name, dims, values) and its graph inputs and outputs (symbolic batch = null).
"""
import json
import os

import torch

torch.manual_seed(13)
here = os.path.dirname(os.path.abspath(__file__))


def export(model, example, name, dtype=torch.float32):
    path = os.path.join(here, name)
    model = model.to(dtype).eval()
    torch.onnx.export(model, example.to(dtype), path, opset_version=13, input_names=["x"], output_names=["y"],
                      dynamic_axes={"x": {0: "batch"}, "y": {0: "batch"}}, do_constant_folding=True)
    return path


mlp = torch.nn.Sequential(torch.nn.Linear(4, 3), torch.nn.ReLU(), torch.nn.Linear(3, 1), torch.nn.Sigmoid())
cnn = torch.nn.Sequential(torch.nn.Conv2d(1, 2, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2), torch.nn.Flatten(),
                          torch.nn.Linear(2 * 3 * 3, 3), torch.nn.Softmax(dim=1))
deep = torch.nn.Sequential(torch.nn.Linear(5, 7), torch.nn.Tanh(), torch.nn.Linear(7, 6), torch.nn.LeakyReLU(),
                           torch.nn.Linear(6, 2), torch.nn.Sigmoid())
gelu = torch.nn.Sequential(torch.nn.Linear(3, 5), torch.nn.GELU(), torch.nn.Linear(5, 2))
files = {
    "mlp.onnx": (mlp, torch.zeros(1, 4), torch.float32),
    "cnn.onnx": (cnn, torch.zeros(1, 1, 6, 6), torch.float32),
    "deep.onnx": (deep, torch.zeros(1, 5), torch.float32),   # DeepNet's layers, LeakyReLU's default slope
    "gelu.onnx": (gelu, torch.zeros(1, 3), torch.float32),   # GELU as Div-Erf-Add-Mul-Mul (opset 13)
}
fixture = {"torch": torch.__version__, "files": {}}
for name, (model, example, dtype) in files.items():
    export(model, example, name, dtype)
    state = {k: v.detach().float() for k, v in model.state_dict().items()}
    x = torch.rand((3,) + tuple(example.shape[1:])) * 2 - 1
    with torch.no_grad():
        y = model(x)
    fixture["files"][name] = {
        "ops": [type(m).__name__ for m in model],
        "inputs": [float(v) for v in x.reshape(-1)],
        "outputs": [float(v) for v in y.reshape(-1)],
        "state": {k: {"dims": list(v.shape), "values": [float(x) for x in v.reshape(-1)]} for k, v in state.items()},
    }
with open(os.path.join(here, "onnx_fixture.json"), "w") as f:
    json.dump(fixture, f, indent=1)
print("wrote", ", ".join(files), "and onnx_fixture.json")
