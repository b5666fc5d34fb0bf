#!/usr/bin/env python3
"""Draws docs/training.md's figure: the learning rate per epoch of each schedule, from the CSV that
bench/schedule-rates.sh reads off Descent's own runs (Debian: python3-matplotlib).

  /usr/bin/python3 bench/plot-schedules.py rates.csv docs/images/schedules.png
"""
import csv
import sys
from collections import defaultdict

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

rates = defaultdict(list)
with open(sys.argv[1]) as f:
    for row in csv.DictReader(f):
        rates[row["schedule"]].append((int(row["epoch"]), float(row["rate"])))
fig, ax = plt.subplots(figsize=(8, 4.2), dpi=110)
for name, points in rates.items():
    ax.plot([e for e, _ in points], [r for _, r in points], marker=".", label=name)
ax.set_xlabel("epoch")
ax.set_ylabel("learning rate (optimizer.lr = 0.1)")
ax.set_title("Descent's schedules, 30 epochs")
ax.grid(alpha=0.3)
ax.legend(fontsize=8)
fig.tight_layout()
fig.savefig(sys.argv[2])
