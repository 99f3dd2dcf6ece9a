"""Client against a live server: run by e2e/specs/external-sweep.spec.ts, which creates the
external sweep (SWEEPWISE_TEST_SWEEP_ID) and a worker whose controller samples and judges it, and
sets SWEEPWISE_API_URL and SWEEPWISE_API_TOKEN."""

import math
import os
import time
import unittest

import sweepwise


def train(lr: float, client: sweepwise.Client, trial: sweepwise.Trial) -> str:
    """A training function whose validation loss settles at a level set by how far lr is from
    0.01, reporting each epoch and stopping when told."""
    loss = 0.0
    for epoch in range(10):
        loss = (math.log10(lr) + 2) ** 2 + 1 / (epoch + 1)
        if client.report(trial, epoch, val_loss=loss, note="text is left out"):
            return client.tell(trial, state="pruned")
        # Training time: the controller judges each report meanwhile.
        time.sleep(0.2)
    return client.tell(trial, value=loss)


class ClientTest(unittest.TestCase):
    sweep_id = os.environ.get("SWEEPWISE_TEST_SWEEP_ID", "")

    def test_tunes_a_training_function_and_the_median_rule_prunes(self) -> None:
        client = sweepwise.Client(name="python-live-test")
        states = []
        while True:
            trial = client.ask(self.sweep_id)
            if trial is None:
                break
            self.assertEqual(sorted(trial.params), ["lr"])
            self.assertFalse(client.heartbeat(trial))
            states.append(train(trial.params["lr"], client, trial))
            if len(states) == 1:
                with self.assertRaises(sweepwise.SweepwiseError) as told:
                    client.tell(trial, value=1.0)
                self.assertEqual(told.exception.status, 409)
                self.assertIn("not running", told.exception.message)
        self.assertEqual(len(states), 8)
        self.assertGreaterEqual(states.count("pruned"), 1)
        self.assertGreaterEqual(states.count("completed"), 2)

    def test_errors_carry_the_message_and_field(self) -> None:
        client = sweepwise.Client()
        with self.assertRaises(sweepwise.SweepwiseError) as missing:
            client.should_stop("no-such-trial")
        self.assertEqual(missing.exception.status, 404)
        with self.assertRaises(sweepwise.SweepwiseError) as bad:
            client._request("POST", "trials/no-such-trial/report", {"step": -1, "metrics": {"x": 1}})
        self.assertEqual(bad.exception.status, 422)
        self.assertEqual(bad.exception.field, "step")
        with self.assertRaises(sweepwise.SweepwiseError) as nan:
            client.report("any", 0, loss=float("nan"))
        self.assertEqual(nan.exception.field, "metrics.loss")
        with self.assertRaises(sweepwise.SweepwiseError) as denied:
            sweepwise.Client(token="wrong-token").should_stop("no-such-trial")
        self.assertEqual(denied.exception.status, 401)


if __name__ == "__main__":
    unittest.main()
