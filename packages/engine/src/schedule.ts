// Learning-rate schedules, evaluated once per epoch (epoch 0 is the first). Every schedule may
// start with a linear warm-up over `warmupEpochs` (Goyal et al., 2017). Reduce-on-plateau is the
// only one with state (it watches the early-stopping metric); that state travels in checkpoints.

export const SCHEDULE_TYPES = [
  'constant',
  'step',
  'exponential',
  'inverse_time',
  'cosine_restarts',
  'reduce_on_plateau',
] as const;
export type ScheduleType = (typeof SCHEDULE_TYPES)[number];

export interface ScheduleConfig {
  type: ScheduleType;
  warmupEpochs: number;
  /** step: multiply by gamma every stepSize epochs; exponential: by gamma every epoch. */
  stepSize?: number;
  gamma?: number;
  /** inverse_time: lr / (1 + decay·epoch). */
  decay?: number;
  /** cosine_restarts (SGDR, Loshchilov & Hutter, 2017): first period T0, growth Tmult, floor. */
  period?: number;
  periodMult?: number;
  minLr?: number;
  /** reduce_on_plateau: multiply by factor after `patience` epochs without relative improvement. */
  factor?: number;
  patience?: number;
  threshold?: number;
}

/** Defaults per schedule; step/exponential/plateau values are PyTorch's. */
export const SCHEDULE_DEFAULTS: Record<ScheduleType, Omit<ScheduleConfig, 'type'>> = {
  constant: { warmupEpochs: 0 },
  step: { warmupEpochs: 0, stepSize: 10, gamma: 0.1 },
  exponential: { warmupEpochs: 0, gamma: 0.95 },
  inverse_time: { warmupEpochs: 0, decay: 0.1 },
  cosine_restarts: { warmupEpochs: 0, period: 10, periodMult: 1, minLr: 0 },
  reduce_on_plateau: { warmupEpochs: 0, factor: 0.1, patience: 10, threshold: 1e-4, minLr: 0 },
};

/** The mutable part of a schedule, saved in checkpoints. */
export interface ScheduleState {
  scale: number;
  best: number | null;
  badEpochs: number;
}

export class LrSchedule {
  state: ScheduleState = { scale: 1, best: null, badEpochs: 0 };

  constructor(
    readonly config: ScheduleConfig,
    readonly baseLr: number,
  ) {}

  /** Learning rate for the given 0-based epoch. */
  lr(epoch: number): number {
    const c = this.config;
    const warm = epoch < c.warmupEpochs ? (epoch + 1) / c.warmupEpochs : 1;
    return warm * this.decayed(epoch);
  }

  private decayed(epoch: number): number {
    const c = this.config;
    const lr = this.baseLr;
    switch (c.type) {
      case 'constant':
        return lr;
      case 'step':
        return lr * c.gamma! ** Math.floor(epoch / c.stepSize!);
      case 'exponential':
        return lr * c.gamma! ** epoch;
      case 'inverse_time':
        return lr / (1 + c.decay! * epoch);
      case 'cosine_restarts': {
        // find the position inside the current period; periods grow by periodMult
        let period = c.period!;
        let t = epoch;
        while (t >= period) {
          t -= period;
          period *= c.periodMult!;
        }
        return c.minLr! + ((lr - c.minLr!) * (1 + Math.cos((Math.PI * t) / period))) / 2;
      }
      case 'reduce_on_plateau':
        return Math.max(c.minLr!, lr * this.state.scale);
    }
  }

  /** Feeds the epoch's monitored metric (lower is better when `minimize`). */
  observe(value: number, minimize: boolean): void {
    const c = this.config;
    if (c.type !== 'reduce_on_plateau') return;
    const s = this.state;
    const better =
      s.best === null ||
      (minimize ? value < s.best * (1 - c.threshold!) : value > s.best * (1 + c.threshold!));
    if (better) {
      s.best = value;
      s.badEpochs = 0;
      return;
    }
    s.badEpochs++;
    if (s.badEpochs > c.patience!) {
      s.scale *= c.factor!;
      s.badEpochs = 0;
    }
  }
}
