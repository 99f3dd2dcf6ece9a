"""A Weights & Biases training script, run by a Sweepwise sweep with one changed line.

The only change from the W&B original is the import. Standard library only: logistic regression
trained by SGD on a seeded two-moons-like data set (moons.py), logged each epoch.
"""

import random

from moons import LogisticRegression, sample
from sweepwise import wandb  # was: import wandb

run = wandb.init(project="moons", config={"lr": 0.05, "l2": 0.0001, "epochs": 15, "seed": 1})
rng = random.Random(wandb.config.seed)
train, validation = sample(rng, 300), sample(rng, 150)
model = LogisticRegression(len(train[0][0]))

for epoch in range(1, wandb.config.epochs + 1):
    model.train_epoch(rng, train, wandb.config.lr, wandb.config["l2"])
    wandb.log({"epoch": epoch, "val_loss": model.loss(validation)})
wandb.finish()
