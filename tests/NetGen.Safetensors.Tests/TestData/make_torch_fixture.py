#!/usr/bin/python3
"""PyTorch fixtures for NetGen's safetensors tests (needs only torch and numpy, not the safetensors package).

    /usr/bin/python3 make_torch_fixture.py
        Writes the torch_*.safetensors / deep_*.safetensors files and torch_outputs.json next to this script:
        nn.Sequential models saved as safetensors, and torch's outputs for fixed inputs, which the C# tests
        compare against NetGen's Forward after loading each file.

    /usr/bin/python3 make_torch_fixture.py check-netgen FILE [INPUTS_FROM_NETWORK]
        The reverse direction: loads a NetGen-saved file into a torch nn.Sequential rebuilt from the file's
        __metadata__ (netgen.inputs / netgen.layers), maps NetGen's "l.weight" onto the Sequential's Linear
        indices, runs the fixed inputs and writes FILE's torch outputs to FILE.torch.json. The C# tests
        check that NetGen still saves byte-identical files and computes the same outputs, so CI needs no torch.

(Debian: apt-get install -y python3-torch; PyPI is not needed.)
"""
import json
import os
import struct
import sys

import numpy as np
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))

DTYPE_NAMES = {torch.float32: "F32", torch.float64: "F64", torch.float16: "F16", torch.bfloat16: "BF16"}
NUMPY_DTYPES = {"F32": "<f4", "F64": "<f8", "F16": "<f2"}


def tensor_bytes(t):
    t = t.detach().contiguous().cpu()
    if t.dtype == torch.bfloat16:  # numpy has no bfloat16: write the raw 16-bit patterns
        return t.view(torch.int16).numpy().astype("<i2").tobytes()
    return t.numpy().astype(NUMPY_DTYPES[DTYPE_NAMES[t.dtype]]).tobytes()


def write_safetensors(path, named_tensors, metadata=None):
    """A minimal safetensors writer: tensors in the given order, data laid out in the same order."""
    header, blobs, offset = {}, [], 0
    if metadata is not None:
        header["__metadata__"] = metadata
    for name, t in named_tensors:
        data = tensor_bytes(t)
        header[name] = {"dtype": DTYPE_NAMES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)  # data starts 8-byte aligned, like the reference writer
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def read_safetensors(path):
    """A minimal safetensors reader: returns (metadata, {name: float tensor})."""
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n].decode("utf-8"))
    data = raw[8 + n:]
    metadata = header.pop("__metadata__", {}) or {}
    tensors = {}
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        if entry["dtype"] == "BF16":
            t = torch.from_numpy(np.frombuffer(data[begin:end], dtype="<i2").copy()).view(torch.bfloat16)
        else:
            t = torch.from_numpy(np.frombuffer(data[begin:end], dtype=NUMPY_DTYPES[entry["dtype"]]).copy())
        tensors[name] = t.reshape(entry["shape"])
    return metadata, tensors


def torch_net():
    # NetGen: [Network(4)] [Dense(8, ReLU)] [Dense(3, Softmax)]  -> Linear modules at indices 0 and 2
    return nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3), nn.Softmax(dim=1))


def deep_net():
    # NetGen: [Network(5)] [Dense(7, Tanh)] [Dense(6, LeakyReLU)] [Dense(2, Sigmoid)]
    # Linear modules at indices 0, 3 and 12: a Dropout and seven Identity modules make the indices sort
    # differently as text ("12" < "3") than as numbers.
    return nn.Sequential(nn.Linear(5, 7), nn.Tanh(), nn.Dropout(0.5), nn.Linear(7, 6), nn.LeakyReLU(0.01),
                         *[nn.Identity() for _ in range(7)], nn.Linear(6, 2), nn.Sigmoid())


ACTIVATIONS = {"Identity": nn.Identity, "ReLU": nn.ReLU, "LeakyReLU": lambda: nn.LeakyReLU(0.01),
               "Sigmoid": nn.Sigmoid, "Tanh": nn.Tanh, "Softmax": lambda: nn.Softmax(dim=1)}


def fixed_inputs(n_features, seed):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(6, n_features, generator=g) * 2.0
    x[0] = 0.0  # an all-zero example: outputs depend on the biases alone
    return x


def outputs(model, x):
    model.eval()
    with torch.no_grad():
        return model(x.to(next(model.parameters()).dtype)).double().tolist()


def state(model, prefix=""):
    return [(prefix + k, v) for k, v in model.state_dict().items()]


def make():
    cases = []

    def case(file, network, inputs, model, tolerance, reference=None):
        entry = {"file": file, "network": network, "inputs": inputs.tolist(), "outputs": outputs(model, inputs),
                 "tolerance": tolerance}
        if reference is not None:  # outputs of the full-precision model, for a looser sanity check
            entry["reference_outputs"] = outputs(reference, inputs)
            entry["reference_tolerance"] = 2e-2
        cases.append(entry)

    torch.manual_seed(1234)
    net = torch_net()
    x4 = fixed_inputs(4, 7)
    meta = {"format": "pt"}
    write_safetensors(os.path.join(HERE, "torch_f32.safetensors"), state(net), meta)
    case("torch_f32.safetensors", "TorchNet", x4, net, 1e-5)

    # Same weights, keys under a prefix: what a module holding `self.model = nn.Sequential(...)` saves.
    wrapper = nn.Module()
    wrapper.model = net
    write_safetensors(os.path.join(HERE, "torch_prefixed.safetensors"), state(wrapper), meta)
    case("torch_prefixed.safetensors", "TorchNet", x4, net, 1e-5)

    # Same weights, the "2.*" tensors first in both header and data, and no metadata at all.
    write_safetensors(os.path.join(HERE, "torch_shuffled.safetensors"), list(reversed(state(net))))
    case("torch_shuffled.safetensors", "TorchNet", x4, net, 1e-5)

    # Half precisions: the expected outputs are those of the rounded weights (exactly representable in float32).
    for dtype, name in ((torch.float16, "torch_f16.safetensors"), (torch.bfloat16, "torch_bf16.safetensors")):
        rounded = torch_net()
        rounded.load_state_dict({k: v.to(dtype).float() for k, v in net.state_dict().items()})
        write_safetensors(os.path.join(HERE, name), [(k, v.to(dtype)) for k, v in net.state_dict().items()], meta)
        case(name, "TorchNet", x4, rounded, 1e-5, reference=net)

    # Double precision: a model initialised in float64 (weights not representable in float32), outputs in float64.
    torch.manual_seed(99)
    net64 = torch_net().double()
    write_safetensors(os.path.join(HERE, "torch_f64.safetensors"), state(net64), meta)
    case("torch_f64.safetensors", "TorchNet", x4, net64, 1e-5)

    torch.manual_seed(4321)
    deep = deep_net()
    x5 = fixed_inputs(5, 11)
    write_safetensors(os.path.join(HERE, "deep_f32.safetensors"), state(deep), meta)
    case("deep_f32.safetensors", "DeepNet", x5, deep, 1e-5)

    with open(os.path.join(HERE, "torch_outputs.json"), "w") as f:
        json.dump({"generator": "make_torch_fixture.py (torch %s)" % torch.__version__, "cases": cases}, f, indent=1)
        f.write("\n")
    for c in cases:
        print("wrote", c["file"], "for", c["network"])


def check_netgen(path):
    metadata, tensors = read_safetensors(path)
    n_in = int(metadata["netgen.inputs"])
    modules, key_map, width = [], {}, n_in
    for layer, spec in enumerate(metadata["netgen.layers"].split(",")):
        units, activation = spec.split(":")
        key_map[f"{layer}.weight"] = f"{len(modules)}.weight"
        key_map[f"{layer}.bias"] = f"{len(modules)}.bias"
        modules += [nn.Linear(width, int(units)), ACTIVATIONS[activation]()]
        width = int(units)
    model = nn.Sequential(*modules)
    # NetGen's "l.weight" is the l-th Linear; in this Sequential it sits at index 2*l.
    model.load_state_dict({key_map[k]: v for k, v in tensors.items()}, strict=True)
    x = fixed_inputs(n_in, 13)
    result = {"file": os.path.basename(path), "metadata": metadata, "inputs": x.tolist(), "outputs": outputs(model, x),
              "generator": "make_torch_fixture.py check-netgen (torch %s)" % torch.__version__}
    with open(path + ".torch.json", "w") as f:
        json.dump(result, f, indent=1)
        f.write("\n")
    print(model)
    print("torch outputs written to", path + ".torch.json")


if __name__ == "__main__":
    if len(sys.argv) == 1:
        make()
    elif len(sys.argv) == 3 and sys.argv[1] == "check-netgen":
        check_netgen(sys.argv[2])
    else:
        sys.exit(__doc__)
