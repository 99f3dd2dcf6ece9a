import { mkdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';

/**
 * Where checkpoint bytes live when they are not inline in Postgres: the row's `storageKey` names
 * them. Rows written before a store existed keep their bytes in `data` and stay readable.
 */
export interface CheckpointStore {
  /** Stores the bytes under a key derived from the trial and step, and returns the key. */
  put(trialId: string, step: number, data: Uint8Array): Promise<string>;
  /** The bytes of a key, or null when they are gone (e.g. written on another machine's disk). */
  get(key: string): Promise<Uint8Array | null>;
  /** Removes the bytes of these keys; missing ones are fine. */
  delete(keys: readonly string[]): Promise<void>;
}

const KEY = /^[\w-]+\/\d+\.ckpt$/;

/**
 * Checkpoints as files `<dir>/<trialId>/<step>.ckpt`, written to a temporary name and renamed, so
 * a reader never sees half a file. Workers on several machines need `dir` on a shared file system
 * (or SWEEPWISE_CHECKPOINT_STORE=postgres): a retry elsewhere that cannot read the file starts over.
 */
export class FileCheckpointStore implements CheckpointStore {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  private path(key: string): string {
    // Keys come from our rows, but a path outside the directory is never touched.
    if (!KEY.test(key)) throw new Error(`not a checkpoint storage key: ${JSON.stringify(key)}`);
    const path = join(this.dir, key);
    if (!path.startsWith(this.dir + sep)) throw new Error(`checkpoint key ${key} leaves the store`);
    return path;
  }

  async put(trialId: string, step: number, data: Uint8Array): Promise<string> {
    const key = `${trialId}/${step}.ckpt`;
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temporary, data);
    await rename(temporary, path);
    return key;
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      return new Uint8Array(await readFile(this.path(key)));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async delete(keys: readonly string[]): Promise<void> {
    const dirs = new Set<string>();
    for (const key of keys) {
      const path = this.path(key);
      await rm(path, { force: true });
      dirs.add(dirname(path));
    }
    // A trial's directory goes with its last checkpoint.
    for (const dir of dirs) await rmdir(dir).catch(() => undefined);
  }
}

/**
 * The store the environment asks for: SWEEPWISE_CHECKPOINT_STORE `file` (default) in
 * SWEEPWISE_CHECKPOINT_DIR (default `<state dir>/checkpoints`, the state dir being
 * SWEEPWISE_STATE_DIR or ~/.sweepwise), or `postgres` (null: bytes inline, as before).
 */
export function checkpointStoreFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): CheckpointStore | null {
  const kind = env.SWEEPWISE_CHECKPOINT_STORE || 'file';
  if (kind === 'postgres') return null;
  if (kind !== 'file') {
    throw new Error(
      `SWEEPWISE_CHECKPOINT_STORE must be file or postgres, got ${JSON.stringify(kind)}`,
    );
  }
  const stateDir = env.SWEEPWISE_STATE_DIR || join(homedir(), '.sweepwise');
  return new FileCheckpointStore(env.SWEEPWISE_CHECKPOINT_DIR || join(stateDir, 'checkpoints'));
}
