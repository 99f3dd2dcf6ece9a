// The benchmarks' own options (`sweepwise bench NAME ...`); the commands are declared on commander
// in main.ts.

/** A command line's positionals and `--flag` / `--flag value` / `--flag=value` options. */
export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
  /** Flags given any number of times (`--set a=1 --set b=2`), in order. */
  repeated: Map<string, string[]>;
}

/** Bad usage: the message says what was wrong and the usage line of the command. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** `--help` or `-h` among a benchmark's options: main prints the message (its usage) and exits 0. */
export class HelpRequest extends Error {
  override name = 'HelpRequest';
}

/**
 * `valued` lists the flags that take a value (`--parallel 4`); any other flag is a switch. A flag
 * the command does not know is an error, so a typo never silently changes what runs.
 */
export function parseArgs(
  argv: readonly string[],
  spec: {
    valued?: readonly string[];
    repeated?: readonly string[];
    switches?: readonly string[];
    usage: string;
  },
): ParsedArgs {
  const valued = spec.valued ?? [];
  const switches = spec.switches ?? [];
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  const repeated = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') throw new HelpRequest(`usage: ${spec.usage}`);
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (valued.includes(name) || spec.repeated?.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined)
        throw new UsageError(`--${name} needs a value\nusage: ${spec.usage}`);
      if (valued.includes(name)) flags.set(name, value);
      else repeated.set(name, [...(repeated.get(name) ?? []), value]);
    } else if (switches.includes(name) && inline === undefined) flags.set(name, true);
    else throw new UsageError(`unknown option --${name}\nusage: ${spec.usage}`);
  }
  return { positionals, flags, repeated };
}

/** A positive integer flag, or `fallback` when absent. */
export function intFlag(args: ParsedArgs, name: string, fallback: number): number {
  const raw = args.flags.get(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw === true || !Number.isInteger(value) || value < 1)
    throw new UsageError(`--${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  return value;
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const raw = args.flags.get(name);
  return typeof raw === 'string' ? raw : undefined;
}
