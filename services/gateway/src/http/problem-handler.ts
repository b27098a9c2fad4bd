import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import {
  DomainError,
  isDomainError,
  problemContentType,
  toProblem,
  type FieldError,
} from '@crm/errors';

type ValidationContext = 'body' | 'querystring' | 'params' | 'headers' | string;

/** Body fields are JSON pointers into the body (`/name`); other parts are prefixed (`/query/limit`). */
function fieldPath(
  context: ValidationContext | undefined,
  instancePath: string,
  missingKey?: string,
): string {
  const pointer = instancePath + (missingKey ? `/${missingKey}` : '');
  switch (context) {
    case 'body':
      return pointer || '/';
    case 'querystring':
      return `/query${pointer}`;
    case 'params':
      return `/params${pointer}`;
    default:
      return `/${context ?? 'request'}${pointer}`;
  }
}

function toFieldErrors(error: FastifyError): FieldError[] {
  const context = error.validationContext;
  return (error.validation ?? []).flatMap((issue) => {
    // fastify-type-provider-zod reports the zod issue code as the keyword, the rest as params.
    const instancePath = issue.instancePath === '/' ? '' : issue.instancePath;
    const params = issue.params as { keys?: unknown } | undefined;
    if (issue.keyword === 'unrecognized_keys' && Array.isArray(params?.keys)) {
      return params.keys.map((key) => ({
        path: fieldPath(context, instancePath, String(key)),
        message: 'is not a known field',
      }));
    }
    const message = issue.message ?? 'is not valid';
    return [
      {
        path: fieldPath(context, instancePath),
        message: /received undefined$/.test(message) ? 'is required' : message,
      },
    ];
  });
}

/** Framework errors that carry a 4xx status (bad JSON, wrong content type, body too large, …). */
function clientError(error: FastifyError): DomainError | undefined {
  const status = error.statusCode;
  if (!status || status < 400 || status >= 500) return undefined;
  if (status === 404) return new DomainError('not_found', 'No such resource.');
  if (status === 401) return new DomainError('unauthenticated', error.message);
  if (status === 403) return new DomainError('permission_denied', error.message);
  if (status === 429) return new DomainError('rate_limited', error.message);
  return new DomainError('validation_failed', error.message);
}

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  error: DomainError,
): FastifyReply {
  const problem = toProblem(error, request.url.split('?')[0]);
  return reply.code(problem.status).type(problemContentType).send(problem);
}

/** Every error leaves the gateway as problem+json; nothing internal (stack, SQL) crosses it. */
export function registerProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      return sendProblem(reply, request, DomainError.validation(toFieldErrors(error)));
    }
    if (isDomainError(error)) {
      if (error.code === 'internal' || error.code === 'unavailable') {
        request.log.error({ err: error.cause ?? error }, 'downstream failure');
      }
      return sendProblem(reply, request, error);
    }
    const known = clientError(error);
    if (known) return sendProblem(reply, request, known);
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, request, new DomainError('internal', 'Internal error'));
  });
}
