"""Softmax regression vectorised in NumPy (float32): stable log-softmax and its gradient by hand."""
import numpy as np

import common

args = common.parse()
rng = np.random.default_rng(args.seed)
X, y = common.class_data(args, lambda shape: rng.standard_normal(shape, dtype=np.float32),
                         lambda k, n: rng.integers(0, k, n))
X = X.astype(np.float32)
W = rng.normal(0, 0.01, (args.features, args.classes)).astype(np.float32)
b = np.zeros(args.classes, dtype=np.float32)
lr = np.float32(args.lr)


def cross_entropy(logits, labels):
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_z = np.log(np.exp(shifted).sum(axis=1))
    return log_z - shifted[np.arange(len(labels)), labels]


with common.Clock() as clock:
    for epoch in range(args.epochs):
        order = rng.permutation(args.examples)
        for i in range(0, args.examples, args.batch):
            idx = order[i:i + args.batch]
            xb, yb = X[idx], y[idx]
            logits = xb @ W + b
            p = np.exp(logits - logits.max(axis=1, keepdims=True))
            p /= p.sum(axis=1, keepdims=True)
            p[np.arange(len(idx)), yb] -= 1           # d(cross-entropy)/d(logits), summed over the batch
            W -= lr * (xb.T @ p) / len(idx)
            b -= lr * p.sum(axis=0) / len(idx)
        final = float(cross_entropy(X @ W + b, y).mean())
        clock.lap()
common.report(clock.seconds, final, clock.laps)
