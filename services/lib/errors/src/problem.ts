import type { DomainError } from './domain-error.js';
import { genericDetailFor, httpStatusFor, titleFor } from './error-mapping.js';

export const problemContentType = 'application/problem+json';

/**
 * RFC 9457 problem details, as every HTTP error of the API is shaped. Further members are the
 * error's extensions (`currentVersion`, `duplicates`, …).
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: Array<{ path: string; message: string }>;
  [extension: string]: unknown;
}

/** Members problem+json defines or this API uses itself; an extension never replaces them. */
const RESERVED_MEMBERS: ReadonlySet<string> = new Set([
  'type',
  'title',
  'status',
  'detail',
  'instance',
  'errors',
  // Assigning it would replace the object's prototype rather than add a member.
  '__proto__',
]);

export function toProblem(error: DomainError, instance?: string): Problem {
  const status = httpStatusFor(error.code);
  const problem: Problem = {
    type: `urn:crm:problem:${error.problemType ?? error.code.replaceAll('_', '-')}`,
    title: titleFor(error.code),
    status,
    // Server-side failures never explain themselves to the client; their causes are logged.
    detail: status >= 500 ? genericDetailFor(error.code) : error.message,
  };
  if (instance) problem.instance = instance;
  if (error.fieldErrors.length > 0) problem.errors = error.fieldErrors.map((e) => ({ ...e }));
  // Like the detail, a server-side failure's extensions stay in the logs.
  if (status < 500) {
    for (const [member, value] of Object.entries(error.extensions)) {
      if (!RESERVED_MEMBERS.has(member)) problem[member] = value;
    }
  }
  return problem;
}
