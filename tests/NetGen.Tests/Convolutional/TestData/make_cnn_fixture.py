#!/usr/bin/python3
"""PyTorch fixture for NetGen's convolutional networks (needs torch and numpy; Debian: apt-get install -y python3-torch).

    /usr/bin/python3 make_cnn_fixture.py
        Writes cnn_c1.safetensors and cnn_c7.safetensors (state dicts of the nn.Sequential models below, whose
        parameterised modules match the tests' C1_Conv2DMaxPoolSoftmax and C7_Conv1DIntoConv1D) and cnn_fixture.json:
        fixed inputs and targets, torch's outputs, loss and every parameter's gradient (in NetGen's order: each
        parameterised module's weight then bias), which the C# tests compare after LoadWeights.

    Also writes cnn_c1.weights.json: the same C1 weights in NetGen's netgen-weights/1 format (tensors 0.*, 1.*, 2.*),
    which tests/NetGen.EmbeddedWeights.Tests compiles into a network with [Network(…, Weights = "…")].

    /usr/bin/python3 make_cnn_fixture.py check-netgen FILE
        The reverse direction: loads FILE (written by NetGen's SaveWeights for C1) into the same nn.Sequential, by
        NetGen's names 0.*, 1.*, 2.* mapped onto the module indices, and writes torch's outputs for the fixture's
        inputs to FILE.torch.json. The C# tests check NetGen still writes that file byte for byte and agrees with
        those outputs, so CI needs no torch.
"""
import json
import os
import re
import struct
import sys

import numpy as np
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20261203


def write_safetensors(path, named_tensors):
    header, blobs, offset = {}, [], 0
    for name, t in named_tensors:
        data = t.detach().contiguous().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def read_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        start, end = entry["data_offsets"]
        tensors[name] = torch.from_numpy(np.frombuffer(data[start:end], dtype="<f4").copy()).reshape(entry["shape"])
    return tensors


def c1():
    # [Network(1, 8, 8)] Conv2D(3, 3, ReLU, Padding = 1), MaxPool2D(2), Conv2D(4, 3, Tanh), Flatten, Dense(5, Softmax)
    return nn.Sequential(nn.Conv2d(1, 3, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(3, 4, 3), nn.Tanh(),
                         nn.Flatten(), nn.Linear(16, 5))


def c7():
    # [Network(2, 9)] Conv1D(3, 4, Tanh, Stride = 2, Padding = 2), Conv1D(2, 2, LeakyReLU), Flatten, Dense(40, ReLU), Dense(1, Sigmoid)
    return nn.Sequential(nn.Conv1d(2, 3, 4, stride=2, padding=2), nn.Tanh(), nn.Conv1d(3, 2, 2), nn.LeakyReLU(0.01),
                         nn.Flatten(), nn.Linear(8, 40), nn.ReLU(), nn.Linear(40, 1))


def case(name, model, x, target, loss_kind):
    model.zero_grad()
    logits = model(x)
    if loss_kind == "CrossEntropy":
        loss = nn.functional.cross_entropy(logits, target.argmax(dim=1))
        outputs = torch.softmax(logits, dim=1)
    else:
        loss = nn.functional.binary_cross_entropy_with_logits(logits, target, reduction="sum") / x.shape[0]
        outputs = torch.sigmoid(logits)
    loss.backward()
    gradients = []
    for p in model.parameters():  # nn.Sequential order: each module's weight then bias, as NetGen's Parameters
        gradients.extend(p.grad.reshape(-1).tolist())
    write_safetensors(os.path.join(HERE, f"cnn_{name}.safetensors"), list(model.state_dict().items()))
    return {"inputs": x.reshape(-1).tolist(), "targets": target.reshape(-1).tolist(), "outputs": outputs.detach().reshape(-1).tolist(),
            "loss": loss.item(), "gradients": gradients}


def write_netgen_weights(path, model, source):
    """netgen-weights/1 JSON: each parameterised module's weight then bias as NetGen's 0.*, 1.*, … (float32 values)."""
    tensors, index = {}, 0
    params = list(model.state_dict().items())
    for k in range(0, len(params), 2):
        for (name, t), kind in zip(params[k:k + 2], ("weight", "bias")):
            values = [float(np.float32(v)) for v in t.detach().reshape(-1).numpy()]
            tensors[f"{index}.{kind}"] = {"shape": list(t.shape), "data": [repr(v) for v in values]}
        index += 1
    text = json.dumps({"format": "netgen-weights/1", "metadata": {"source": source},
                       "tensors": tensors}, indent=1)
    # The values were written as strings to keep repr's shortest round-trip form; unquote them.
    text = re.sub(r'"(-?[0-9][0-9.e+-]*)"', r"\1", text)
    with open(path, "w") as f:
        f.write(text)


def main():
    torch.manual_seed(SEED + 1)
    model1 = c1()
    write_netgen_weights(os.path.join(HERE, "cnn_c1_embedded.weights.json"), model1, "make_cnn_fixture.py (C1, seed + 1)")
    write_safetensors(os.path.join(HERE, "cnn_c1_embedded.safetensors"), list(model1.state_dict().items()))
    torch.manual_seed(SEED)
    m = 3
    x1 = torch.rand(m, 1, 8, 8) * 2 - 1
    t1 = torch.nn.functional.one_hot(torch.tensor([0, 3, 4]), 5).float()
    x7 = torch.rand(m, 2, 9) * 2 - 1
    t7 = torch.tensor([[1.0], [0.0], [1.0]])
    fixture = {"seed": SEED, "torch": torch.__version__,
               "c1": case("c1", c1(), x1, t1, "CrossEntropy"), "c7": case("c7", c7(), x7, t7, "BinaryCrossEntropy")}
    with open(os.path.join(HERE, "cnn_fixture.json"), "w") as f:
        json.dump(fixture, f)


def check_netgen(path):
    tensors = read_safetensors(path)
    model = c1()
    indices = [0, 3, 6]  # NetGen's parameterised layers 0, 1, 2 are the Sequential's modules 0, 3, 6
    state = {f"{indices[l]}.{kind}": tensors[f"{l}.{kind}"] for l in range(3) for kind in ("weight", "bias")}
    model.load_state_dict(state)
    with open(os.path.join(HERE, "cnn_fixture.json")) as f:
        x = torch.tensor(json.load(f)["c1"]["inputs"]).reshape(-1, 1, 8, 8)
    outputs = torch.softmax(model(x), dim=1).detach().reshape(-1).tolist()
    with open(path + ".torch.json", "w") as f:
        json.dump({"outputs": outputs}, f)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "check-netgen":
        check_netgen(sys.argv[2])
    else:
        main()
