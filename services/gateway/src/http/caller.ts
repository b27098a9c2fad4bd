import type { FastifyRequest } from 'fastify';
import type { Caller } from '@crm/grpc';

/**
 * The identity forwarded to services. Sign-in arrives with the identity capability; until then
 * every request is anonymous and services decide what anonymous callers may do.
 */
export function callerOf(_request: FastifyRequest): Caller {
  return { kind: 'anonymous' };
}
