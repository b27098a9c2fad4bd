import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { DomainError, errorCodes } from './domain-error.js';
import { errorCodeForGrpcStatus, grpcStatusFor, httpStatusFor } from './error-mapping.js';
import { fromServiceError, toServiceError } from './grpc-transport.js';
import { toProblem } from './problem.js';

function asServiceError(error: DomainError): ServiceError {
  const wire = toServiceError(error);
  return Object.assign(new Error(`${wire.code} ${wire.details}`), wire) as ServiceError;
}

describe('error mapping', () => {
  it.each(errorCodes)('%s survives a gRPC hop with its field errors', (code) => {
    const original = new DomainError(code, 'message for ' + code, {
      fieldErrors: code === 'validation_failed' ? [{ path: '/name', message: 'is required' }] : [],
    });
    const received = fromServiceError(asServiceError(original));
    expect(received.code).toBe(code);
    expect(received.fieldErrors).toEqual(original.fieldErrors);
  });

  it('every code maps to a gRPC status that maps back to it, or to a shared status', () => {
    for (const code of errorCodes) {
      const grpcStatus = grpcStatusFor(code);
      expect(Object.values(status)).toContain(grpcStatus);
      expect(errorCodes).toContain(errorCodeForGrpcStatus(grpcStatus));
    }
  });

  it('falls back to the gRPC status when the trailer is missing, without its transport text', () => {
    const bare = Object.assign(new Error('14 UNAVAILABLE: connect'), {
      code: status.UNAVAILABLE,
      details: 'No connection established. Last error: connect ECONNREFUSED 127.0.0.1:35859',
      metadata: new Metadata(),
    }) as ServiceError;
    const error = fromServiceError(bare);
    expect(error.code).toBe('unavailable');
    expect(error.message).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
  });

  it('carries Retry-After across a gRPC hop', () => {
    const limited = new DomainError('rate_limited', 'Too many attempts.', {
      retryAfterSeconds: 42,
    });
    expect(fromServiceError(asServiceError(limited)).retryAfterSeconds).toBe(42);
  });

  it('does not treat grpc-js size limits as rate limiting', () => {
    expect(errorCodeForGrpcStatus(status.RESOURCE_EXHAUSTED)).toBe('internal');
  });

  it('gives every 5xx problem a fixed detail', () => {
    for (const code of ['internal', 'unavailable', 'deadline_exceeded'] as const) {
      const problem = toProblem(new DomainError(code, 'connect ECONNREFUSED 10.0.0.7:50051'));
      expect(problem.status).toBeGreaterThanOrEqual(500);
      expect(problem.detail).not.toContain('10.0.0.7');
    }
  });

  it('hides internal details on the wire and in problem+json', () => {
    const error = new DomainError('internal', 'relation "accounts" does not exist');
    expect(toServiceError(error).details).toBe('Internal error');
    expect(JSON.stringify(toProblem(error))).not.toContain('relation');
  });

  it('renders validation problems with the fields at fault', () => {
    const problem = toProblem(
      DomainError.validation([{ path: '/domain', message: 'must be a host name' }]),
      '/api/v1/accounts',
    );
    expect(problem).toEqual({
      type: 'urn:crm:problem:validation-failed',
      title: 'Invalid request',
      status: 400,
      detail: 'The request is not valid.',
      instance: '/api/v1/accounts',
      errors: [{ path: '/domain', message: 'must be a host name' }],
    });
    expect(httpStatusFor('not_found')).toBe(404);
  });
});
