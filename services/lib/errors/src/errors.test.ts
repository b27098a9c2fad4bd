import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import {
  DomainError,
  errorCodes,
  EXTENSIONS_MAX_BYTES,
  FIELD_ERRORS_MAX_BYTES,
} from './domain-error.js';
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

  it('carries extensions and the problem type across a gRPC hop', () => {
    const stale = DomainError.staleVersion('Account', 7, { id: 'a1', name: 'Acme', tags: ['x'] });
    const received = fromServiceError(asServiceError(stale));
    expect(received.code).toBe('conflict');
    expect(received.extensions).toEqual({
      currentVersion: 7,
      current: { id: 'a1', name: 'Acme', tags: ['x'] },
    });
    const duplicate = fromServiceError(
      asServiceError(DomainError.duplicates('Acme exists.', [{ id: 'a1' }])),
    );
    expect(duplicate).toMatchObject({
      code: 'already_exists',
      problemType: 'duplicate',
      extensions: { duplicates: [{ id: 'a1' }] },
    });
    expect(fromServiceError(asServiceError(new DomainError('not_found', 'x'))).extensions).toEqual(
      {},
    );
  });

  it('leaves out the largest extensions when they are too large for trailers', () => {
    const huge = DomainError.staleVersion('Account', 2, {
      notes: 'x'.repeat(EXTENSIONS_MAX_BYTES),
    });
    const received = fromServiceError(asServiceError(huge));
    expect(received.code).toBe('conflict');
    expect(received.message).toContain('version 2');
    expect(received.extensions).toEqual({ currentVersion: 2 });
  });

  it('keeps the first field errors that fit their trailer, and at least the first', () => {
    const many = DomainError.validation(
      Array.from({ length: 10_000 }, (_, i) => ({ path: `/ownerId`, message: `bob${i} is no id` })),
    );
    const trailer = toServiceError(many).metadata.get('crm-field-errors-bin')[0] as Buffer;
    expect(trailer.length).toBeLessThanOrEqual(FIELD_ERRORS_MAX_BYTES);
    const received = fromServiceError(asServiceError(many));
    expect(received.code).toBe('validation_failed');
    expect(received.fieldErrors.length).toBeGreaterThan(100);
    expect(received.fieldErrors).toEqual(many.fieldErrors.slice(0, received.fieldErrors.length));

    const huge = DomainError.validation([
      { path: '/name', message: `"${'ü'.repeat(FIELD_ERRORS_MAX_BYTES)}" is too long` },
      { path: '/domain', message: 'must be a host name' },
    ]);
    const [first, ...rest] = fromServiceError(asServiceError(huge)).fieldErrors;
    expect(rest).toEqual([]);
    expect(first?.path).toBe('/name');
    expect(first?.message).toMatch(/^"ü+…$/);
    expect(Buffer.byteLength(JSON.stringify([first]))).toBeLessThanOrEqual(FIELD_ERRORS_MAX_BYTES);
  });

  it('names as many duplicates as trailers can carry', () => {
    const record = { id: 'a', notes: 'ü'.repeat(5_000) };
    const error = DomainError.duplicates(
      'Taken.',
      Array.from({ length: 10 }, () => record),
    );
    const named = error.extensions.duplicates as unknown[];
    expect(named.length).toBeGreaterThan(0);
    expect(named.length).toBeLessThan(10);
    expect(fromServiceError(asServiceError(error)).extensions.duplicates).toEqual(named);
  });

  it('ignores malformed extension and problem type trailers', () => {
    const wire = toServiceError(new DomainError('conflict', 'changed'));
    wire.metadata.set('crm-error-extensions-bin', Buffer.from('[1,2]'));
    wire.metadata.set('crm-problem-type', 'Not A Reason!');
    const received = fromServiceError(Object.assign(new Error('10 ABORTED'), wire) as ServiceError);
    expect(received.extensions).toEqual({});
    expect(received.problemType).toBeUndefined();
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

  it('renders extensions as members, never over the standard ones, and names the problem type', () => {
    const problem = toProblem(
      new DomainError('already_exists', 'Acme exists.', {
        problemType: 'duplicate',
        extensions: {
          duplicates: [{ id: 'a1' }],
          status: 200,
          type: 'about:blank',
          detail: 'fine',
          title: 'OK',
          errors: [],
          instance: '/elsewhere',
        },
      }),
      '/api/v1/accounts',
    );
    expect(problem).toEqual({
      type: 'urn:crm:problem:duplicate',
      title: 'Already exists',
      status: 409,
      detail: 'Acme exists.',
      instance: '/api/v1/accounts',
      duplicates: [{ id: 'a1' }],
    });
    const conflict = toProblem(DomainError.staleVersion('Account', 3, { id: 'a1' }));
    expect(conflict).toMatchObject({
      type: 'urn:crm:problem:conflict',
      status: 409,
      currentVersion: 3,
      current: { id: 'a1' },
    });
  });

  it('keeps a prototype-named extension from touching the problem object', () => {
    const extensions = JSON.parse('{"__proto__": {"polluted": true}, "ok": 1}') as Record<
      string,
      number
    >;
    const problem = toProblem(new DomainError('conflict', 'x', { extensions }));
    expect(problem.ok).toBe(1);
    expect(Object.getPrototypeOf(problem)).toBe(Object.prototype);
  });

  it('keeps extensions of server-side failures out of problem+json', () => {
    const problem = toProblem(
      new DomainError('internal', 'x', { extensions: { query: 'select' } }),
    );
    expect(problem).not.toHaveProperty('query');
  });

  it('copies an error with other extensions', () => {
    const original = DomainError.duplicates('Acme exists.', [{ id: 'a1' }]);
    const copy = original.withExtensions({ duplicates: [{ id: 'a1', name: 'Acme' }] });
    expect(copy).toMatchObject({
      code: 'already_exists',
      problemType: 'duplicate',
      message: 'Acme exists.',
      extensions: { duplicates: [{ id: 'a1', name: 'Acme' }] },
    });
    expect(() => new DomainError('conflict', 'x', { problemType: 'Bad Reason' })).toThrow();
  });
});
