"""An ask/tell client of the REST API (apps/web/app/api/v1), for a training loop of your own.

The sweep's controller, in a worker, samples trials and judges reports with its stopping rule;
this client takes a queued trial (``ask``), sends each step's metrics (``report``, which answers
whether to stop) and ends the trial (``tell``). A sweep with ``workload: { external: {} }`` is
only run this way: no worker claims its trials.
"""

import json
import math
import os
import socket
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Dict, Mapping, Optional, Union

from .trial import SweepwiseError, report_fields

DEFAULT_URL = "http://127.0.0.1:3000"


class Trial:
    """A trial handed out by ``ask``: its id, number and parameters."""

    def __init__(self, id: str, number: int, params: Dict[str, Any]) -> None:
        self.id = id
        self.number = number
        self.params = params

    def __repr__(self) -> str:
        return f"Trial(number={self.number}, params={self.params!r})"


TrialRef = Union[Trial, str]


def _trial_id(trial: TrialRef) -> str:
    return trial.id if isinstance(trial, Trial) else trial


def token_from_env(env: Optional[Mapping[str, str]] = None) -> Optional[str]:
    """SWEEPWISE_API_TOKEN, else the server's own token (``apiToken`` in its state file,
    $SWEEPWISE_STATE_DIR/state.json or ~/.sweepwise/state.json), as the CLI prints it at start."""
    env = os.environ if env is None else env
    if env.get("SWEEPWISE_API_TOKEN"):
        return env["SWEEPWISE_API_TOKEN"]
    state = Path(env.get("SWEEPWISE_STATE_DIR") or Path.home() / ".sweepwise") / "state.json"
    try:
        token = json.loads(state.read_text()).get("apiToken")
    except (OSError, ValueError, AttributeError):
        return None
    return token if isinstance(token, str) else None


class Client:
    """``Client(url, token)``: url defaults to SWEEPWISE_API_URL, else http://127.0.0.1:3000; token
    to ``token_from_env()``. ``name`` is shown as the worker of the trials it asks for."""

    def __init__(
        self,
        url: Optional[str] = None,
        token: Optional[str] = None,
        name: Optional[str] = None,
        timeout_s: float = 30.0,
    ) -> None:
        self.url = (url or os.environ.get("SWEEPWISE_API_URL") or DEFAULT_URL).rstrip("/")
        self.token = token or token_from_env()
        # The API takes letters, digits and _ . @ - (askBody in apps/web/lib/api/request-schemas.ts).
        self.name = name or "".join(c if c.isalnum() or c in "_.@-" else "-" for c in socket.gethostname())
        self.timeout_s = timeout_s

    def _request(self, method: str, path: str, body: Optional[Dict[str, Any]] = None) -> Any:
        headers = {"accept": "application/json"}
        if self.token:
            headers["authorization"] = f"Bearer {self.token}"
        data = None
        if body is not None:
            headers["content-type"] = "application/json"
            data = json.dumps(body).encode()
        request = urllib.request.Request(f"{self.url}/api/v1/{path}", data, headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as err:
            raise _api_error(err.code, err.read(), f"{method} /api/v1/{path}") from None
        except urllib.error.URLError as err:
            raise SweepwiseError(f"cannot reach {self.url}: {err.reason}", "url") from None

    def ask(self, sweep_id: str, wait_s: float = 60.0) -> Optional[Trial]:
        """The sweep's next trial, waiting up to ``wait_s`` for the controller to queue one; None
        once the sweep hands out no more (finished, cancelled or paused)."""
        deadline = time.monotonic() + wait_s
        while True:
            try:
                got = self._request("POST", f"sweeps/{sweep_id}/ask", {"client": self.name})
                return Trial(got["trialId"], got["number"], got["params"])
            except SweepwiseError as err:
                if err.code == "conflict":
                    return None
                if err.code != "no_trial" or time.monotonic() >= deadline:
                    raise
            time.sleep(0.5)

    def report(self, trial: TrialRef, step: int, **metrics: float) -> bool:
        """Stores one step's metrics; returns whether the trial should stop (its stopping rule
        pruned it, or the sweep was cancelled). Non-numeric values are left out."""
        fields = report_fields(step, metrics)
        del fields["step"]
        for name, value in fields.items():
            if not math.isfinite(value):
                raise SweepwiseError(
                    f"metrics.{name}: {value} is not a finite number (tell the trial failed instead)",
                    f"metrics.{name}",
                )
        answer = self._request("POST", f"trials/{_trial_id(trial)}/report", {"step": step, "metrics": fields})
        return bool(answer["stop"])

    def heartbeat(self, trial: TrialRef) -> bool:
        """Keeps the trial between reports (a trial that neither reports nor beats for the
        workers' stale limit, 10 s by default, is handed out again); returns whether to stop."""
        return bool(self._request("POST", f"trials/{_trial_id(trial)}/heartbeat")["stop"])

    def should_stop(self, trial: TrialRef) -> bool:
        """Whether the trial should stop, as known now (a decision may follow the last report)."""
        return bool(self._request("GET", f"trials/{_trial_id(trial)}/should-stop")["stop"])

    def tell(
        self,
        trial: TrialRef,
        value: Optional[float] = None,
        state: Optional[str] = None,
        error: Optional[str] = None,
    ) -> str:
        """Ends the trial: its final ``value``, or ``state`` "pruned" or "failed" (with ``error``).
        Returns the trial's state."""
        body: Dict[str, Any] = {}
        if value is not None:
            body["value"] = value
        if state is not None:
            body["state"] = state
        if error is not None:
            body["error"] = error
        return str(self._request("POST", f"trials/{_trial_id(trial)}/tell", body)["state"])


def _api_error(status: int, raw: bytes, what: str) -> SweepwiseError:
    """The API's ``{ error: { code, message, issues: [{ field, reason }] } }`` as an exception."""
    try:
        error = json.loads(raw)["error"]
        issues = error.get("issues") or []
        field = issues[0]["field"] if issues else None
        return SweepwiseError(error["message"], field, status=status, code=error.get("code"))
    except (ValueError, KeyError, TypeError):
        text = raw.decode(errors="replace").strip()[:200]
        return SweepwiseError(f"{what} answered {status}: {text}", status=status)
