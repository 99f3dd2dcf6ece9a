import type { Db, Sweep } from '../src/index.js';

/** A sweep row written directly (no validation), for tests of the tables under it. */
export function createBareSweep(db: Db, label: string, maxTrials = 10): Promise<Sweep> {
  const name = `${label}-${process.pid}-${Date.now()}`;
  return db.sweep.create({
    data: {
      name,
      spec: {
        name,
        workload: { engine: { dataset: { name: 'iris' } } },
        metric: { name: 'val_loss', goal: 'minimize' },
        parameters: { lr: { type: 'float', low: 1e-4, high: 1e-1, log: true } },
        algorithm: { type: 'random' },
        stopper: null,
        budget: { maxTrials, maxConcurrentTrials: 2, maxWallTimeS: null },
      },
    },
  });
}

/** A bare sweep with one trial (number 0), for tests of the rows a trial owns. */
export async function createBareTrial(
  db: Db,
  label: string,
): Promise<{ sweepId: string; trialId: string }> {
  const sweep = await createBareSweep(db, label, 1);
  const trial = await db.trial.create({ data: { sweepId: sweep.id, number: 0, params: {} } });
  return { sweepId: sweep.id, trialId: trial.id };
}
