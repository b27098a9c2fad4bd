import { ApiError, apiErrorFromResponse, parseRetryAfter } from './api-error.js';
import { expectRecord, expectString } from './decode.js';

export const API_BASE = '/api/v1';

/** The problem `type` the gateway gives a state-changing request whose CSRF token is missing or stale. */
export const CSRF_PROBLEM_TYPE = 'urn:crm:problem:csrf';

export type QueryValue = string | number | null | undefined;

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions {
  readonly method?: Method;
  /** Empty and nullish values are left out, so callers can pass optional filters as they are. */
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly body?: unknown;
  readonly signal?: AbortSignal;
  /**
   * Sent without a session (sign-in): no CSRF token, and a 401 is the answer itself rather than a
   * sign that the session ended.
   */
  readonly anonymous?: boolean;
}

export function buildUrl(path: string, query: Readonly<Record<string, QueryValue>> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.includes('json')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // A truncated or malformed body is reported through the status, not as a parse crash.
    return text;
  }
}

// The CSRF token lives in memory only: after a reload it is fetched again on the first write.
let csrfToken: string | null = null;
let csrfRequest: Promise<string> | null = null;
const unauthorizedListeners = new Set<() => void>();

/** Stores the token the sign-in answer carried; null forgets it (sign-out, ended session). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/**
 * Calls `listener` whenever a request made with the session is refused with 401, i.e. the user is
 * not (or no longer) signed in. Returns the unsubscribe function.
 */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => {
    unauthorizedListeners.delete(listener);
  };
}

async function send(path: string, options: RequestOptions, csrf: string | null): Promise<unknown> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  const init: RequestInit = {
    method,
    headers,
    // The session cookie is same-origin: the gateway serves this app and the API together.
    credentials: 'same-origin',
  };
  if (options.signal) init.signal = options.signal;
  if (csrf !== null) headers['X-CSRF-Token'] = csrf;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }

  const response = await fetch(buildUrl(path, options.query), init);
  const body = await readBody(response);
  if (!response.ok) {
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    throw apiErrorFromResponse(response.status, response.statusText, body, retryAfter);
  }
  return body;
}

/** Asks the gateway for the session's token; concurrent callers share one request. */
function fetchCsrfToken(): Promise<string> {
  csrfRequest ??= send('/auth/csrf', {}, null)
    .then((body) => {
      const token = expectString(expectRecord(body, 'csrf'), 'csrfToken', 'csrf');
      csrfToken = token;
      return token;
    })
    .finally(() => {
      csrfRequest = null;
    });
  return csrfRequest;
}

function isCsrfRejection(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403 && error.type === CSRF_PROBLEM_TYPE;
}

async function sendWithSession(path: string, options: RequestOptions): Promise<unknown> {
  const method = options.method ?? 'GET';
  if (method === 'GET') return send(path, options, null);
  try {
    return await send(path, options, csrfToken ?? (await fetchCsrfToken()));
  } catch (error) {
    // The session may have been renewed since the token was read (another tab signed in again).
    if (!isCsrfRejection(error)) throw error;
    return send(path, options, await fetchCsrfToken());
  }
}

/**
 * Calls the gateway and returns the decoded JSON body (undefined for an empty body).
 * State-changing requests carry the session's CSRF token. Non-2xx answers reject with ApiError
 * (a 401 also notifies the `onUnauthorized` listeners); network failures and aborts reject as
 * fetch does.
 */
export async function apiRequest(path: string, options: RequestOptions = {}): Promise<unknown> {
  if (options.anonymous) return send(path, options, null);
  try {
    return await sendWithSession(path, options);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      csrfToken = null;
      for (const listener of [...unauthorizedListeners]) listener();
    }
    throw error;
  }
}
