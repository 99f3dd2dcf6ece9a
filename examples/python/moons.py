"""The examples' shared toy problem: logistic regression trained by SGD on a seeded
two-moons-like data set, standard library only (train.py and wandb_train.py import it)."""

import math


def sample(rng, n):
    """n labelled points; polynomial features make the curved boundary learnable by a linear model."""
    rows = []
    for _ in range(n):
        label = rng.random() < 0.5
        angle = rng.uniform(0, math.pi)
        x = math.cos(angle) + (1.0 if label else 0.0) + rng.gauss(0, 0.2)
        y = math.sin(angle) * (-1 if label else 1) + rng.gauss(0, 0.2)
        rows.append(([1.0, x, y, x * x, y * y, x * y, x**3, y**3], 1.0 if label else 0.0))
    return rows


class LogisticRegression:
    def __init__(self, features):
        self.weights = [0.0] * features

    def predict(self, features):
        z = sum(w * f for w, f in zip(self.weights, features))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def train_epoch(self, rng, rows, lr, l2):
        """One shuffled pass of SGD on the log loss with an L2 penalty."""
        rng.shuffle(rows)
        for features, label in rows:
            error = self.predict(features) - label
            for i, f in enumerate(features):
                self.weights[i] -= lr * (error * f + l2 * self.weights[i])

    def loss(self, rows, eps=1e-12):
        """Mean log loss."""
        return sum(
            -(y * math.log(self.predict(f) + eps) + (1 - y) * math.log(1 - self.predict(f) + eps))
            for f, y in rows
        ) / len(rows)

    def accuracy(self, rows):
        return sum((self.predict(f) > 0.5) == (y == 1.0) for f, y in rows) / len(rows)
