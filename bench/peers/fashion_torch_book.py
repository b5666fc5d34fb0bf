"""The book's own loop on Fashion-MNIST (W7: chapter 4.2-4.4 softmax regression from scratch; W8:
chapter 5.2 MLP from scratch): a Dataset that turns each image into a tensor as ToTensor() does, the
book's DataLoader (batch 256, shuffled, get_dataloader_workers() = 4 processes), train_ch3's
train_epoch_ch3 and evaluate_accuracy on the test set after every epoch."""
import os

import torch
from torch import nn
from torch.utils import data

import common
import fashion

args = fashion.parse()
torch.manual_seed(args.seed)
train_images, train_labels = fashion.load(args.path, "train")
test_images, test_labels = fashion.load(args.path, "t10k")


class Images(data.Dataset):
    """As torchvision's FashionMNIST with transforms.ToTensor(): one image at a time, scaled to [0, 1]."""

    def __init__(self, images, labels):
        self.images, self.labels = images, labels

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        return torch.tensor(self.images[i], dtype=torch.float32).reshape(1, 28, 28) / 255, int(self.labels[i])


train_iter = data.DataLoader(Images(train_images, train_labels), args.batch, shuffle=True, num_workers=4)
test_iter = data.DataLoader(Images(test_images, test_labels), args.batch, shuffle=False, num_workers=4)

if args.model == "softmax":
    W = torch.normal(0, 0.01, size=(784, 10), requires_grad=True)
    b = torch.zeros(10, requires_grad=True)
    params = [W, b]

    def softmax(X):
        X_exp = torch.exp(X)
        return X_exp / X_exp.sum(1, keepdim=True)

    def net(X):
        return softmax(torch.matmul(X.reshape((-1, W.shape[0])), W) + b)

    def loss(y_hat, y):
        return -torch.log(y_hat[range(len(y_hat)), y])

    def updater(batch_size):
        with torch.no_grad():
            for param in params:
                param -= args.lr * param.grad / batch_size
                param.grad.zero_()
else:
    W1 = nn.Parameter(torch.randn(784, args.hidden, requires_grad=True) * 0.01)
    b1 = nn.Parameter(torch.zeros(args.hidden, requires_grad=True))
    W2 = nn.Parameter(torch.randn(args.hidden, 10, requires_grad=True) * 0.01)
    b2 = nn.Parameter(torch.zeros(10, requires_grad=True))
    params = [W1, b1, W2, b2]

    def net(X):
        X = X.reshape((-1, 784))
        H = torch.max(X @ W1 + b1, torch.zeros_like(X @ W1 + b1))
        return H @ W2 + b2

    loss = nn.CrossEntropyLoss(reduction="none")
    updater = torch.optim.SGD(params, lr=args.lr)


def accuracy(y_hat, y):
    return float((y_hat.argmax(axis=1).type(y.dtype) == y).type(y.dtype).sum())


def evaluate_accuracy(net, data_iter):
    right, total = 0.0, 0
    with torch.no_grad():
        for X, y in data_iter:
            right += accuracy(net(X), y)
            total += y.numel()
    return right / total


def train_epoch_ch3(net, train_iter, loss, updater):
    total_loss, right, n = 0.0, 0.0, 0
    for X, y in train_iter:
        y_hat = net(X)
        l = loss(y_hat, y)
        if isinstance(updater, torch.optim.Optimizer):
            updater.zero_grad()
            l.mean().backward()
            updater.step()
        else:
            l.sum().backward()
            updater(X.shape[0])
        total_loss += float(l.sum())
        right += accuracy(y_hat, y)
        n += y.numel()
    return total_loss / n, right / n


with common.Clock() as clock:
    for epoch in range(args.epochs):
        train_loss, train_acc = train_epoch_ch3(net, train_iter, loss, updater)
        test_acc = evaluate_accuracy(net, test_iter)
        clock.lap()
common.report(clock.seconds, train_loss, clock.laps, test_acc)
