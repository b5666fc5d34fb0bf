"""Shared by the Fashion-MNIST peers (W7, W8): the arguments and the data, read from Debian's
dataset-fashion-mnist files as Descent's fashion-mnist source reads them (bytes / 255 in float32)."""
import argparse
import gzip
import os

import numpy as np

FOLDER = "/usr/share/datasets/fashion-mnist"


def parse():
    p = argparse.ArgumentParser()
    p.add_argument("--model", choices=["softmax", "mlp"], required=True)
    p.add_argument("--batch", type=int, default=256)
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--lr", type=float, default=0.1)
    p.add_argument("--hidden", type=int, default=256)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--path", default=FOLDER)
    return p.parse_args()


def _read(path, offset):
    with (gzip.open(path) if path.endswith(".gz") else open(path, "rb")) as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


def _file(folder, name):
    plain = os.path.join(folder, name)
    return plain if os.path.exists(plain) else plain + ".gz"


def load(folder, split):
    """(images as uint8 [n, 784], labels as int64 [n]) of the split 'train' or 't10k'."""
    images = _read(_file(folder, f"{split}-images-idx3-ubyte"), 16).reshape(-1, 784)
    labels = _read(_file(folder, f"{split}-labels-idx1-ubyte"), 8).astype(np.int64)
    return images, labels


def floats(images):
    """ToTensor(): the bytes divided by 255, in float32."""
    return images.astype(np.float32) / np.float32(255)
