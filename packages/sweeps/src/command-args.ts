/**
 * `${args}` in a command's argument list: one argument per active parameter, so a script that
 * reads its settings with argparse (or Hydra) runs unchanged, and a conditional parameter that is
 * inactive in a trial is left out. The forms are the W&B agent's (wandb_agent.py): `${args}`
 * gives `--lr=0.01`, `${args_no_hyphens}` `lr=0.01`, `${args_no_boolean_flags}` `--flag` for true
 * and nothing for false, `${args_json}` one JSON argument.
 */

export const ARGS_MACROS = [
  '${args}',
  '${args_no_hyphens}',
  '${args_no_boolean_flags}',
  '${args_json}',
] as const;

/** A value as a command line writes it: strings as they are, numbers in full precision. */
export function argText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The arguments an `${args...}` word stands for, or null for any other word. */
export function expandArgsMacro(
  word: string,
  params: Readonly<Record<string, unknown>>,
): string[] | null {
  const entries = Object.entries(params);
  switch (word) {
    case '${args}':
      return entries.map(([k, v]) => `--${k}=${argText(v)}`);
    case '${args_no_hyphens}':
      return entries.map(([k, v]) => `${k}=${argText(v)}`);
    case '${args_no_boolean_flags}':
      return entries.flatMap(([k, v]) =>
        v === true ? [`--${k}`] : v === false ? [] : [`--${k}=${argText(v)}`],
      );
    case '${args_json}':
      return [JSON.stringify(params)];
    default:
      return null;
  }
}
