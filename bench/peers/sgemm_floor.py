"""The sgemm floor of an epoch of W7 (softmax regression) or W8 (the 784-256-10 MLP) on Fashion-MNIST:
every matrix product the epoch must compute, each timed alone in OpenBLAS (NumPy's float32 `@`
calls the system's libblas.so.3, OpenBLAS on Debian) on warm buffers, on one thread and on all of
them, the faster kept; summed. No gather, no activation, no loss, no autograd: a training epoch that
computes the book's figures cannot take less. Printed as `floor <seconds> s <gflop> GFLOP`.

The epoch: 235 steps of 256 rows (the last one 96), each a forward product per layer and, per
layer, the weights' gradient (Xᵀ·G) and, below the top layer, the gradient of the layer's input
(G·Wᵀ); then the figures the book prints after every epoch: a forward pass over the 10,000 test
images (`train_ch3`'s test accuracy) and, as Descent's epoch line does, over the 60,000 training
images (the book's `train_ch3` keeps running sums instead: `--no-train-pass` leaves it out).

    /usr/bin/python3 bench/peers/sgemm_floor.py --model mlp [--hidden 256] [--no-train-pass]
"""
import argparse
import ctypes
import ctypes.util
import time

import numpy as np


def openblas_threads():
    """openblas_set_num_threads of the OpenBLAS NumPy uses, or None."""
    for name in ("libopenblas.so.0", ctypes.util.find_library("openblas")):
        if not name:
            continue
        try:
            library = ctypes.CDLL(name)
            return library.openblas_set_num_threads, library.openblas_get_num_threads()
        except (OSError, AttributeError):
            continue
    return None, None


def seconds(m, k, n, threads, setter):
    """Median seconds of one (m × k) @ (k × n) float32 product, warm."""
    if setter is not None:
        setter(threads)
    rng = np.random.default_rng(1)
    a = rng.standard_normal((m, k), dtype=np.float32)
    b = rng.standard_normal((k, n), dtype=np.float32)
    c = np.empty((m, n), dtype=np.float32)
    reps = max(5, min(200, int(2e9 / (m * n * k))))
    np.matmul(a, b, out=c)
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        np.matmul(a, b, out=c)
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", choices=["softmax", "mlp"], required=True)
    parser.add_argument("--hidden", type=int, default=256)
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--no-train-pass", action="store_true")
    args = parser.parse_args()
    widths = [784, 10] if args.model == "softmax" else [784, args.hidden, 10]
    examples, test = 60_000, 10_000
    full, last = divmod(examples, args.batch)
    products = {}   # (m, k, n) -> how many per epoch

    def add(shape, count):
        products[shape] = products.get(shape, 0) + count

    for rows, count in ((args.batch, full), (last, 1 if last else 0)):
        for layer, (a, b) in enumerate(zip(widths, widths[1:])):
            add((rows, a, b), count)            # forward: X·W
            add((a, rows, b), count)            # the weights' gradient: Xᵀ·G
            if layer > 0:
                add((rows, b, a), count)        # the input's gradient: G·Wᵀ
    for rows in [test] + ([] if args.no_train_pass else [examples]):
        for a, b in zip(widths, widths[1:]):
            add((rows, a, b), 1)
    setter, most = openblas_threads()
    total = flops = 0.0
    for (m, k, n), count in sorted(products.items()):
        best = min(seconds(m, k, n, t, setter) for t in sorted({1, most or 1}))
        total += count * best
        flops += count * 2.0 * m * k * n
    if setter is not None:
        setter(most)
    print(f"floor {total:.4f} s {flops / 1e9:.1f} GFLOP ({len(products)} product shapes,"
          f" OpenBLAS threads {'1 or ' + str(most) if setter else 'its own'})")


if __name__ == "__main__":
    main()
