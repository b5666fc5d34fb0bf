#!/usr/bin/env python3
"""scikit-learn's reference numbers for `descent cross-validate`.

Two things are recorded, and the tests (cli: CrossValidationTest) read the recorded output; they
need no Python:

- split sizes: for KFold (regression) and StratifiedKFold (classification) on the shipped tables,
  how many examples of each class every fold holds. Shuffling moves examples between folds but not
  these counts, so Descent's folds (shuffled by its own seed) must hold exactly as many.
- per-fold errors of an exact linear fit: LinearRegression on data/houses.csv (price on the other
  four columns), KFold(5) without shuffling (contiguous folds, as `--no-shuffle`), each fold's
  training and validation MSE, RMSE, MAE, R² and the book's log-RMSE (5.7: predictions clamped to at
  least 1). The features are standardised per fold on its training rows, as Descent does; for least
  squares that changes no prediction.

  pip install scikit-learn pandas   # or Debian: python3-sklearn python3-pandas
  python3 bench/peers/cross_validation.py > bench/peers/cross_validation.json
"""
import json
import sys
from pathlib import Path

import numpy as np
import sklearn
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score
from sklearn.model_selection import KFold, StratifiedKFold
from sklearn.preprocessing import StandardScaler

ROOT = Path(__file__).resolve().parent.parent.parent


def table(name):
    lines = (ROOT / "data" / name).read_text().strip().splitlines()
    header = lines[0].split(",")
    rows = [line.split(",") for line in lines[1:]]
    return header, rows


def classes_of(name, target):
    header, rows = table(name)
    column = header.index(target)
    labels = [row[column] for row in rows]
    names = sorted(set(labels))
    return names, np.array([names.index(label) for label in labels])


def sizes(splitter, n, y=None):
    """Per fold: its size and, with classes, how many of each class it holds."""
    folds = []
    for _, held in splitter.split(np.zeros((n, 1)), y):
        fold = {"size": int(len(held))}
        if y is not None:
            fold["classes"] = [int(c) for c in np.bincount(y[held], minlength=int(y.max()) + 1)]
        folds.append(fold)
    return folds


def log_rmse(predicted, actual):
    clipped = np.clip(predicted, 1, None)
    return float(np.sqrt(np.mean((np.log(clipped) - np.log(actual)) ** 2)))


def figures(predicted, actual):
    mse = mean_squared_error(actual, predicted)
    return {"MSE": float(mse), "RMSE": float(np.sqrt(mse)), "MAE": float(mean_absolute_error(actual, predicted)),
            "R2": float(r2_score(actual, predicted)), "log-RMSE": log_rmse(predicted, actual)}


def main():
    out = {"scikit-learn": sklearn.__version__, "sizes": {}, "houses-linear": []}
    _, houses = table("houses.csv")
    for k in (2, 3, 5, 7, 10):
        out["sizes"][f"houses.csv KFold({k})"] = sizes(KFold(k, shuffle=True, random_state=0), len(houses))
    for name, target in (("iris.csv", "species"), ("churn.csv", "churned")):
        names, y = classes_of(name, target)
        for k in (2, 3, 5, 7, 10):
            out["sizes"][f"{name} StratifiedKFold({k})"] = sizes(StratifiedKFold(k, shuffle=True, random_state=0),
                                                                   len(y), y)
    header, rows = table("houses.csv")
    data = np.array(rows, dtype=np.float64)
    target = header.index("price")
    x = np.delete(data, target, axis=1)
    y = data[:, target]
    for train, held in KFold(5, shuffle=False).split(x):
        scaler = StandardScaler().fit(x[train])
        fit = LinearRegression().fit(scaler.transform(x[train]), y[train])
        out["houses-linear"].append({
            "train": figures(fit.predict(scaler.transform(x[train])), y[train]),
            "validation": figures(fit.predict(scaler.transform(x[held])), y[held]),
        })
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
