// A Sweepwise `command:` trial in Node: reads its parameters from the environment the runner sets
// (SWEEPWISE_PARAM_<NAME>) and prints one JSON line per step. Here it minimizes the Rosenbrock
// function by gradient descent with momentum, the learning rate and momentum being tuned.
const lr = Number(process.env.SWEEPWISE_PARAM_LR);
const momentum = Number(process.env.SWEEPWISE_PARAM_MOMENTUM);
const steps = Number(process.env.SWEEPWISE_PARAM_STEPS ?? 30);
if (!Number.isFinite(lr) || !Number.isFinite(momentum)) {
  console.error('SWEEPWISE_PARAM_LR and SWEEPWISE_PARAM_MOMENTUM must be numbers');
  process.exit(2);
}

let [x, y] = [-1.5, 2];
let [vx, vy] = [0, 0];
const loss = () => (1 - x) ** 2 + 100 * (y - x * x) ** 2;
for (let step = 1; step <= steps; step++) {
  for (let i = 0; i < 50; i++) {
    const gx = -2 * (1 - x) - 400 * x * (y - x * x);
    const gy = 200 * (y - x * x);
    vx = momentum * vx - lr * gx;
    vy = momentum * vy - lr * gy;
    x += vx;
    y += vy;
  }
  // A diverged run reports NaN as a string (JSON has no NaN); the sweep marks it failed.
  const value = loss();
  console.log(JSON.stringify({ step, loss: Number.isFinite(value) ? value : 'NaN' }));
}
