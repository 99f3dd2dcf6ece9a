/**
 * A trial config that cannot run, found before any training: `field` is the dotted path
 * (`optimizer.lr`, `model.hidden.0`) and the message says why. `name` is set so the error survives
 * a process boundary as data.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
