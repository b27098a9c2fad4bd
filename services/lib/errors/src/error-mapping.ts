import { status } from '@grpc/grpc-js';
import type { ErrorCode } from './domain-error.js';

function assertNever(value: never): never {
  throw new Error(`Unmapped error code: ${String(value)}`);
}

/** Domain → gRPC. Exhaustive: adding an ErrorCode without a mapping fails to compile. */
export function grpcStatusFor(code: ErrorCode): status {
  switch (code) {
    case 'validation_failed':
      return status.INVALID_ARGUMENT;
    case 'not_found':
      return status.NOT_FOUND;
    case 'already_exists':
      return status.ALREADY_EXISTS;
    case 'conflict':
      return status.ABORTED;
    case 'failed_precondition':
      return status.FAILED_PRECONDITION;
    case 'unauthenticated':
      return status.UNAUTHENTICATED;
    case 'permission_denied':
      return status.PERMISSION_DENIED;
    case 'rate_limited':
      return status.RESOURCE_EXHAUSTED;
    case 'unavailable':
      return status.UNAVAILABLE;
    case 'deadline_exceeded':
      return status.DEADLINE_EXCEEDED;
    case 'internal':
      return status.INTERNAL;
    default:
      return assertNever(code);
  }
}

/** gRPC → domain, for statuses that arrive without our error-code trailer (e.g. from grpc-js itself). */
export function errorCodeForGrpcStatus(grpcStatus: status): ErrorCode {
  switch (grpcStatus) {
    case status.INVALID_ARGUMENT:
    case status.OUT_OF_RANGE:
      return 'validation_failed';
    case status.NOT_FOUND:
      return 'not_found';
    case status.ALREADY_EXISTS:
      return 'already_exists';
    case status.ABORTED:
      return 'conflict';
    case status.FAILED_PRECONDITION:
      return 'failed_precondition';
    case status.UNAUTHENTICATED:
      return 'unauthenticated';
    case status.PERMISSION_DENIED:
      return 'permission_denied';
    case status.UNAVAILABLE:
    case status.CANCELLED:
      return 'unavailable';
    case status.DEADLINE_EXCEEDED:
      return 'deadline_exceeded';
    // Without our trailer, RESOURCE_EXHAUSTED comes from grpc-js itself (e.g. a message over the size
    // limit), not from a rate limiter: retrying would not help.
    case status.RESOURCE_EXHAUSTED:
    case status.OK:
    case status.UNKNOWN:
    case status.UNIMPLEMENTED:
    case status.INTERNAL:
    case status.DATA_LOSS:
      return 'internal';
    default:
      return assertNever(grpcStatus);
  }
}

/** Domain → HTTP status. Exhaustive, like the gRPC mapping. */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case 'validation_failed':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'permission_denied':
      return 403;
    case 'not_found':
      return 404;
    case 'already_exists':
    case 'conflict':
    case 'failed_precondition':
      return 409;
    case 'rate_limited':
      return 429;
    case 'internal':
      return 500;
    case 'unavailable':
      return 503;
    case 'deadline_exceeded':
      return 504;
    default:
      return assertNever(code);
  }
}

/** Short, stable, human title for problem+json `title`. */
export function titleFor(code: ErrorCode): string {
  switch (code) {
    case 'validation_failed':
      return 'Invalid request';
    case 'not_found':
      return 'Not found';
    case 'already_exists':
      return 'Already exists';
    case 'conflict':
      return 'Conflict';
    case 'failed_precondition':
      return 'Precondition failed';
    case 'unauthenticated':
      return 'Authentication required';
    case 'permission_denied':
      return 'Forbidden';
    case 'rate_limited':
      return 'Too many requests';
    case 'unavailable':
      return 'Service unavailable';
    case 'deadline_exceeded':
      return 'Timed out';
    case 'internal':
      return 'Internal error';
    default:
      return assertNever(code);
  }
}

/**
 * What callers are told for failures that are not theirs to fix. Transport messages (addresses,
 * driver errors) stay in the logs.
 */
export function genericDetailFor(code: ErrorCode): string {
  switch (code) {
    case 'internal':
      return 'An unexpected error occurred.';
    case 'unavailable':
      return 'A service the request needs is unavailable; try again shortly.';
    case 'deadline_exceeded':
      return 'The request took too long; try again shortly.';
    case 'validation_failed':
      return 'The request is not valid.';
    case 'not_found':
      return 'The resource was not found.';
    case 'already_exists':
      return 'The resource already exists.';
    case 'conflict':
      return 'The resource was changed by someone else.';
    case 'failed_precondition':
      return 'The request cannot be carried out in the current state.';
    case 'unauthenticated':
      return 'Authentication is required.';
    case 'permission_denied':
      return 'You are not allowed to do this.';
    case 'rate_limited':
      return 'Too many requests; slow down.';
    default:
      return assertNever(code);
  }
}
