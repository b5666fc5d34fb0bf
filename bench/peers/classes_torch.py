"""Softmax regression (the book's chapter 4.5, concise): nn.Linear, nn.CrossEntropyLoss, torch.optim.SGD."""
import os

import torch
from torch import nn

import common

args = common.parse()
torch.set_num_threads(os.cpu_count() or 1)
torch.manual_seed(args.seed)
X, y = common.class_data(args, lambda shape: torch.normal(0, 1, shape),
                         lambda k, n: torch.randint(0, k, (n,)))
net = nn.Linear(args.features, args.classes)
net.weight.data.normal_(0, 0.01)
net.bias.data.fill_(0)
loss = nn.CrossEntropyLoss()                     # the batch's mean; SGD with lr: Descent's sum / batch_size
trainer = torch.optim.SGD(net.parameters(), lr=args.lr)
with common.Clock() as clock:
    for epoch in range(args.epochs):
        order = torch.randperm(args.examples)
        for i in range(0, args.examples, args.batch):
            idx = order[i:i + args.batch]
            l = loss(net(X[idx]), y[idx])
            trainer.zero_grad()
            l.backward()
            trainer.step()
        with torch.no_grad():
            final = loss(net(X), y).item()
        clock.lap()
common.report(clock.seconds, final, clock.laps)
