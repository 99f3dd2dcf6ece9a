// `sweepwise bench multiobjective --json`: multi-objective sampler quality on the usual test
// problems, minimized as published: ZDT1 and ZDT2 (Zitzler, Deb & Thiele 2000, "Comparison of
// multiobjective evolutionary algorithms: empirical results", Evol. Comput. 8(2); 10 variables in
// [0, 1], reference point (11, 11)) and DTLZ2 (Deb, Thiele, Laumanns & Zitzler 2002, "Scalable
// multi-objective optimization test problems", CEC; 8 variables, 3 objectives, reference point
// (2, 2, 2)). One line per problem and sampler: the exact hypervolume of the front after `evals`
// sequential trials, mean and standard error over `seeds` seeds. Targets (issue 16, Optuna 3.1 with
// the same protocol): ZDT1 MOTPE 109.92, NSGA-II 101.45; ZDT2 101.49, 87.51; DTLZ2 6.910, 6.288.
import { createStudy, SAMPLERS, type Params } from '@sweepwise/tuner';
import { intFlag, parseArgs, stringFlag } from '../args.js';
import { meanStderr, round } from './tuner.js';

export const MULTIOBJECTIVE_BENCH_DEFAULTS = {
  evals: 150,
  seeds: 10,
  samplers: 'random,nsga2,tpe,parego',
  problems: 'zdt1,zdt2,dtlz2',
} as const;

interface Problem {
  variables: number;
  reference: readonly number[];
  objectives(x: readonly number[]): number[];
}

/** ZDT's g: 1 + 9 · mean of the variables after the first. */
function zdtG(x: readonly number[]): number {
  let sum = 0;
  for (let i = 1; i < x.length; i++) sum += x[i];
  return 1 + (9 * sum) / (x.length - 1);
}

export const PROBLEMS: Record<string, Problem> = {
  zdt1: {
    variables: 10,
    reference: [11, 11],
    objectives(x) {
      const g = zdtG(x);
      return [x[0], g * (1 - Math.sqrt(x[0] / g))];
    },
  },
  zdt2: {
    variables: 10,
    reference: [11, 11],
    objectives(x) {
      const g = zdtG(x);
      return [x[0], g * (1 - (x[0] / g) ** 2)];
    },
  },
  dtlz2: {
    variables: 8,
    reference: [2, 2, 2],
    objectives(x) {
      let g = 0;
      for (let i = 2; i < x.length; i++) g += (x[i] - 0.5) ** 2;
      const [a, b] = [(x[0] * Math.PI) / 2, (x[1] * Math.PI) / 2];
      return [
        (1 + g) * Math.cos(a) * Math.cos(b),
        (1 + g) * Math.cos(a) * Math.sin(b),
        (1 + g) * Math.sin(a),
      ];
    },
  },
};

/** Hypervolume of the front after `evals` sequential ask/tell rounds. */
function hypervolumeAfter(problem: Problem, sampler: string, seed: number, evals: number): number {
  const names = Array.from({ length: problem.variables }, (_, i) => `x${i}`);
  const study = createStudy({
    space: Object.fromEntries(names.map((n) => [n, { type: 'float', low: 0, high: 1 }])),
    objectives: problem.reference.map((_, i) => ({ name: `f${i + 1}`, direction: 'minimize' })),
    sampler: { type: sampler, seed },
  });
  for (let t = 0; t < evals; t++) {
    const { id, params } = study.ask();
    study.tell(id, problem.objectives(names.map((n) => (params as Params)[n] as number)));
  }
  return study.hypervolume(problem.reference);
}

export async function run({ json, args }: { json: boolean; args: string[] }): Promise<void> {
  const parsed = parseArgs(args, {
    valued: ['evals', 'seeds', 'samplers', 'problems'],
    usage:
      'sweepwise bench multiobjective [--json] [--evals 150] [--seeds 10] [--samplers nsga2,tpe] [--problems zdt1]',
  });
  const d = MULTIOBJECTIVE_BENCH_DEFAULTS;
  const evals = intFlag(parsed, 'evals', d.evals);
  const seeds = intFlag(parsed, 'seeds', d.seeds);
  const samplers = (stringFlag(parsed, 'samplers') ?? d.samplers).split(',');
  const problems = (stringFlag(parsed, 'problems') ?? d.problems).split(',');
  for (const p of problems) if (!(p in PROBLEMS)) throw new Error(`unknown problem "${p}"`);
  for (const s of samplers) if (!(s in SAMPLERS)) throw new Error(`unknown sampler "${s}"`);
  for (const name of problems) {
    for (const sampler of samplers) {
      const start = performance.now();
      const volumes = Array.from({ length: seeds }, (_, seed) =>
        hypervolumeAfter(PROBLEMS[name], sampler, seed, evals),
      );
      const { mean, stderr } = meanStderr(volumes);
      const seconds = (performance.now() - start) / 1000;
      const line = {
        problem: name,
        sampler,
        evals,
        seeds,
        hv_mean: round(mean),
        hv_stderr: round(stderr),
        seconds: round(seconds, 1),
      };
      console.log(
        json
          ? JSON.stringify(line)
          : `${name.padEnd(6)} ${sampler.padEnd(8)} hypervolume after ${evals}: ${mean.toFixed(3)} ± ${stderr.toFixed(3)} (${seconds.toFixed(1)} s)`,
      );
    }
  }
}
