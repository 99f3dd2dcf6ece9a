/**
 * Every bad input this package sees ends here: the field that was wrong and why, so the engine's
 * config validation and the API can show it as is. `name` is set so the error survives a process
 * boundary (BullMQ sandboxed processors) as data.
 */
export class DataError extends Error {
  override readonly name = 'DataError';
  /** Dotted path of the offending field, e.g. `dataset.name`, `split.train`. */
  readonly field: string;

  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`);
    this.field = field;
  }
}

/** Thrown on any attempt to read the held-out test set outside a promotion. */
export class TestSetSealedError extends Error {
  override readonly name = 'TestSetSealedError';

  constructor(action: string) {
    super(
      `the test set is sealed: ${action} is refused. Test indices are opened only at promotion ` +
        'with unsealTestSet(split, { sweepId, trialId, sequence }); store describeSplit(split) instead.',
    );
  }
}
