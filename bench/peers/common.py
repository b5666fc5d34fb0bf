"""Shared by the peers: the workload's arguments, the book's synthetic data, and the result line."""
import argparse
import json
import time


def parse():
    p = argparse.ArgumentParser()
    p.add_argument("--examples", type=int, default=1000)
    p.add_argument("--features", type=int, default=2)
    p.add_argument("--batch", type=int, default=10)
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--lr", type=float, default=0.03)
    p.add_argument("--seed", type=int, default=42)
    return p.parse_args()


def true_weights(args, gen):
    """The book's w = [2, -3.4] for two features; N(0, 1) per feature for wide workloads."""
    if args.features == 2:
        return [2.0, -3.4]
    return gen(args.features)


def report(seconds, final_loss):
    print(json.dumps({"seconds": seconds, "final_loss": float(final_loss)}), flush=True)


class Clock:
    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start
