import { z } from 'zod';

/**
 * A command's `env`: each value is text, or `{ value, secret: true }` for a value that is never
 * shown again (reads and exports of the sweep give `{ secret: true }` without it; the worker's
 * child gets the value).
 */
export type CommandEnvValue = string | { value?: string; secret?: boolean };
export type CommandEnv = Record<string, CommandEnvValue>;

/** The most a sweep's command may set, and how long one name or value may be. */
export const COMMAND_ENV_LIMITS = { variables: 100, nameLength: 200, valueLength: 10_000 } as const;

/**
 * Variables that make a program load or run code other than its own, so a sweep could run code
 * inside a program a worker allows (`--allow-programs`) or in everything that program starts.
 * Sources: ld.so(8) (LD_*), dyld(1) (DYLD_*), glibc iconv (GCONV_PATH), node(1) (NODE_OPTIONS
 * --require), python(1) (startup file, module path, warnings/breakpoint hooks that import),
 * perlrun(1) (PERL5OPT -M, PERL5LIB, PERL5DB), ruby(1) (RUBYOPT -r, RUBYLIB), bash(1) (BASH_ENV,
 * ENV, exported BASH_FUNC_ functions, PS4 in xtrace), the JVM (JAVA_TOOL_OPTIONS -javaagent).
 * PATH is here too: it decides which binary a program name such as `python3` starts.
 */
const LOADER_VARIABLES = new Set([
  'PATH',
  'GCONV_PATH',
  'NODE_OPTIONS',
  'NODE_PATH',
  'PYTHONSTARTUP',
  'PYTHONPATH',
  'PYTHONHOME',
  'PYTHONUSERBASE',
  'PYTHONWARNINGS',
  'PYTHONBREAKPOINT',
  'PERL5OPT',
  'PERL5LIB',
  'PERLLIB',
  'PERL5DB',
  'RUBYOPT',
  'RUBYLIB',
  'BASH_ENV',
  'ENV',
  'SHELLOPTS',
  'PS4',
  'JAVA_TOOL_OPTIONS',
  '_JAVA_OPTIONS',
  'JDK_JAVA_OPTIONS',
]);
const LOADER_PREFIXES = ['LD_', 'DYLD_', 'BASH_FUNC_'];

/** Why a sweep may not set this variable, or null when it may. */
export function refusedEnvName(name: string): string | null {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
    return 'must be a variable name: letters, digits and _, not starting with a digit';
  if (LOADER_VARIABLES.has(name) || LOADER_PREFIXES.some((p) => name.startsWith(p)))
    return `${name} makes programs load or run other code, so a sweep cannot set it`;
  return null;
}

/** An argument or environment value: a number or boolean (as YAML reads `--lr 0.1`) is its text. */
export const text = (max: number) =>
  z.union([z.string().max(max), z.number(), z.boolean()]).transform((v) => String(v));

const plainValue = text(COMMAND_ENV_LIMITS.valueLength);
const secretValue = z
  .object({
    // An export leaves a secret's value out: a file made from one must give it again.
    value: z
      .string({ error: 'is required (exports leave secret values out: give it again)' })
      .max(COMMAND_ENV_LIMITS.valueLength),
    secret: z.boolean().default(false),
  })
  .strict();

/** Text or `{ value, secret }`, with the errors of the form given (a union says "Invalid input"). */
const envValue = z.unknown().transform((v, ctx): CommandEnvValue => {
  const result = (
    typeof v === 'object' && v !== null && !Array.isArray(v) ? secretValue : plainValue
  ).safeParse(v);
  if (result.success) return result.data;
  for (const issue of result.error.issues)
    ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  return z.NEVER;
});

/** The `env` of a command workload; names and bounds checked, each error on its variable. */
export const commandEnvSchema = z
  .record(z.string().max(COMMAND_ENV_LIMITS.nameLength), envValue)
  .superRefine((env, ctx) => {
    const names = Object.keys(env);
    if (names.length > COMMAND_ENV_LIMITS.variables) {
      ctx.addIssue({
        code: 'custom',
        message: `must have <= ${COMMAND_ENV_LIMITS.variables} variables`,
      });
      return;
    }
    for (const name of names) {
      const refused = refusedEnvName(name);
      if (refused) ctx.addIssue({ code: 'custom', path: [name], message: refused });
    }
  })
  .default({});

/** The values a command's child gets. */
export function commandEnvValues(env: CommandEnv | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env ?? {}).map(([name, v]) => [
      name,
      typeof v === 'string' ? v : (v.value ?? ''),
    ]),
  );
}

/** The env as every read and export shows it: secret values left out. */
export function redactCommandEnv(env: CommandEnv | undefined): CommandEnv {
  return Object.fromEntries(
    Object.entries(env ?? {}).map(([name, v]) =>
      typeof v === 'object' && v.secret ? [name, { secret: true }] : [name, v],
    ),
  );
}

/** A stored workload with its command's secret values left out; other workloads as they are. */
export function redactWorkload<W>(workload: W): W {
  const command = (workload as { command?: { env?: CommandEnv } } | null)?.command;
  if (!command?.env) return workload;
  return { ...workload, command: { ...command, env: redactCommandEnv(command.env) } };
}
