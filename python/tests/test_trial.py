import json
import os
import subprocess
import sys
import unittest
from pathlib import Path

import sweepwise
from sweepwise import wandb
from sweepwise.trial import LISTEN_LINE, report_line

ROOT = Path(__file__).resolve().parents[2]


def run_script(source: str, params: dict) -> list:
    """Runs Python code as a command trial would be run, returning its report lines."""
    env = {**os.environ, "SWEEPWISE_PARAMS": json.dumps(params)}
    out = subprocess.run(
        [sys.executable, "-c", source], env=env, capture_output=True, text=True, check=True
    ).stdout
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


class TrialTest(unittest.TestCase):
    def test_params_merge_the_trial_over_defaults(self) -> None:
        out = subprocess.run(
            [sys.executable, "-c", "import json, sweepwise; print(json.dumps(sweepwise.params({'lr': 1, 'k': 2})))"],
            env={**os.environ, "SWEEPWISE_PARAMS": '{"lr": 0.01}'},
            capture_output=True, text=True, check=True,
        ).stdout
        self.assertEqual(json.loads(out), {"lr": 0.01, "k": 2})

    def test_params_outside_a_trial_need_defaults(self) -> None:
        os.environ.pop("SWEEPWISE_PARAMS", None)
        self.assertEqual(sweepwise.params({"lr": 0.1}), {"lr": 0.1})
        with self.assertRaises(sweepwise.SweepwiseError) as caught:
            sweepwise.params()
        self.assertEqual(caught.exception.field, "SWEEPWISE_PARAMS")

    def test_report_prints_the_runner_protocol(self) -> None:
        lines = run_script(
            "import sweepwise\nfor s in range(3): sweepwise.report(s, val_loss=1/(s+1), note='x')",
            {},
        )
        self.assertEqual([l["step"] for l in lines], [0, 1, 2])
        self.assertEqual(lines[1], {"step": 1, "val_loss": 0.5})
        self.assertEqual(json.loads(report_line(4, {"loss": float("nan")}) or ""), {"step": 4, "loss": "NaN"})

    def test_report_refuses_bad_input_naming_the_field(self) -> None:
        with self.assertRaises(sweepwise.SweepwiseError) as step:
            sweepwise.report(-1, loss=1.0)
        self.assertEqual(step.exception.field, "step")
        with self.assertRaises(sweepwise.SweepwiseError) as metrics:
            sweepwise.report(1, note="text only")
        self.assertEqual(metrics.exception.field, "metrics")


def run_as_runner(source: str, stop_at: int) -> tuple:
    """Runs Python code as the command runner does with a child that listens: answers each report
    line on stdin, ``stop`` at step ``stop_at``, then closes stdin. Returns (lines, stderr)."""
    env = {**os.environ, "SWEEPWISE_PARAMS": "{}", "SWEEPWISE_ANSWERS": "stdin"}
    child = subprocess.Popen(
        [sys.executable, "-c", source], env=env, text=True,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert child.stdin and child.stdout and child.stderr
    lines, listening, stopped = [], False, False
    for raw in child.stdout:
        if raw.strip() == LISTEN_LINE:
            listening = True
            continue
        line = json.loads(raw)
        lines.append(line)
        if listening and not stopped:
            stopped = line["step"] >= stop_at
            child.stdin.write(f"{'stop' if stopped else 'continue'} {line['step']}\n")
            child.stdin.flush()
            if stopped:
                child.stdin.close()
    stderr = child.stderr.read()
    child.wait(timeout=30)
    return lines, stderr


class AnswersTest(unittest.TestCase):
    def test_report_returns_the_answer_to_its_own_step(self) -> None:
        lines, stderr = run_as_runner(
            "import sys, sweepwise\n"
            "for s in range(10):\n"
            "    if sweepwise.report(s, loss=1.0):\n"
            "        print('told at', s, file=sys.stderr); break\n",
            stop_at=3,
        )
        self.assertEqual([l["step"] for l in lines], [0, 1, 2, 3])
        self.assertEqual(stderr.strip(), "told at 3")

    def test_report_outside_a_runner_that_answers_does_not_wait(self) -> None:
        os.environ.pop("SWEEPWISE_ANSWERS", None)
        self.assertFalse(sweepwise.report(0, loss=1.0))

    def test_wandb_should_stop_sees_the_stop_a_log_or_two_later(self) -> None:
        lines, stderr = run_as_runner(
            "import sys, time\n"
            "from sweepwise import wandb\n"
            "wandb.init(config={})\n"
            "for s in range(200):\n"
            "    wandb.log({'loss': 1.0})\n"
            "    time.sleep(0.01)\n"
            "    if wandb.run.should_stop:\n"
            "        print('told at', s, file=sys.stderr); break\n",
            stop_at=5,
        )
        told = int(stderr.split()[-1])
        self.assertGreaterEqual(told, 5)
        self.assertLess(told, 199)
        self.assertEqual(len(lines), told + 1)


class WandbTest(unittest.TestCase):
    def test_a_wandb_script_gets_the_trial_and_reports_each_log(self) -> None:
        lines = run_script(
            "from sweepwise import wandb\n"
            "wandb.init(project='p', config={'lr': 1.0, 'epochs': 3})\n"
            "assert wandb.config['epochs'] == 3\n"
            "for e in range(wandb.config.epochs): wandb.log({'loss': wandb.config.lr * (3 - e), 'img': object()})\n"
            "wandb.finish()\n",
            {"lr": 0.5},
        )
        self.assertEqual(lines, [{"step": 0, "loss": 1.5}, {"step": 1, "loss": 1.0}, {"step": 2, "loss": 0.5}])

    def test_nested_parameters_arrive_as_wandb_gives_them(self) -> None:
        lines = run_script(
            "from sweepwise import wandb\n"
            "wandb.init(config={'optimizer': {'lr': 1.0, 'beta': 0.9}})\n"
            "wandb.log({'lr': wandb.config.optimizer['lr'], 'beta': wandb.config.optimizer['beta'],"
            " 'flat': wandb.config['optimizer.lr']})\n",
            {"optimizer.lr": 0.5},
        )
        self.assertEqual(lines, [{"step": 0, "lr": 0.5, "beta": 0.9, "flat": 0.5}])

    def test_config_names_what_is_missing(self) -> None:
        config = wandb.Config({"lr": 0.1})
        config.batch = 32
        self.assertEqual(config.as_dict(), {"lr": 0.1, "batch": 32})
        with self.assertRaisesRegex(AttributeError, "config has no 'momentum'"):
            config.momentum


if __name__ == "__main__":
    unittest.main()
