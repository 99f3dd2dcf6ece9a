"""A Weights & Biases training script, run by a Sweepwise sweep with one changed line.

The only change from the W&B original is the import. Standard library only: logistic regression
trained by SGD on a seeded two-moons-like data set (see train.py), logged each epoch.
"""

import math
import random

from sweepwise import wandb  # was: import wandb

run = wandb.init(project="moons", config={"lr": 0.05, "l2": 0.0001, "epochs": 15, "seed": 1})
rng = random.Random(wandb.config.seed)


def sample(n):
    rows = []
    for _ in range(n):
        label = rng.random() < 0.5
        angle = rng.uniform(0, math.pi)
        x = math.cos(angle) + (1.0 if label else 0.0) + rng.gauss(0, 0.2)
        y = math.sin(angle) * (-1 if label else 1) + rng.gauss(0, 0.2)
        rows.append(([1.0, x, y, x * x, y * y, x * y, x**3, y**3], 1.0 if label else 0.0))
    return rows


train, validation = sample(300), sample(150)
weights = [0.0] * len(train[0][0])


def predict(features):
    z = sum(w * f for w, f in zip(weights, features))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


for epoch in range(1, wandb.config.epochs + 1):
    rng.shuffle(train)
    for features, label in train:
        error = predict(features) - label
        for i, f in enumerate(features):
            weights[i] -= wandb.config.lr * (error * f + wandb.config["l2"] * weights[i])
    eps = 1e-12
    loss = sum(
        -(y * math.log(predict(f) + eps) + (1 - y) * math.log(1 - predict(f) + eps))
        for f, y in validation
    ) / len(validation)
    wandb.log({"epoch": epoch, "val_loss": loss})
wandb.finish()
