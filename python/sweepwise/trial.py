"""The command-trial side of the runner's protocol (packages/runners/src/command/command-trial.ts).

The runner passes every parameter as JSON in SWEEPWISE_PARAMS and reads one JSON line per report
on stdout. With SWEEPWISE_ANSWERS=stdin, a child that prints LISTEN_LINE gets the stopping rule's
answer to each report on stdin (``continue <step>`` or ``stop <step>``, in order), and when told
to stop it has the kill grace (5 s) to exit on its own before SIGTERM. ``report`` listens and
waits for its own answer; a child that does not listen is terminated when stopped.
"""

import json
import math
import os
import select
import sys
from typing import Any, Dict, List, Mapping, Optional

# The runner's LISTEN_LINE (packages/runners/src/command/command-trial.ts).
LISTEN_LINE = '{"sweepwise": "listen"}'


class SweepwiseError(Exception):
    """A refusal, with the field at fault when there is one."""

    def __init__(
        self,
        message: str,
        field: Optional[str] = None,
        status: Optional[int] = None,
        code: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        #: The HTTP status and the API's error code (``no_trial``, ``conflict``...), from Client.
        self.status = status
        self.code = code


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


def report_fields(step: int, metrics: Mapping[str, Any]) -> Dict[str, Any]:
    """``{"step": step, name: value...}`` of the numeric ``metrics`` (others are left out), refusing
    a bad step or no numeric metric at all."""
    if isinstance(step, bool) or not isinstance(step, int) or step < 0:
        raise SweepwiseError(f"step must be an integer >= 0, got {step!r}", "step")
    fields: Dict[str, Any] = {"step": step}
    for name, value in metrics.items():
        if not isinstance(value, bool) and isinstance(value, (int, float)):
            fields[name] = float(value)
    if len(fields) == 1:
        raise SweepwiseError("needs at least one numeric metric", "metrics")
    return fields


def report_line(step: int, metrics: Mapping[str, Any]) -> Optional[str]:
    """The JSON line for one report of the numeric ``metrics``, or None when there is none."""
    try:
        fields = report_fields(int(step), metrics)
    except SweepwiseError:
        return None
    # JSON has no NaN: the runner reads "NaN" as NaN, so a diverged run is still seen.
    return json.dumps({k: v if math.isfinite(v) else "NaN" for k, v in fields.items()})


class Answers:
    """The runner's answers on stdin, read with os.read (no read-ahead buffer of sys.stdin's to
    fall behind) and kept in order; one stop answer means the trial is over."""

    def __init__(self) -> None:
        self.listening = False
        self.stopped = False
        self.closed = False
        self._pending = b""
        self._lines: List[str] = []

    def available(self) -> bool:
        return os.environ.get("SWEEPWISE_ANSWERS") == "stdin" and not self.closed

    def listen(self) -> None:
        if not self.listening and self.available():
            self.listening = True
            sys.stdout.write(LISTEN_LINE + "\n")
            sys.stdout.flush()

    def _read(self, wait: bool) -> None:
        if not wait and not select.select([0], [], [], 0)[0]:
            return
        chunk = os.read(0, 4096)
        if not chunk:
            # stdin closed (the runner is done, or the command's stdin was redirected).
            self.closed = True
            return
        *lines, self._pending = (self._pending + chunk).split(b"\n")
        self._lines.extend(line.decode() for line in lines)

    def _take(self) -> Optional[str]:
        """The step of the next answer, noting a stop; None when none has been read."""
        if not self._lines:
            return None
        decision, _, step = self._lines.pop(0).partition(" ")
        if decision == "stop":
            self.stopped = True
        return step

    def poll(self) -> bool:
        """Reads the answers that have arrived, without waiting: whether one said stop."""
        while self.listening and not self.stopped and not self.closed:
            if self._take() is None:
                self._read(wait=False)
                if not self._lines:
                    break
        return self.stopped

    def wait_for(self, step: int) -> bool:
        """Waits for the answer to the report of ``step`` (answers to earlier lines come first)."""
        while self.listening and not self.stopped and not self.closed:
            taken = self._take()
            if taken is None:
                self._read(wait=True)
            elif taken == str(step):
                break
        return self.stopped


answers = Answers()


def report(step: int, **metrics: float) -> bool:
    """Reports one step's metrics to the sweep (one JSON line on stdout) and returns whether the
    trial should stop: True once the stopping rule (or a cancel) ended it, so the loop can finish
    on its own, e.g. save what it has and exit 0, within 5 s. It waits for the runner's answer to
    this report; outside a sweep it returns False at once. Non-numeric values are left out.
    """
    report_fields(step, metrics)
    line = report_line(step, metrics)
    if answers.stopped:
        return True
    answers.listen()
    sys.stdout.write(line + "\n")
    sys.stdout.flush()
    return answers.wait_for(step)
