import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { STATUS_CODES } from 'node:http';
import { CsrfError } from './access.js';
import { HttpRefusal } from './http-refusal.js';
import {
  DomainError,
  isDomainError,
  problemContentType,
  toProblem,
  type FieldError,
  type Problem,
} from '@crm/errors';

/**
 * A JSON pointer to the field at fault: into the body for bodies (`/name`), and the parameter's
 * name for query and path parameters (`/limit`), matching what the services report.
 */
function fieldPath(instancePath: string, missingKey?: string): string {
  return instancePath + (missingKey ? `/${missingKey}` : '') || '/';
}

function toFieldErrors(error: FastifyError): FieldError[] {
  return (error.validation ?? []).flatMap((issue) => {
    // fastify-type-provider-zod reports the zod issue code as the keyword, the rest as params.
    const instancePath = issue.instancePath === '/' ? '' : issue.instancePath;
    const params = issue.params as { keys?: unknown } | undefined;
    if (issue.keyword === 'unrecognized_keys' && Array.isArray(params?.keys)) {
      return params.keys.map((key) => ({
        path: fieldPath(instancePath, String(key)),
        message: 'is not a known field',
      }));
    }
    const message = issue.message ?? 'is not valid';
    return [
      {
        path: fieldPath(instancePath),
        message: /received undefined$/.test(message) ? 'is required' : message,
      },
    ];
  });
}

/**
 * Framework errors that carry a 4xx status (bad JSON, wrong content type, body too large, …) keep
 * their status; only a plain 400 is a validation problem.
 */
function frameworkProblem(error: FastifyError, instance: string): Problem | undefined {
  const status = error.statusCode;
  if (!status || status < 400 || status >= 500) return undefined;
  if (status === 400)
    return toProblem(new DomainError('validation_failed', error.message), instance);
  if (status === 404) return toProblem(new DomainError('not_found', 'No such resource.'), instance);
  const title = STATUS_CODES[status] ?? 'Client error';
  return {
    type: `urn:crm:problem:http-${status}`,
    title,
    status,
    detail: error.message,
    instance,
  };
}

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  error: DomainError,
): FastifyReply {
  const problem = toProblem(error, pathOf(request));
  return reply.code(problem.status).type(problemContentType).send(problem);
}

function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? '/';
}

/** Every error leaves the gateway as problem+json; nothing internal (stack, SQL) crosses it. */
export function registerProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      return sendProblem(reply, request, DomainError.validation(toFieldErrors(error)));
    }
    if (error instanceof CsrfError) {
      const problem: Problem = {
        type: 'urn:crm:problem:csrf',
        title: 'Forbidden',
        status: 403,
        detail: error.message,
        instance: pathOf(request),
      };
      return reply.code(403).type(problemContentType).send(problem);
    }
    if (error instanceof HttpRefusal) {
      const problem: Problem = {
        type: `urn:crm:problem:http-${error.status}`,
        title: STATUS_CODES[error.status] ?? 'Client error',
        status: error.status,
        detail: error.message,
        instance: pathOf(request),
      };
      if (error.fieldErrors.length > 0) problem.errors = error.fieldErrors.map((e) => ({ ...e }));
      return reply.code(error.status).type(problemContentType).send(problem);
    }
    if (isDomainError(error)) {
      if (error.retryAfterSeconds !== undefined)
        reply.header('retry-after', String(error.retryAfterSeconds));
      if (error.code === 'internal' || error.code === 'unavailable') {
        request.log.error({ err: error.cause ?? error }, 'downstream failure');
      }
      return sendProblem(reply, request, error);
    }
    const framework = frameworkProblem(error, pathOf(request));
    if (framework) return reply.code(framework.status).type(problemContentType).send(framework);
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, request, new DomainError('internal', 'Internal error'));
  });
}
