#!/usr/bin/env python3
"""PyTorch's reference numbers for Descent's multilayer perceptrons (the book's chapter 5.2).

The fixed problem: iris (data/iris.csv), the species from the four measurements, features
standardised with the population standard deviation (as Descent's csv source does), classes in
sorted order. The model is Linear(4, 8), an activation (ReLU, tanh or GELU), Linear(8, 3), from
initial parameters drawn here once (torch.manual_seed(0)) and recorded in the output, so Descent
starts from exactly the same numbers; torch.nn.functional.cross_entropy (the mean over all 150 rows),
one full-batch SGD step per epoch, and the loss over all rows after each epoch, as Descent prints it.
Weights are recorded as Descent stores them, inputs × outputs (torch's nn.Linear keeps the
transpose). The test (cli: MlpTorchAgreementTest) reads the recorded output; it needs no Python.

  /usr/bin/python3 bench/peers/mlp.py > bench/peers/mlp.json   # Debian: python3-torch
"""
import json
import math
import sys

import torch
import torch.nn.functional as F

from iris import load_iris

EPOCHS = 40
HIDDEN = 8

# name: (Descent keys, activation, learning rate)
CONFIGS = {
    "mlp-relu": ({"model.layers": "linear:8, relu, linear", "optimizer.lr": "0.5"}, torch.relu, 0.5),
    "mlp-tanh": ({"model.layers": "linear:8, tanh, linear", "optimizer.lr": "0.5"}, torch.tanh, 0.5),
    "mlp-gelu": ({"model.layers": "linear:8, gelu, linear", "optimizer.lr": "0.5"}, F.gelu, 0.5),
}

COMMON = {"data": "csv", "data.path": "data/iris.csv", "data.target": "species", "model": "sequential",
          "loss": "cross-entropy", "optimizer": "sgd", "train.batch-size": "150", "train.epochs": str(EPOCHS)}


def initial():
    torch.manual_seed(0)
    return {"0.W": torch.randn(4, HIDDEN) * 0.5, "0.b": torch.randn(HIDDEN) * 0.1,
            "2.W": torch.randn(HIDDEN, 3) * 0.5, "2.b": torch.randn(3) * 0.1}


def run(activation, lr, x, y, start):
    p = {k: v.clone().requires_grad_(True) for k, v in start.items()}

    def net(inputs):
        return activation(inputs @ p["0.W"] + p["0.b"]) @ p["2.W"] + p["2.b"]

    optimizer = torch.optim.SGD(list(p.values()), lr=lr)
    losses, accuracies = [], []
    for _ in range(EPOCHS):
        optimizer.zero_grad()
        F.cross_entropy(net(x), y).backward()
        optimizer.step()
        with torch.no_grad():
            logits = net(x)
            losses.append(float(F.cross_entropy(logits, y)))
            accuracies.append(float((logits.argmax(1) == y).float().mean()))
    return losses, accuracies


def main():
    x, y = load_iris()
    start = initial()
    out = {"torch": torch.__version__, "epochs": EPOCHS, "common": COMMON,
           "initial": {k: {"shape": list(v.shape), "values": [float(f) for f in v.flatten()]} for k, v in start.items()},
           "configs": {}}
    for name, (keys, activation, lr) in CONFIGS.items():
        losses, accuracies = run(activation, lr, x, y, start)
        assert all(math.isfinite(l) for l in losses), name
        out["configs"][name] = {"keys": keys, "losses": losses, "accuracies": accuracies}
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
