"""The recipe vectorised in NumPy (float32), gradients written by hand."""
import numpy as np

import common

args = common.parse()
rng = np.random.default_rng(args.seed)
true_w = np.array(common.true_weights(args, lambda d: rng.standard_normal(d).tolist()), dtype=np.float32)
X = rng.standard_normal((args.examples, args.features), dtype=np.float32)
y = (X @ true_w + np.float32(4.2) + rng.normal(0, 0.01, args.examples).astype(np.float32)).reshape(-1, 1)
w = rng.normal(0, 0.01, (args.features, 1)).astype(np.float32)
b = np.zeros(1, dtype=np.float32)
lr = np.float32(args.lr)
with common.Clock() as clock:
    for epoch in range(args.epochs):
        order = rng.permutation(args.examples)
        for i in range(0, args.examples, args.batch):
            idx = order[i:i + args.batch]
            xb, yb = X[idx], y[idx]
            err = xb @ w + b - yb                      # d/dy_hat of (y_hat - y)^2 / 2, summed over the batch
            w -= lr * (xb.T @ err) / len(idx)
            b -= lr * err.sum(axis=0) / len(idx)
        final = float((((X @ w + b) - y) ** 2 / 2).mean())   # every epoch, as the book prints it
        clock.lap()
common.report(clock.seconds, final, clock.laps)
