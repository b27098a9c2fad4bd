import { isRecord, type JsonRecord } from './decode.js';

/** One validation problem; `path` is a JSON pointer into the request body, e.g. `/name`. */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

export interface ApiErrorInit {
  readonly status: number;
  readonly title: string;
  readonly type?: string;
  readonly detail?: string;
  readonly fieldErrors?: readonly FieldError[];
  /** From a `Retry-After` header (429, 503): how long the server asks the client to wait. */
  readonly retryAfterSeconds?: number;
  /** The problem's extension members (RFC 9457 §3.2), e.g. `duplicates` or `currentVersion`. */
  readonly extensions?: JsonRecord;
}

/** A non-2xx answer from the gateway, decoded from `application/problem+json` (RFC 9457) when possible. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly title: string;
  readonly type: string;
  readonly detail: string | undefined;
  readonly fieldErrors: readonly FieldError[];
  readonly retryAfterSeconds: number | undefined;
  readonly extensions: JsonRecord;

  constructor(init: ApiErrorInit) {
    super(init.detail ?? init.title);
    this.status = init.status;
    this.title = init.title;
    this.type = init.type ?? 'about:blank';
    this.detail = init.detail;
    this.fieldErrors = init.fieldErrors ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.extensions = init.extensions ?? {};
  }

  /** Field errors keyed by form path (`/address/city` → `address.city`); the first message per field wins. */
  fieldErrorMap(): Record<string, string> {
    const map: Record<string, string> = {};
    for (const { path, message } of this.fieldErrors) {
      const key = pointerToFieldPath(path);
      if (!(key in map)) map[key] = message;
    }
    return map;
  }
}

/** RFC 6901 pointer → dotted path as used by @mantine/form (`/items/0/name` → `items.0.name`). */
export function pointerToFieldPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'))
    .join('.');
}

function readFieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown): FieldError[] =>
    isRecord(item) && typeof item.path === 'string' && typeof item.message === 'string'
      ? [{ path: item.path, message: item.message }]
      : [],
  );
}

const STANDARD_MEMBERS: ReadonlySet<string> = new Set([
  'type',
  'title',
  'status',
  'detail',
  'instance',
  'errors',
]);

function extensionMembers(body: JsonRecord): JsonRecord {
  return Object.fromEntries(Object.entries(body).filter(([key]) => !STANDARD_MEMBERS.has(key)));
}

function optionalString(record: JsonRecord, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Builds an ApiError from whatever body came back: a problem document, or (from a proxy or a crash)
 * anything else, in which case the HTTP status text stands in for the title.
 */
export function apiErrorFromResponse(
  status: number,
  statusText: string,
  body: unknown,
  retryAfterSeconds?: number,
): ApiError {
  const fallbackTitle = statusText || `HTTP ${status}`;
  if (!isRecord(body)) return new ApiError({ status, title: fallbackTitle, retryAfterSeconds });
  return new ApiError({
    status,
    title: optionalString(body, 'title') ?? fallbackTitle,
    type: optionalString(body, 'type'),
    detail: optionalString(body, 'detail'),
    fieldErrors: readFieldErrors(body.errors),
    retryAfterSeconds,
    extensions: extensionMembers(body),
  });
}

/** `Retry-After` as seconds from now: either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(
  value: string | null,
  now: number = Date.now(),
): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** Whether `error` is the gateway saying the caller is not signed in (or the session ended). */
export function isUnauthorized(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

/** A human-readable message for any error the UI may receive. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.detail ?? error.title;
  if (error instanceof Error) return error.message;
  return 'Unexpected error';
}
