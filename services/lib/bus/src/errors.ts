/** Base class of every error the bus raises, so callers can tell bus failures from their own. */
export class BusError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * The broker could not be reached or did not confirm in time. Retryable: the transactional outbox
 * keeps the row and tries again later.
 */
export class BusUnavailableError extends BusError {}

/** A request got no reply within its timeout. */
export class BusTimeoutError extends BusError {}

/** A request was sent to a subject nobody serves. */
export class BusNoRespondersError extends BusError {
  constructor(
    readonly subject: string,
    options?: ErrorOptions,
  ) {
    super(`no responders for ${subject}`, options);
  }
}

/** The responder ran but reported a failure. */
export class BusRequestError extends BusError {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

/** A stream or consumer operation was refused (unknown stream, overlapping subjects, …). */
export class BusConfigurationError extends BusError {}

/** A payload could not be decoded with the codec its content type names. */
export class MessageDecodeError extends BusError {
  constructor(
    message: string,
    readonly contentType: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
