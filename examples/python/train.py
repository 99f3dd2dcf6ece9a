"""Logistic regression trained by SGD on a seeded two-moons-like data set, standard library only.

A Sweepwise `command:` trial: the parameters arrive as arguments (filled from ${param}
placeholders); each epoch prints one JSON line {"step", "val_loss", "val_acc"} on stdout, which the
runner reads to apply the stopping rule. Log lines go to stderr.
"""

import argparse
import json
import random
import sys
import time

from moons import LogisticRegression, sample

parser = argparse.ArgumentParser()
parser.add_argument("--lr", type=float, required=True)
parser.add_argument("--l2", type=float, default=0.0)
parser.add_argument("--epochs", type=int, default=20)
parser.add_argument("--seed", type=int, default=1)
parser.add_argument("--delay", type=float, default=0.0, help="seconds per epoch, to watch live")
args = parser.parse_args()

rng = random.Random(args.seed)
train, validation = sample(rng, 400), sample(rng, 200)
model = LogisticRegression(len(train[0][0]))

print(f"training with lr={args.lr} l2={args.l2}", file=sys.stderr)
for epoch in range(1, args.epochs + 1):
    model.train_epoch(rng, train, args.lr, args.l2)
    report = {"step": epoch, "val_loss": model.loss(validation), "val_acc": model.accuracy(validation)}
    print(json.dumps(report), flush=True)
    time.sleep(args.delay)
