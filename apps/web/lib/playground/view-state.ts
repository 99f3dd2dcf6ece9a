import {
  DEFAULT_CONDITION,
  OPTIMIZER_TYPES,
  SURFACE_NAMES,
  SURFACES,
  type OptimizerType,
  type PlaygroundSettings,
  type SurfaceName,
} from '@sweepwise/engine/playground';
import { z } from 'zod';

/** What the playground shows: the settings of every path, and which optimizers are drawn. */
export interface PlaygroundView extends PlaygroundSettings {
  shown: OptimizerType[];
}

/** Bounds of the controls: past them a path is all divergence or takes too long to draw. */
export const VIEW_LIMITS = {
  lr: [1e-6, 10],
  condition: [1, 1000],
  steps: [1, 5000],
} as const;

const unit = z.coerce.number().min(0).lt(1);
/** The URL's fields, each checked alone so one bad field falls back to its default only. */
const FIELDS = {
  lr: z.coerce.number().min(VIEW_LIMITS.lr[0]).max(VIEW_LIMITS.lr[1]),
  condition: z.coerce.number().min(VIEW_LIMITS.condition[0]).max(VIEW_LIMITS.condition[1]),
  steps: z.coerce.number().int().min(VIEW_LIMITS.steps[0]).max(VIEW_LIMITS.steps[1]),
  momentum: unit,
  beta1: unit,
  beta2: unit,
  x: z.coerce.number().min(-1e3).max(1e3),
  y: z.coerce.number().min(-1e3).max(1e3),
} as const;

export function defaultView(surface: SurfaceName = 'rosenbrock'): PlaygroundView {
  const s = SURFACES[surface];
  return {
    surface,
    condition: DEFAULT_CONDITION,
    start: s.start,
    lr: s.lr,
    momentum: 0.9,
    beta1: 0.9,
    beta2: 0.999,
    steps: 500,
    shown: [...OPTIMIZER_TYPES],
  };
}

/** Reads a view from a URL's query; a missing or invalid field takes the surface's default. */
export function viewFromQuery(
  query: Record<string, string | string[] | undefined>,
): PlaygroundView {
  const one = (key: string) => {
    const v = query[key];
    return Array.isArray(v) ? v[0] : v;
  };
  const field = <K extends keyof typeof FIELDS>(key: K, fallback: number): number => {
    const parsed = FIELDS[key].safeParse(one(key));
    return one(key) !== undefined && parsed.success ? parsed.data : fallback;
  };
  const surface = SURFACE_NAMES.find((n) => n === one('f')) ?? 'rosenbrock';
  const d = defaultView(surface);
  const shown = one('opt')
    ?.split(',')
    .filter((o): o is OptimizerType => (OPTIMIZER_TYPES as readonly string[]).includes(o));
  return {
    surface,
    condition: field('condition', d.condition),
    start: [field('x', d.start[0]), field('y', d.start[1])],
    lr: field('lr', d.lr),
    momentum: field('momentum', d.momentum),
    beta1: field('beta1', d.beta1),
    beta2: field('beta2', d.beta2),
    steps: field('steps', d.steps),
    shown: shown ?? d.shown,
  };
}

/** The query string that restores `view` (viewFromQuery's inverse). */
export function queryOfView(view: PlaygroundView): string {
  const q = new URLSearchParams({
    f: view.surface,
    lr: String(view.lr),
    x: String(view.start[0]),
    y: String(view.start[1]),
    momentum: String(view.momentum),
    beta1: String(view.beta1),
    beta2: String(view.beta2),
    steps: String(view.steps),
  });
  if (view.surface === 'quadratic') q.set('condition', String(view.condition));
  if (view.shown.length !== OPTIMIZER_TYPES.length) q.set('opt', view.shown.join(','));
  return q.toString();
}

/** Checks one typed control value; the message says the bound it breaks. */
export function checkControl(key: keyof typeof FIELDS, raw: string): number | string {
  const parsed = FIELDS[key].safeParse(raw.trim() === '' ? undefined : raw);
  return parsed.success ? parsed.data : (parsed.error.issues[0]?.message ?? 'invalid');
}
