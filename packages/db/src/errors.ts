/** A row that does not exist; the web maps it to 404. `name` is set so it survives as data. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id} not found`);
  }
}

/** A status change that the current status does not allow; the web maps it to 409. */
export class SweepStateError extends Error {
  override name = 'SweepStateError';
}
