#!/usr/bin/env node
// Entry of the `sweepwise` command. Benchmarks live one per file in ./bench/<name>.ts and export
// `run(options)`, printing JSON lines on stdout when --json is given.
const [command, ...rest] = process.argv.slice(2);

async function main(): Promise<void> {
  if (command === 'bench') {
    const [name, ...args] = rest;
    if (!name || !/^[a-z-]+$/.test(name)) throw new Error('usage: sweepwise bench <name> [--json]');
    const mod = (await import(`./bench/${name}.js`).catch(() => null)) as {
      run(options: { json: boolean; args: string[] }): Promise<void>;
    } | null;
    if (!mod) throw new Error(`unknown benchmark "${name}"`);
    await mod.run({ json: args.includes('--json'), args: args.filter((a) => a !== '--json') });
    return;
  }
  throw new Error(`unknown command "${command ?? ''}"; try: sweepwise bench <name> --json`);
}

main().catch((err: unknown) => {
  console.error(`sweepwise: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
