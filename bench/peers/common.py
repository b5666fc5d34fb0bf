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
    p.add_argument("--classes", type=int, default=0, help="0: the book's regression; k: k Gaussian classes")
    p.add_argument("--separation", type=float, default=5.0, help="the class centres' spread, in cluster deviations")
    return p.parse_args()


def class_data(args, normal, integers):
    """k Gaussian clusters as Descent's synthetic-classes draws them: centres N(0, separation^2), unit spread."""
    centres = normal((args.classes, args.features)) * args.separation
    labels = integers(args.classes, args.examples)
    return centres[labels] + normal((args.examples, args.features)), labels


def true_weights(args, gen):
    """The book's w = [2, -3.4] for two features; N(0, 1) per feature for wide workloads."""
    if args.features == 2:
        return [2.0, -3.4]
    return gen(args.features)


def report(seconds, final_loss, epoch_ends=None, test_accuracy=None):
    """The result line; epoch_ends: the seconds from the start at which each epoch (and its loss) ended;
    test_accuracy: the last epoch's, for the workloads that have a test set (W7, W8)."""
    result = {"seconds": seconds, "final_loss": float(final_loss), "epoch_ends": epoch_ends or []}
    if test_accuracy is not None:
        result["test_accuracy"] = float(test_accuracy)
    print(json.dumps(result), flush=True)


class Clock:
    def __enter__(self):
        self.start = time.perf_counter()
        self.laps = []
        return self

    def lap(self):
        """Marks the end of an epoch."""
        self.laps.append(time.perf_counter() - self.start)

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start
