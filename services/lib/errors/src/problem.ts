import type { DomainError } from './domain-error.js';
import { genericDetailFor, httpStatusFor, titleFor } from './error-mapping.js';

export const problemContentType = 'application/problem+json';

/** RFC 9457 problem details, as every HTTP error of the API is shaped. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: Array<{ path: string; message: string }>;
}

export function toProblem(error: DomainError, instance?: string): Problem {
  const status = httpStatusFor(error.code);
  const problem: Problem = {
    type: `urn:crm:problem:${error.code.replaceAll('_', '-')}`,
    title: titleFor(error.code),
    status,
    // Server-side failures never explain themselves to the client; their causes are logged.
    detail: status >= 500 ? genericDetailFor(error.code) : error.message,
  };
  if (instance) problem.instance = instance;
  if (error.fieldErrors.length > 0) problem.errors = error.fieldErrors.map((e) => ({ ...e }));
  return problem;
}
