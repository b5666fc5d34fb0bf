"""The same recipe as a PyTorch user would write it: nn.Linear, torch.optim.SGD, a randperm per epoch."""
import os

import torch
from torch import nn

import common

args = common.parse()
torch.set_num_threads(os.cpu_count() or 1)   # Debian's build starts with one thread; the peers get every core
torch.manual_seed(args.seed)
true_w = torch.tensor(common.true_weights(args, lambda d: torch.normal(0, 1, (d,)).tolist()))
X = torch.normal(0, 1, (args.examples, args.features))
y = (X @ true_w + 4.2 + torch.normal(0, 0.01, (args.examples,))).reshape(-1, 1)
net = nn.Linear(args.features, 1)
net.weight.data.normal_(0, 0.01)
net.bias.data.fill_(0)
# The book's loss is (y_hat - y)^2 / 2 summed per batch with lr / batch_size: MSELoss / 2 with lr.
loss = nn.MSELoss()
trainer = torch.optim.SGD(net.parameters(), lr=args.lr)
with common.Clock() as clock:
    for epoch in range(args.epochs):
        order = torch.randperm(args.examples)
        for i in range(0, args.examples, args.batch):
            idx = order[i:i + args.batch]
            l = loss(net(X[idx]), y[idx]) / 2
            trainer.zero_grad()
            l.backward()
            trainer.step()
        with torch.no_grad():
            final = (loss(net(X), y) / 2).item()
        clock.lap()
common.report(clock.seconds, final, clock.laps)
