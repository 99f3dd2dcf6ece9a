import { describe, expect, it } from 'vitest';
import { SpaceError, validateParams, validateSpace } from '../src/index.js';

const ISSUE_SPACE = {
  lr: { type: 'float', low: 1e-4, high: 0.1, log: true },
  layers: { type: 'int', low: 1, high: 4 },
  optimizer: { type: 'categorical', choices: ['sgd', 'adam'] },
  momentum: { type: 'float', low: 0, high: 0.99, when: { optimizer: ['sgd'] } },
  epochs: { type: 'constant', value: 20 },
};

function errorOf(json: unknown): SpaceError {
  try {
    validateSpace(json);
  } catch (e) {
    expect(e).toBeInstanceOf(SpaceError);
    return e as SpaceError;
  }
  throw new Error('expected a SpaceError');
}

describe('validateSpace', () => {
  it('accepts the issue space and orders parents first', () => {
    const { momentum, ...rest } = ISSUE_SPACE;
    const space = validateSpace({ momentum, ...rest });
    const names = space.parameters.map((p) => p.name);
    expect(names.indexOf('optimizer')).toBeLessThan(names.indexOf('momentum'));
    expect(names).toHaveLength(5);
  });

  it.each([
    [
      { lr: { type: 'float', low: 0.1, high: 0.01 } },
      'lr',
      'lr: low must be < high, got low=0.1 high=0.01',
    ],
    [
      { lr: { type: 'float', low: 0.1, high: 0.1 } },
      'lr',
      'lr: low must be < high, got low=0.1 high=0.1',
    ],
    [
      { lr: { type: 'float', low: 0, high: 1, log: true } },
      'lr',
      'lr: a log range must be above zero, got low=0',
    ],
    [{ n: { type: 'int', low: 1.5, high: 4 } }, 'n', 'n: low must be an integer, got 1.5'],
    [{ n: { type: 'int', low: 1, high: 4, step: 0 } }, 'n', 'n: step must be a number > 0, got 0'],
    [
      { n: { type: 'int', low: 1, high: 4, log: true, step: 1 } },
      'n',
      'n: step cannot be combined with log',
    ],
    [{ o: { type: 'categorical', choices: [] } }, 'o', 'o: choices must be a non-empty array'],
    [{ o: { type: 'categorical', choices: ['a', 'a'] } }, 'o', 'o: duplicate choice "a"'],
    [
      { o: { type: 'choice', choices: ['a'] } },
      'o',
      'o: type must be one of float, int, categorical, constant, got "choice"',
    ],
    [
      { o: { type: 'float', low: 0, high: 1, lgo: true } },
      'o',
      'o: unknown field "lgo" for a float parameter',
    ],
    [
      { m: { type: 'float', low: 0, high: 1, when: { opt: ['sgd'] } } },
      'm',
      'm: condition on unknown parameter "opt"',
    ],
    [
      {
        o: { type: 'categorical', choices: ['sgd'] },
        m: { type: 'float', low: 0, high: 1, when: { o: ['adam'] } },
      },
      'm',
      'm: when.o: "o" never takes the value "adam"',
    ],
    [
      {
        a: { type: 'categorical', choices: [1, 2], when: { b: [1] } },
        b: { type: 'categorical', choices: [1, 2], when: { a: [1] } },
      },
      'a',
      'a: conditions form a cycle',
    ],
  ])('rejects %j', (json, param, message) => {
    const err = errorOf(json);
    expect(err.param).toBe(param);
    expect(err.message).toBe(message);
  });

  it('checks given params against the space', () => {
    const space = validateSpace(ISSUE_SPACE);
    const ok = { lr: 0.01, layers: 2, optimizer: 'adam', epochs: 20 };
    expect(validateParams(space, ok)).toEqual(ok);
    expect(() => validateParams(space, { ...ok, momentum: 0.9 })).toThrow(
      'momentum: given but inactive under its condition',
    );
    expect(() => validateParams(space, { ...ok, optimizer: 'sgd' })).toThrow('momentum: missing');
    expect(() => validateParams(space, { ...ok, layers: 2.5 })).toThrow(
      'layers: illegal value 2.5',
    );
  });
});
