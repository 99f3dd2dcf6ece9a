"""One trial of a Sweepwise sweep over the REST API, standard library only (see packages/sdk/README.md).

    SWEEPWISE_SWEEP_ID=<id> python3 examples/python/rest_trial.py
"""

import json, os, urllib.request

API = os.environ.get("SWEEPWISE_API_URL", "http://127.0.0.1:3000") + "/api/v1"
# SWEEPWISE_API_TOKEN, else the token `npm start` keeps in the server's state file on this machine.
STATE = os.path.join(os.environ.get("SWEEPWISE_STATE_DIR") or os.path.expanduser("~/.sweepwise"), "state.json")
TOKEN = os.environ.get("SWEEPWISE_API_TOKEN") or json.load(open(STATE))["apiToken"]

def call(method, path, body=None):
    req = urllib.request.Request(API + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={"content-type": "application/json", "authorization": "Bearer " + TOKEN})
    with urllib.request.urlopen(req) as res:
        return json.load(res)

trial = call("POST", f"/sweeps/{os.environ['SWEEPWISE_SWEEP_ID']}/ask", {})
lr = trial["params"]["lr"]
for step in range(1, 21):
    val_loss = (lr - 0.01) ** 2 + 1 / step              # your training epoch here
    if call("POST", f"/trials/{trial['trialId']}/report", {"step": step, "metrics": {"val_loss": val_loss}})["stop"]:
        call("POST", f"/trials/{trial['trialId']}/tell", {"state": "pruned"}); break
else:
    call("POST", f"/trials/{trial['trialId']}/tell", {"value": val_loss})
