"""Logistic regression trained by SGD on a seeded two-moons-like data set, standard library only.

A Sweepwise `command:` trial: the parameters arrive as arguments (filled from ${param}
placeholders); each epoch prints one JSON line {"step", "val_loss", "val_acc"} on stdout, which the
runner reads to apply the stopping rule. Log lines go to stderr.
"""

import argparse
import json
import math
import random
import sys
import time

parser = argparse.ArgumentParser()
parser.add_argument("--lr", type=float, required=True)
parser.add_argument("--l2", type=float, default=0.0)
parser.add_argument("--epochs", type=int, default=20)
parser.add_argument("--seed", type=int, default=1)
parser.add_argument("--delay", type=float, default=0.0, help="seconds per epoch, to watch live")
args = parser.parse_args()

rng = random.Random(args.seed)


def sample(n):
    rows = []
    for _ in range(n):
        label = rng.random() < 0.5
        angle = rng.uniform(0, math.pi)
        x = math.cos(angle) + (1.0 if label else 0.0) + rng.gauss(0, 0.2)
        y = math.sin(angle) * (-1 if label else 1) + rng.gauss(0, 0.2)
        # Polynomial features make the curved boundary learnable by a linear model.
        rows.append(([1.0, x, y, x * x, y * y, x * y, x**3, y**3], 1.0 if label else 0.0))
    return rows


train, validation = sample(400), sample(200)
weights = [0.0] * len(train[0][0])


def predict(features):
    z = sum(w * f for w, f in zip(weights, features))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


print(f"training with lr={args.lr} l2={args.l2}", file=sys.stderr)
for epoch in range(1, args.epochs + 1):
    rng.shuffle(train)
    for features, label in train:
        error = predict(features) - label
        for i, f in enumerate(features):
            weights[i] -= args.lr * (error * f + args.l2 * weights[i])
    eps = 1e-12
    losses = [
        -(label * math.log(predict(f) + eps) + (1 - label) * math.log(1 - predict(f) + eps))
        for f, label in validation
    ]
    accuracy = sum((predict(f) > 0.5) == (label == 1.0) for f, label in validation) / len(validation)
    print(json.dumps({"step": epoch, "val_loss": sum(losses) / len(losses), "val_acc": accuracy}), flush=True)
    time.sleep(args.delay)
