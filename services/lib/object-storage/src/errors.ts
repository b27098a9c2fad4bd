import { DomainError } from '@crm/errors';

/*
 * Storage failures are DomainErrors so a service can let them propagate: the transports already
 * map `not_found` and `validation_failed` to the right gRPC and HTTP statuses.
 */

export class ObjectNotFoundError extends DomainError {
  constructor(
    readonly key: string,
    options: { cause?: unknown } = {},
  ) {
    super('not_found', `Object ${key} was not found.`, options);
    this.name = 'ObjectNotFoundError';
  }
}

export class ObjectTooLargeError extends DomainError {
  constructor(
    readonly key: string,
    readonly maxBytes: number,
  ) {
    super('validation_failed', `The object is larger than the limit of ${maxBytes} bytes.`, {
      fieldErrors: [{ path: '/body', message: `must be at most ${maxBytes} bytes` }],
    });
    this.name = 'ObjectTooLargeError';
  }
}

/** The body ended after fewer (or more) bytes than its declared `contentLength`. */
export class ObjectSizeMismatchError extends DomainError {
  constructor(
    readonly key: string,
    readonly declaredBytes: number,
    readonly actualBytes: number,
  ) {
    super(
      'validation_failed',
      `The object was declared as ${declaredBytes} bytes but ${actualBytes} were received.`,
      { fieldErrors: [{ path: '/body', message: `expected ${declaredBytes} bytes` }] },
    );
    this.name = 'ObjectSizeMismatchError';
  }
}

export class InvalidObjectKeyError extends DomainError {
  constructor(
    readonly key: string,
    readonly reason: string,
  ) {
    super('validation_failed', `Invalid object key: ${reason}.`, {
      fieldErrors: [{ path: '/key', message: reason }],
    });
    this.name = 'InvalidObjectKeyError';
  }
}

export class InvalidObjectMetadataError extends DomainError {
  constructor(readonly reason: string) {
    super('validation_failed', `Invalid object metadata: ${reason}.`, {
      fieldErrors: [{ path: '/metadata', message: reason }],
    });
    this.name = 'InvalidObjectMetadataError';
  }
}

export class ContentTypeNotAllowedError extends DomainError {
  constructor(
    readonly declaredType: string,
    /** What the bytes look like, when they could be identified. */
    readonly detectedType: string | undefined,
    readonly reason: string,
  ) {
    super('validation_failed', `Content type not allowed: ${reason}.`, {
      fieldErrors: [{ path: '/contentType', message: reason }],
    });
    this.name = 'ContentTypeNotAllowedError';
  }
}
