#!/usr/bin/env python3
"""PyTorch's reference numbers for `loss.class-weights` (issue 31): CrossEntropyLoss(weight=w).

The fixed problem: data/churn.csv (292 customers stayed, 108 left: imbalanced), whether a customer
left from tenure, monthly charges and support calls, features standardised with the population
standard deviation (as Descent's csv source does), classes in sorted order (no, yes), logits
O = XW + b with W and b starting at zero, F.cross_entropy(weight=w) (the weighted mean
Σ w_y l / Σ w_y over all 400 rows), one full-batch SGD step per epoch, and the weighted loss over
all rows after each epoch, as Descent prints it. `balanced` is scikit-learn's formula,
n / (classes × n_c). The tests (cli: TorchAgreementTest) read the recorded output; they need no Python.

  /usr/bin/python3 bench/peers/class_weights.py > bench/peers/class_weights.json   # Debian: python3-torch
"""
import json
import math
import sys
from pathlib import Path

import torch
import torch.nn.functional as F

ROOT = Path(__file__).resolve().parent.parent.parent
EPOCHS = 100


def load_churn():
    rows = [line.strip().split(",") for line in (ROOT / "data" / "churn.csv").read_text().splitlines()[1:]]
    classes = sorted({r[3] for r in rows})
    x = torch.tensor([[float(v) for v in r[:3]] for r in rows], dtype=torch.float64)
    y = torch.tensor([classes.index(r[3]) for r in rows])
    mean = x.mean(0)
    std = ((x - mean) ** 2).mean(0).sqrt()   # population std, as Descent
    return ((x - mean) / std).float(), y


def run(weights, x, y):
    w = torch.zeros(3, 2, requires_grad=True)
    b = torch.zeros(2, requires_grad=True)
    optimizer = torch.optim.SGD([w, b], lr=0.5)
    losses, accuracies = [], []
    for _ in range(EPOCHS):
        optimizer.zero_grad()
        F.cross_entropy(x @ w + b, y, weight=weights).backward()
        optimizer.step()
        with torch.no_grad():
            logits = x @ w + b
            losses.append(float(F.cross_entropy(logits, y, weight=weights)))
            accuracies.append(float((logits.argmax(1) == y).float().mean()))
    return losses, accuracies


def main():
    x, y = load_churn()
    counts = torch.bincount(y).double()
    balanced = (len(y) / (len(counts) * counts)).float()
    configs = {
        "class-weights-explicit": ({"loss.class-weights": "1, 3"}, torch.tensor([1.0, 3.0])),
        "class-weights-balanced": ({"loss.class-weights": "balanced"}, balanced),
        "class-weights-none": ({}, None),
    }
    out = {"torch": torch.__version__, "epochs": EPOCHS, "balanced": [float(v) for v in balanced],
           "common": {"data": "csv", "data.path": "data/churn.csv", "data.target": "churned", "model": "softmax",
                      "loss": "cross-entropy", "optimizer": "sgd", "optimizer.lr": "0.5",
                      "train.batch-size": "400", "train.epochs": str(EPOCHS), "model.init-std": "0"},
           "configs": {}}
    for name, (keys, weights) in configs.items():
        losses, accuracies = run(weights, x, y)
        assert all(math.isfinite(l) for l in losses), name
        out["configs"][name] = {"keys": keys, "losses": losses, "accuracies": accuracies}
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
