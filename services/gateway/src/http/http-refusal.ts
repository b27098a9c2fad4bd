import type { FieldError } from '@crm/errors';

/**
 * A refusal HTTP has its own status for and the shared error codes do not name: an upload over
 * its size limit (413) or of a type the API does not take (415).
 */
export class HttpRefusal extends Error {
  constructor(
    readonly status: 413 | 415,
    message: string,
    readonly fieldErrors: readonly FieldError[] = [],
  ) {
    super(message);
    this.name = 'HttpRefusal';
  }
}
