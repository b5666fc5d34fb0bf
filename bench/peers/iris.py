"""The iris table (data/iris.csv) as the torch agreement recordings (mlp.py, softmax.py) read it:
features standardised with the population standard deviation, as Descent's csv source does."""
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parent.parent.parent


def load_iris():
    rows = [line.strip().split(",") for line in (ROOT / "data" / "iris.csv").read_text().splitlines()[1:]]
    classes = sorted({r[4] for r in rows})
    x = torch.tensor([[float(v) for v in r[:4]] for r in rows], dtype=torch.float64)
    y = torch.tensor([classes.index(r[4]) for r in rows])
    mean = x.mean(0)
    std = ((x - mean) ** 2).mean(0).sqrt()   # population std, as Descent
    return ((x - mean) / std).float(), y
