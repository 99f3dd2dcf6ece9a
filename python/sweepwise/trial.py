"""The command-trial side of the runner's protocol (apps/worker/src/runners/command-runner.ts).

The runner passes every parameter as JSON in SWEEPWISE_PARAMS and reads one JSON line per report
on stdout; when the stopping rule ends the trial it terminates the process (SIGTERM, then SIGKILL
five seconds later), so a training loop needs no check of its own.
"""

import json
import math
import os
import sys
from typing import Any, Dict, Mapping, Optional


class SweepwiseError(Exception):
    """A refusal, with the field at fault when there is one."""

    def __init__(self, message: str, field: Optional[str] = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def params(defaults: Optional[Mapping[str, Any]] = None) -> Dict[str, Any]:
    """The trial's parameters over ``defaults``; outside a trial, ``defaults`` alone."""
    merged: Dict[str, Any] = dict(defaults or {})
    raw = os.environ.get("SWEEPWISE_PARAMS")
    if raw is None:
        if defaults is None:
            raise SweepwiseError(
                "not running as a Sweepwise trial (SWEEPWISE_PARAMS is not set); "
                "pass defaults to run outside a sweep",
                "SWEEPWISE_PARAMS",
            )
        return merged
    try:
        trial = json.loads(raw)
    except ValueError as err:
        raise SweepwiseError(f"SWEEPWISE_PARAMS is not JSON: {err}", "SWEEPWISE_PARAMS") from err
    if not isinstance(trial, dict):
        raise SweepwiseError("SWEEPWISE_PARAMS must be a JSON object", "SWEEPWISE_PARAMS")
    merged.update(trial)
    return merged


def _number(name: str, value: Any) -> Optional[float]:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def report_line(step: int, metrics: Mapping[str, Any]) -> Optional[str]:
    """The JSON line for one report of the numeric ``metrics`` (others are left out), or None."""
    fields: Dict[str, Any] = {"step": int(step)}
    for name, value in metrics.items():
        number = _number(name, value)
        if number is None:
            continue
        # JSON has no NaN: the runner reads "NaN" as NaN, so a diverged run is still seen.
        fields[name] = number if math.isfinite(number) else "NaN"
    return json.dumps(fields) if len(fields) > 1 else None


def report(step: int, **metrics: float) -> bool:
    """Reports one step's metrics to the sweep (one JSON line on stdout).

    Returns False: when the stopping rule ends the trial, the runner terminates this process, so
    the loop never has to stop itself. Non-numeric values are left out.
    """
    if isinstance(step, bool) or not isinstance(step, int) or step < 0:
        raise SweepwiseError(f"step must be an integer >= 0, got {step!r}", "step")
    line = report_line(step, metrics)
    if line is None:
        raise SweepwiseError("needs at least one numeric metric", "metrics")
    sys.stdout.write(line + "\n")
    sys.stdout.flush()
    return False
