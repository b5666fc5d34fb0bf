"""NumPy on Fashion-MNIST (W7 softmax regression, W8 the 784-256-10 MLP with ReLU), forward and
backward written by hand in float32 (NumPy's products call its BLAS, OpenBLAS on Debian); minibatch
SGD on the batch's mean loss, N(0, 0.01^2) weights; test accuracy after every epoch."""
import numpy as np

import common
import fashion

args = fashion.parse()
rng = np.random.default_rng(args.seed)
train_images, train_labels = fashion.load(args.path, "train")
test_images, test_labels = fashion.load(args.path, "t10k")
X, y = fashion.floats(train_images), train_labels
X_test, y_test = fashion.floats(test_images), test_labels
f32 = np.float32
if args.model == "softmax":
    widths = [784, 10]
else:
    widths = [784, args.hidden, 10]
Ws = [(rng.standard_normal((a, b)) * 0.01).astype(f32) for a, b in zip(widths, widths[1:])]
bs = [np.zeros(b, dtype=f32) for b in widths[1:]]


def forward(x):
    """The logits, and each layer's input (for the backward pass)."""
    inputs = []
    for i, (W, b) in enumerate(zip(Ws, bs)):
        inputs.append(x)
        x = x @ W + b
        if i < len(Ws) - 1:
            x = np.maximum(x, f32(0))
    return x, inputs


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


n = len(y)
lr = f32(args.lr)
with common.Clock() as clock:
    for epoch in range(args.epochs):
        order = rng.permutation(n)
        total = 0.0
        for i in range(0, n, args.batch):
            idx = order[i:i + args.batch]
            xb, yb = X[idx], y[idx]
            logits, inputs = forward(xb)
            p = softmax(logits)
            m = len(idx)
            total += float(-np.log(p[np.arange(m), yb] + f32(1e-30)).sum())
            g = p
            g[np.arange(m), yb] -= f32(1)
            g /= f32(m)
            for layer in range(len(Ws) - 1, -1, -1):
                a = inputs[layer]
                gW = a.T @ g
                gb = g.sum(axis=0)
                if layer > 0:
                    g = (g @ Ws[layer].T) * (a > 0)
                Ws[layer] -= lr * gW
                bs[layer] -= lr * gb
        test_accuracy = float((forward(X_test)[0].argmax(1) == y_test).mean())
        clock.lap()
common.report(clock.seconds, total / n, clock.laps, test_accuracy)
