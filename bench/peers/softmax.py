#!/usr/bin/env python3
"""PyTorch's reference numbers for Descent's softmax regression (the book's chapter 4.4).

The fixed problem: iris (data/iris.csv), the species from the four measurements, features
standardised with the population standard deviation (as Descent's csv source does), classes in
sorted order (setosa, versicolor, virginica, as Descent numbers them), logits O = XW + b with W and
b starting at zero, torch.nn.functional.cross_entropy (the mean over all 150 rows), one full-batch
step per epoch, and the loss over all rows after each epoch, as Descent prints it. Each
configuration lists the Descent keys that set up the same run. The tests (cli: TorchAgreementTest)
read the recorded output; they need no Python.

  /usr/bin/python3 bench/peers/softmax.py > bench/peers/softmax.json   # Debian: python3-torch
"""
import json
import math
import sys

import torch
import torch.nn.functional as F

from iris import load_iris

EPOCHS = 100

# name: (Descent keys, optimizer class and arguments, label smoothing)
CONFIGS = {
    "softmax-sgd": ({"optimizer": "sgd", "optimizer.lr": "0.1"}, ("SGD", dict(lr=0.1)), 0.0),
    "softmax-sgd-fast": ({"optimizer": "sgd", "optimizer.lr": "1"}, ("SGD", dict(lr=1.0)), 0.0),
    "softmax-label-smoothing": ({"optimizer": "sgd", "optimizer.lr": "0.5", "loss.label-smoothing": "0.1"},
                                ("SGD", dict(lr=0.5)), 0.1),
}
# No adaptive optimizer here: iris has 50 rows of each class, so from zero parameters the gradient of
# b is exactly 0 (1/3 - 1/3 per class) and what a float32 sum leaves of it is rounding noise of 1e-9;
# Adam divides by its own magnitude and steps b by the full rate in whichever direction that noise
# points, which differs between any two implementations (Descent, torch, NumPy). The optimizers
# themselves are checked against torch in optimizers.py.

COMMON = {"data": "csv", "data.path": "data/iris.csv", "data.target": "species", "model": "softmax",
          "loss": "cross-entropy", "train.batch-size": "150", "train.epochs": str(EPOCHS), "model.init-std": "0"}


def run(optimizer_spec, smoothing, x, y):
    w = torch.zeros(4, 3, requires_grad=True)
    b = torch.zeros(3, requires_grad=True)
    name, args = optimizer_spec
    optimizer = getattr(torch.optim, name)([w, b], **args)
    losses, accuracies = [], []
    for _ in range(EPOCHS):
        optimizer.zero_grad()
        F.cross_entropy(x @ w + b, y, label_smoothing=smoothing).backward()
        optimizer.step()
        with torch.no_grad():
            logits = x @ w + b
            losses.append(float(F.cross_entropy(logits, y, label_smoothing=smoothing)))
            accuracies.append(float((logits.argmax(1) == y).float().mean()))
    return losses, accuracies


def main():
    torch.manual_seed(0)
    x, y = load_iris()
    out = {"torch": torch.__version__, "epochs": EPOCHS, "common": COMMON, "configs": {}}
    for name, (keys, optimizer_spec, smoothing) in CONFIGS.items():
        losses, accuracies = run(optimizer_spec, smoothing, x, y)
        assert all(math.isfinite(l) for l in losses), name
        out["configs"][name] = {"keys": keys, "losses": losses, "accuracies": accuracies}
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
