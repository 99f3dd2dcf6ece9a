"""A W&B training script that reads its settings from the command line, as W&B's agent passes them.

W&B's command macros give the sweep's parameters as arguments: ``${args}`` as ``--lr=0.01``,
``${args_no_hyphens}`` as ``lr=0.01`` (Hydra's overrides), ``${args_no_boolean_flags}`` as
``--shuffle`` for a true flag, ``${args_json}`` as one JSON argument. Sweepwise expands them the
same way (docs/wandb.md), so this script runs unchanged under a converted W&B sweep file
(examples/wandb/). An argparse script works the same; this one reads every form.
Standard library only, plus the ``sweepwise`` package for ``wandb``.
"""

import json
import random
import sys

from moons import LogisticRegression, sample
from sweepwise import wandb  # was: import wandb


def value_of(text):
    """``0.01`` -> 0.01, ``true`` -> True, ``adam`` -> "adam"."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def parse(argv):
    if len(argv) == 1 and argv[0].startswith("{"):
        return json.loads(argv[0])
    settings = {}
    for word in argv:
        key, eq, text = word.lstrip("-").partition("=")
        settings[key] = value_of(text) if eq else True
    return settings


args = parse(sys.argv[1:])
if not args:
    sys.exit("no settings on the command line: the sweep's command must pass ${args} (or a form of it)")
run = wandb.init(project="moons", config=args)
rng = random.Random(int(args.get("seed", 1)))
train, validation = sample(rng, 300), sample(rng, 150)
model = LogisticRegression(len(train[0][0]))
# Nested W&B parameters arrive as dotted names: optimizer.lr.
lr = float(args.get("lr", args.get("optimizer.lr", 0.05)))
l2 = float(args.get("l2", args.get("optimizer.weight_decay", 0.0001)))
rows = list(train)
for epoch in range(int(args.get("epochs", 12))):
    if args.get("shuffle", False):
        rng.shuffle(rows)
    model.train_epoch(rng, rows, lr, l2)
    wandb.log({"val_loss": model.loss(validation), "val_acc": model.accuracy(validation)})
wandb.finish()
