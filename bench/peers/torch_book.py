"""Chapter 3.2 of Dive into Deep Learning, as the book writes it (from scratch, in PyTorch)."""
import os
import random

import torch

import common

args = common.parse()
torch.set_num_threads(os.cpu_count() or 1)   # Debian's build starts with one thread; the peers get every core
torch.manual_seed(args.seed)
random.seed(args.seed)


def synthetic_data(w, b, num_examples):
    X = torch.normal(0, 1, (num_examples, len(w)))
    y = torch.matmul(X, w) + b
    y += torch.normal(0, 0.01, y.shape)
    return X, y.reshape((-1, 1))


def data_iter(batch_size, features, labels):
    num_examples = len(features)
    indices = list(range(num_examples))
    random.shuffle(indices)
    for i in range(0, num_examples, batch_size):
        batch_indices = torch.tensor(indices[i: min(i + batch_size, num_examples)])
        yield features[batch_indices], labels[batch_indices]


def linreg(X, w, b):
    return torch.matmul(X, w) + b


def squared_loss(y_hat, y):
    return (y_hat - y.reshape(y_hat.shape)) ** 2 / 2


def sgd(params, lr, batch_size):
    with torch.no_grad():
        for param in params:
            param -= lr * param.grad / batch_size
            param.grad.zero_()


true_w = torch.tensor(common.true_weights(args, lambda d: torch.normal(0, 1, (d,)).tolist()))
true_b = 4.2
features, labels = synthetic_data(true_w, true_b, args.examples)
w = torch.normal(0, 0.01, size=(args.features, 1), requires_grad=True)
b = torch.zeros(1, requires_grad=True)
with common.Clock() as clock:
    for epoch in range(args.epochs):
        for X, y in data_iter(args.batch, features, labels):
            l = squared_loss(linreg(X, w, b), y)
            l.sum().backward()
            sgd([w, b], args.lr, args.batch)
        with torch.no_grad():
            train_l = squared_loss(linreg(features, w, b), labels)
            train_l.mean().item()   # the book prints it: the value is needed each epoch
        clock.lap()
common.report(clock.seconds, train_l.mean(), clock.laps)
