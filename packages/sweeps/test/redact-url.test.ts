import { describe, expect, it } from 'vitest';
import { redactUrlPasswords } from '../src/index.js';

describe('redactUrlPasswords', () => {
  it('hides the password of every URL in a text and keeps the rest', () => {
    expect(
      redactUrlPasswords(
        'connect to postgresql://ana:s3cr%40t@db.example:5432/sweeps failed; ' +
          'redis://:r3d@127.0.0.1:6379 and rediss://default:pw@cache:6380/0 too',
      ),
    ).toBe(
      'connect to postgresql://ana:***@db.example:5432/sweeps failed; ' +
        'redis://:***@127.0.0.1:6379 and rediss://default:***@cache:6380/0 too',
    );
  });

  it('leaves URLs without a password alone', () => {
    const text = 'postgresql://postgres@127.0.0.1:5432/sweepwise http://127.0.0.1:3000/login';
    expect(redactUrlPasswords(text)).toBe(text);
  });
});
