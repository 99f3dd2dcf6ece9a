import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createWebLogger, requestLogFields } from '../lib/log';

describe('the web log', () => {
  it('writes JSON lines with the request and the sweep or trial it names, at its level', () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
        done();
      },
    });
    const log = createWebLogger('warn', sink);
    const req = new Request('http://127.0.0.1:3000/api/v1/sweeps/sw1/start', { method: 'POST' });
    log.error(requestLogFields(req, { id: 'sw1' }), 'db at postgresql://u:secret@db/x is down');
    log.info('below the level');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 50,
        service: 'web',
        method: 'POST',
        path: '/api/v1/sweeps/sw1/start',
        sweepId: 'sw1',
        msg: 'db at postgresql://u:***@db/x is down',
      }),
    ]);
    const trial = new Request('http://127.0.0.1:3000/api/v1/trials/t9/report', { method: 'POST' });
    expect(requestLogFields(trial, { id: 't9' })).toEqual({
      method: 'POST',
      path: '/api/v1/trials/t9/report',
      trialId: 't9',
    });
  });
});
