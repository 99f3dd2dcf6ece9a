"""Sweepwise for Python training code, standard library only.

In a command trial (a sweep's ``workload.command``), ``params()`` gives the trial's parameters and
``report(step, **metrics)`` hands one step's metrics to the stopping rule. ``from sweepwise import
wandb`` runs a Weights & Biases training script under a sweep with only its import changed.
``Client(url, token)`` runs trials from a loop of your own over the REST API (ask, report, tell).
"""

from .client import Client, Trial
from .trial import SweepwiseError, params, report

__all__ = ["Client", "SweepwiseError", "Trial", "params", "report"]
__version__ = "0.1.0"
