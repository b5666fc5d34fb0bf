"""Idiomatic PyTorch on Fashion-MNIST (W7 softmax regression, W8 the 784-256-10 MLP): the images
preloaded as one float tensor, nn.Linear layers initialised N(0, 0.01^2) as the book's runs,
nn.CrossEntropyLoss, torch.optim.SGD, torch.set_num_threads = the cores; the loss and accuracy on
the 10,000 test images after every epoch."""
import os

import torch
from torch import nn

import common
import fashion

args = fashion.parse()
torch.set_num_threads(os.cpu_count() or 1)
torch.manual_seed(args.seed)
train_images, train_labels = fashion.load(args.path, "train")
test_images, test_labels = fashion.load(args.path, "t10k")
X, y = torch.from_numpy(fashion.floats(train_images)), torch.from_numpy(train_labels)
X_test, y_test = torch.from_numpy(fashion.floats(test_images)), torch.from_numpy(test_labels)

if args.model == "softmax":
    net = nn.Sequential(nn.Linear(784, 10))
else:
    net = nn.Sequential(nn.Linear(784, args.hidden), nn.ReLU(), nn.Linear(args.hidden, 10))
for layer in net:
    if isinstance(layer, nn.Linear):
        nn.init.normal_(layer.weight, std=0.01)
        nn.init.zeros_(layer.bias)
loss = nn.CrossEntropyLoss()
trainer = torch.optim.SGD(net.parameters(), lr=args.lr)
n = len(y)
with common.Clock() as clock:
    for epoch in range(args.epochs):
        order = torch.randperm(n)
        total = 0.0
        for i in range(0, n, args.batch):
            idx = order[i:i + args.batch]
            l = loss(net(X[idx]), y[idx])
            trainer.zero_grad()
            l.backward()
            trainer.step()
            total += float(l) * len(idx)
        with torch.no_grad():
            test_accuracy = float((net(X_test).argmax(1) == y_test).float().mean())
        clock.lap()
common.report(clock.seconds, total / n, clock.laps, test_accuracy)
