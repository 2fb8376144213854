#!/usr/bin/python3
"""PyTorch eager on the LeNet-style network of the convolution contract, one thread, as bench/NetGen.Benchmarks'
`--quick LeNet` measures NetGen: a training step (forward, cross-entropy, backward, Adam) at m = 64 and the forward
pass at m = 1 and m = 256. Prints the fastest of several timed batches. Debian: apt-get install -y python3-torch.

    /usr/bin/python3 bench/torch_lenet.py
"""
import time

import torch
from torch import nn

torch.set_num_threads(1)
torch.manual_seed(0)
model = nn.Sequential(nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(6, 16, 5), nn.ReLU(), nn.AvgPool2d(2),
                      nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)


def fastest(run, seconds=1.0):
    best, end = float("inf"), time.perf_counter() + seconds
    calls = 1
    while True:
        start = time.perf_counter()
        for _ in range(calls):
            run()
        elapsed = (time.perf_counter() - start) / calls
        best = min(best, elapsed)
        if time.perf_counter() > end:
            return best
        if elapsed * calls < 0.01:
            calls *= 2


x64, y64 = torch.rand(64, 1, 28, 28), torch.randint(0, 10, (64,))


def step():
    optimizer.zero_grad()
    nn.functional.cross_entropy(model(x64), y64).backward()
    optimizer.step()


t = fastest(step)
print(f"PyTorch {torch.__version__} eager LeNet training step m = 64: {t * 1e6:9.1f} µs {64 / t:9.0f} samples/s")
with torch.no_grad():
    for m in (1, 256):
        x = torch.rand(m, 1, 28, 28)
        t = fastest(lambda: model(x))
        print(f"PyTorch {torch.__version__} eager LeNet forward m = {m:3}: {t * 1e6:9.1f} µs {m / t:9.0f} samples/s")
