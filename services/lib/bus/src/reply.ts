import { BusRequestError } from './errors.js';

/** NATS micro-service convention for a failed reply. */
export const SERVICE_ERROR_HEADER = 'Nats-Service-Error';
export const SERVICE_ERROR_CODE_HEADER = 'Nats-Service-Error-Code';

/**
 * What a requester learns about a failed handler: a `BusRequestError` thrown on purpose passes
 * through; anything else becomes a generic 500 so internals never leave the service.
 */
export function replyFailure(error: unknown): { message: string; code: number } {
  if (error instanceof BusRequestError) return { message: error.message, code: error.code };
  return { message: 'responder failed', code: 500 };
}
