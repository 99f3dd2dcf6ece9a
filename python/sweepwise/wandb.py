"""A stand-in for the parts of ``wandb`` a sweep's training script uses.

``import wandb`` becomes ``from sweepwise import wandb``; the script then runs as a Sweepwise
command trial: ``wandb.init(config=defaults)`` merges the trial's parameters over the defaults,
``wandb.config.lr`` (or ``wandb.config["lr"]``) reads them, and ``wandb.log({...})`` reports the
numeric values to the stopping rule, at W&B's step (one per committed log, from 0) or the one given.

As with W&B's agent, a pruned trial's process is terminated. A Sweepwise extension lets the script
stop itself instead: ``wandb.run.should_stop`` is True once the stopping rule ended the trial (from
its first reading on, the process gets 5 s to exit on its own). ``log`` does not wait for the
rule's answer, as W&B's does not wait for its server, so the stop is seen a log or two later.
"""

from typing import Any, Dict, Iterator, Mapping, Optional

import sys

from .trial import answers, params, report_line


class Config:
    """Run parameters by attribute or by key, as ``wandb.config``."""

    def __init__(self, values: Optional[Mapping[str, Any]] = None) -> None:
        object.__setattr__(self, "_values", dict(values or {}))

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(f"config has no {name!r} (it has {sorted(self._values)})") from None

    def __setattr__(self, name: str, value: Any) -> None:
        self._values[name] = value

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    def __setitem__(self, name: str, value: Any) -> None:
        self._values[name] = value

    def __contains__(self, name: object) -> bool:
        return name in self._values

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def get(self, name: str, default: Any = None) -> Any:
        return self._values.get(name, default)

    def keys(self):  # type: ignore[no-untyped-def]
        return self._values.keys()

    def items(self):  # type: ignore[no-untyped-def]
        return self._values.items()

    def update(self, values: Mapping[str, Any], allow_val_change: bool = True) -> None:
        self._values.update(values)

    def as_dict(self) -> Dict[str, Any]:
        return dict(self._values)


class Run:
    """What ``wandb.init`` returns: its config, log and finish."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.step = 0
        self.summary: Dict[str, Any] = {}

    def log(self, data: Mapping[str, Any], step: Optional[int] = None, commit: Optional[bool] = None) -> None:
        if step is not None:
            self.step = int(step)
        self.summary.update(data)
        line = report_line(self.step, data)
        if line is not None:
            sys.stdout.write(line + "\n")
            sys.stdout.flush()
        if commit is not False:
            self.step += 1

    @property
    def should_stop(self) -> bool:
        """Whether the sweep ended this trial (the stopping rule pruned it, or it was cancelled)."""
        answers.listen()
        return answers.poll()

    def finish(self, exit_code: Optional[int] = None, quiet: Optional[bool] = None) -> None:
        pass


config = Config()
run: Optional[Run] = None


def _as_mapping(values: Any) -> Mapping[str, Any]:
    if values is None:
        return {}
    if isinstance(values, Mapping):
        return values
    # argparse.Namespace and other simple objects, as wandb accepts them.
    return vars(values)


def _nest(values: Dict[str, Any]) -> Dict[str, Any]:
    """W&B's nested parameters arrive as dotted names (``optimizer.lr``, as a converted W&B sweep
    file names them); W&B gives them as nested dicts (``config.optimizer["lr"]``), so both are kept,
    unless a setting of the same top-level name is not a dict."""
    for name, value in list(values.items()):
        if "." not in name:
            continue
        *parents, leaf = name.split(".")
        node = values
        for part in parents:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                break
            node = child
        else:
            node[leaf] = value
    return values


def init(config: Any = None, **settings: Any) -> Run:
    """Starts the run: the trial's parameters over ``config`` (project, name... are accepted)."""
    global run
    merged = _nest(params(dict(_as_mapping(config))))
    globals()["config"].update(merged)
    run = Run(globals()["config"])
    return run


def log(data: Mapping[str, Any], step: Optional[int] = None, commit: Optional[bool] = None) -> None:
    if run is None:
        raise RuntimeError("call wandb.init() before wandb.log()")
    run.log(data, step=step, commit=commit)


def finish(exit_code: Optional[int] = None, quiet: Optional[bool] = None) -> None:
    global run
    run = None
