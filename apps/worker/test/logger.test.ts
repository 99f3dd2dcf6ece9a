import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, logTo } from '../src/logger.js';

/** A logger writing into an array of parsed JSON lines. */
function captured(env: NodeJS.ProcessEnv) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, log: logTo(createLogger('w-7', env, sink)) };
}

describe('the worker logger', () => {
  it('writes JSON lines with the worker, sweep and trial ids as fields, at LOG_LEVEL', () => {
    const { lines, log } = captured({ LOG_LEVEL: 'warn' });
    log('trial 3: not allowed', { sweepId: 's1', trialId: 't3', level: 'warn' });
    log('an info line, below the level');
    log('lost', { sweepId: 's1', level: 'error' });
    expect(lines).toMatchObject([
      { level: 40, workerId: 'w-7', sweepId: 's1', trialId: 't3', msg: 'trial 3: not allowed' },
      { level: 50, workerId: 'w-7', sweepId: 's1', msg: 'lost' },
    ]);
    expect(typeof lines[0].time).toBe('number');
  });

  it('logs at info by default and never prints a URL password', () => {
    const { lines, log } = captured({});
    log('Postgres at postgresql://app:hunter2@db:5432/x is down');
    expect(lines).toHaveLength(1);
    expect(lines[0].level).toBe(30);
    expect(lines[0].msg).toBe('Postgres at postgresql://app:***@db:5432/x is down');
  });

  it('refuses an unknown LOG_LEVEL, naming it', () => {
    expect(() => createLogger('w', { LOG_LEVEL: 'loud' })).toThrow(
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
    );
  });
});
