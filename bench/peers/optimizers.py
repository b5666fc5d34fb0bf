#!/usr/bin/env python3
"""PyTorch's reference numbers for Descent's optimizers, schedules, penalties and clipping.

The fixed problem: iris (data/iris.csv), petal_width regressed on the other three measurements,
features standardised with the population standard deviation (as Descent's csv source does),
y_hat = Xw + b with w and b starting at zero, the loss (y_hat - y)^2 / 2 averaged over all 150
rows, one full-batch step per epoch (so the order of examples plays no part), weight decay and
penalties on w only (as Descent's linreg declares), the scheduler stepped once after every epoch.
Each configuration is torch.optim's own optimizer and scheduler, set up as the Descent keys beside
it say; the output lists, per configuration, the Descent keys and the loss over all rows after each
epoch. The tests (cli: TorchAgreementTest) read the recorded output; they need no Python.

  /usr/bin/python3 bench/peers/optimizers.py > bench/peers/optimizers.json   # Debian: python3-torch
"""
import json
import math
import sys
from pathlib import Path

import torch

EPOCHS = 120
ROOT = Path(__file__).resolve().parent.parent.parent

# name: (Descent keys, optimizer class and arguments, scheduler or None, penalties/clipping)
CONFIGS = {
    "sgd": ({"optimizer": "sgd", "optimizer.lr": "0.1"}, ("SGD", dict(lr=0.1)), None, {}),
    "sgd-weight-decay": ({"optimizer": "sgd", "optimizer.lr": "0.1", "optimizer.weight-decay": "0.05"},
                         ("SGD", dict(lr=0.1, weight_decay=0.05)), None, {}),
    "sgd-momentum": ({"optimizer": "sgd", "optimizer.lr": "0.05", "optimizer.momentum": "0.9"},
                     ("SGD", dict(lr=0.05, momentum=0.9)), None, {}),
    "sgd-nesterov": ({"optimizer": "sgd", "optimizer.lr": "0.05", "optimizer.momentum": "0.9",
                      "optimizer.nesterov": "true"}, ("SGD", dict(lr=0.05, momentum=0.9, nesterov=True)), None, {}),
    "sgd-dampening-weight-decay": ({"optimizer": "sgd", "optimizer.lr": "0.05", "optimizer.momentum": "0.8",
                                    "optimizer.dampening": "0.5", "optimizer.weight-decay": "0.02"},
                                   ("SGD", dict(lr=0.05, momentum=0.8, dampening=0.5, weight_decay=0.02)), None, {}),
    "adam": ({"optimizer": "adam", "optimizer.lr": "0.05"}, ("Adam", dict(lr=0.05)), None, {}),
    "adam-weight-decay": ({"optimizer": "adam", "optimizer.lr": "0.05", "optimizer.weight-decay": "0.05"},
                          ("Adam", dict(lr=0.05, weight_decay=0.05)), None, {}),
    "adam-amsgrad": ({"optimizer": "adam", "optimizer.lr": "0.05", "optimizer.amsgrad": "true",
                      "optimizer.beta1": "0.8", "optimizer.beta2": "0.99"},
                     ("Adam", dict(lr=0.05, amsgrad=True, betas=(0.8, 0.99))), None, {}),
    "adamw": ({"optimizer": "adamw", "optimizer.lr": "0.05"}, ("AdamW", dict(lr=0.05)), None, {}),
    "adamw-amsgrad-weight-decay": ({"optimizer": "adamw", "optimizer.lr": "0.05", "optimizer.amsgrad": "true",
                                    "optimizer.weight-decay": "0.2"},
                                   ("AdamW", dict(lr=0.05, amsgrad=True, weight_decay=0.2)), None, {}),
    "rmsprop": ({"optimizer": "rmsprop", "optimizer.lr": "0.01"}, ("RMSprop", dict(lr=0.01)), None, {}),
    "rmsprop-momentum-weight-decay": ({"optimizer": "rmsprop", "optimizer.lr": "0.01", "optimizer.momentum": "0.5",
                                       "optimizer.weight-decay": "0.05"},
                                      ("RMSprop", dict(lr=0.01, momentum=0.5, weight_decay=0.05)), None, {}),
    # Centered at the default alpha. With alpha = 0.9 the centered variance s - g_avg^2 cancels to float32
    # rounding noise once the gradient stops changing (about epoch 85 here), and from then on torch and
    # Descent each follow their own rounding: measured within 2e-6 up to epoch 81, 1.5e-3 apart at 91.
    "rmsprop-centered": ({"optimizer": "rmsprop", "optimizer.lr": "0.01", "optimizer.centered": "true"},
                         ("RMSprop", dict(lr=0.01, centered=True)), None, {}),
    "rmsprop-centered-momentum": ({"optimizer": "rmsprop", "optimizer.lr": "0.005", "optimizer.centered": "true",
                                   "optimizer.momentum": "0.9"},
                                  ("RMSprop", dict(lr=0.005, centered=True, momentum=0.9)), None, {}),
    "adagrad": ({"optimizer": "adagrad", "optimizer.lr": "0.5"}, ("Adagrad", dict(lr=0.5)), None, {}),
    "adagrad-decay-weight-decay": ({"optimizer": "adagrad", "optimizer.lr": "0.5", "optimizer.lr-decay": "0.01",
                                    "optimizer.weight-decay": "0.02", "optimizer.initial-accumulator": "0.1"},
                                   ("Adagrad", dict(lr=0.5, lr_decay=0.01, weight_decay=0.02,
                                                    initial_accumulator_value=0.1)), None, {}),
    "schedule-step": ({"optimizer": "sgd", "optimizer.lr": "0.2", "schedule": "step", "schedule.step-size": "30",
                       "schedule.gamma": "0.5"}, ("SGD", dict(lr=0.2)), ("StepLR", dict(step_size=30, gamma=0.5)), {}),
    "schedule-exponential": ({"optimizer": "sgd", "optimizer.lr": "0.2", "schedule": "exponential",
                              "schedule.gamma": "0.97"}, ("SGD", dict(lr=0.2)), ("ExponentialLR", dict(gamma=0.97)), {}),
    "schedule-cosine": ({"optimizer": "adam", "optimizer.lr": "0.05", "schedule": "cosine",
                         "schedule.min-lr": "0.001"}, ("Adam", dict(lr=0.05)),
                        ("CosineAnnealingLR", dict(T_max=EPOCHS, eta_min=0.001)), {}),
    "schedule-cosine-t-max": ({"optimizer": "sgd", "optimizer.lr": "0.2", "schedule": "cosine",
                               "schedule.t-max": "40"}, ("SGD", dict(lr=0.2)),
                              ("CosineAnnealingLR", dict(T_max=40)), {}),
    "schedule-warmup-cosine": ({"optimizer": "adam", "optimizer.lr": "0.05", "schedule": "warmup-cosine",
                                "schedule.warmup": "10", "schedule.start-factor": "0.1", "schedule.min-lr": "0.0005"},
                               ("Adam", dict(lr=0.05)), ("warmup-cosine", dict(warmup=10, start_factor=0.1,
                                                                               eta_min=0.0005)), {}),
    "schedule-plateau": ({"optimizer": "sgd", "optimizer.lr": "0.3", "schedule": "plateau", "schedule.factor": "0.5",
                          "schedule.patience": "3", "schedule.threshold": "0.001"},
                         ("SGD", dict(lr=0.3)), ("ReduceLROnPlateau", dict(factor=0.5, patience=3, threshold=0.001)),
                         {}),
    "penalty-l2": ({"optimizer": "sgd", "optimizer.lr": "0.1", "train.l2": "0.1"}, ("SGD", dict(lr=0.1)), None,
                   {"l2": 0.1}),
    "penalty-l1": ({"optimizer": "sgd", "optimizer.lr": "0.1", "train.l1": "0.01"}, ("SGD", dict(lr=0.1)), None,
                   {"l1": 0.01}),
    "clip-norm": ({"optimizer": "sgd", "optimizer.lr": "0.1", "train.clip-norm": "0.3"}, ("SGD", dict(lr=0.1)), None,
                  {"clip_norm": 0.3}),
    "clip-value": ({"optimizer": "sgd", "optimizer.lr": "0.1", "train.clip-value": "0.1"}, ("SGD", dict(lr=0.1)),
                   None, {"clip_value": 0.1}),
}

COMMON = {"data": "csv", "data.path": "data/iris.csv", "data.target": "petal_width",
          "data.features": "sepal_length, sepal_width, petal_length", "train.batch-size": "150",
          "train.epochs": str(EPOCHS), "model.init-std": "0"}


def load_iris():
    rows = [line.strip().split(",") for line in (ROOT / "data" / "iris.csv").read_text().splitlines()[1:]]
    x = torch.tensor([[float(v) for v in r[:3]] for r in rows], dtype=torch.float64)
    y = torch.tensor([[float(r[3])] for r in rows], dtype=torch.float64)
    mean = x.mean(0)
    std = ((x - mean) ** 2).mean(0).sqrt()   # population std, as Descent
    return ((x - mean) / std).float(), y.float()


def scheduler_for(spec, optimizer):
    if spec is None:
        return None
    name, args = spec
    if name == "warmup-cosine":
        warmup = args["warmup"]
        return torch.optim.lr_scheduler.SequentialLR(optimizer, [
            torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=args["start_factor"], total_iters=warmup),
            torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=EPOCHS - warmup, eta_min=args["eta_min"])],
            milestones=[warmup])
    return getattr(torch.optim.lr_scheduler, name)(optimizer, **args)


def run(optimizer_spec, schedule_spec, extra, x, y):
    w = torch.zeros(3, 1, requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    name, args = optimizer_spec
    args = dict(args)
    decay = args.pop("weight_decay", None)
    groups = [{"params": [w]}, {"params": [b], "weight_decay": 0.0}]
    if decay is not None:
        groups[0]["weight_decay"] = decay
    optimizer = getattr(torch.optim, name)(groups, **args)
    scheduler = scheduler_for(schedule_spec, optimizer)
    losses = []
    for _ in range(EPOCHS):
        optimizer.zero_grad()
        loss = ((x @ w + b - y) ** 2 / 2).mean()
        if "l2" in extra:
            loss = loss + extra["l2"] / 2 * (w ** 2).sum()
        if "l1" in extra:
            loss = loss + extra["l1"] * w.abs().sum()
        loss.backward()
        if "clip_norm" in extra:
            torch.nn.utils.clip_grad_norm_([w, b], extra["clip_norm"])
        if "clip_value" in extra:
            torch.nn.utils.clip_grad_value_([w, b], extra["clip_value"])
        optimizer.step()
        with torch.no_grad():
            epoch_loss = float(((x @ w + b - y) ** 2 / 2).mean())
        losses.append(epoch_loss)
        if scheduler is not None:
            if isinstance(scheduler, torch.optim.lr_scheduler.ReduceLROnPlateau):
                scheduler.step(epoch_loss)
            else:
                scheduler.step()
    return losses


def main():
    torch.manual_seed(0)
    x, y = load_iris()
    out = {"torch": torch.__version__, "epochs": EPOCHS, "common": COMMON, "configs": {}}
    for name, (keys, optimizer_spec, schedule_spec, extra) in CONFIGS.items():
        losses = run(optimizer_spec, schedule_spec, extra, x, y)
        assert all(math.isfinite(l) for l in losses), name
        out["configs"][name] = {"keys": keys, "losses": losses}
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
