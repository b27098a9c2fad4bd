import { ApiError, apiErrorFromResponse, parseRetryAfter } from './api-error.js';
import { z } from 'zod';
import { parseWith } from './decode.js';

export const API_BASE = '/api/v1';

/** The problem `type` the gateway gives a state-changing request whose CSRF token is missing or stale. */
export const CSRF_PROBLEM_TYPE = 'urn:crm:problem:csrf';

/** A query parameter; an array repeats the parameter (`?tag=a&tag=b`). */
export type QueryValue = string | number | boolean | null | undefined | readonly string[];

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions {
  readonly method?: Method;
  /** Empty and nullish values are left out, so callers can pass optional filters as they are. */
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly body?: unknown;
  /** A multipart body (uploads), sent as it is: the browser writes its boundary. */
  readonly form?: FormData;
  /**
   * Told how much of `form` has been sent (0–1). Such requests go through XMLHttpRequest, the
   * one browser API that reports upload progress.
   */
  readonly onUploadProgress?: (fraction: number) => void;
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
    if (typeof value === 'object') {
      for (const item of value) if (item !== '') params.append(key, item);
    } else {
      params.set(key, String(value));
    }
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

/** What either transport (fetch, XMLHttpRequest) hands back. */
interface RawResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  readonly header: (name: string) => string | null;
  readonly text: string;
}

function readBody(response: RawResponse): unknown {
  if (response.text === '') return undefined;
  const contentType = response.header('content-type') ?? '';
  if (!contentType.includes('json')) return response.text;
  try {
    return JSON.parse(response.text) as unknown;
  } catch {
    // A truncated or malformed body is reported through the status, not as a parse crash.
    return response.text;
  }
}

async function fetchTransport(url: string, init: RequestInit): Promise<RawResponse> {
  const response = await fetch(url, init);
  return {
    ok: response.ok,
    status: response.status,
    statusText: response.statusText,
    header: (name) => response.headers.get(name),
    text: await response.text(),
  };
}

function abortError(): DOMException {
  return new DOMException('The request was aborted.', 'AbortError');
}

function xhrTransport(
  url: string,
  method: Method,
  headers: Readonly<Record<string, string>>,
  form: FormData,
  onProgress: (fraction: number) => void,
  signal: AbortSignal | undefined,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    });
    xhr.addEventListener('load', () =>
      resolve({
        ok: xhr.status >= 200 && xhr.status < 300,
        status: xhr.status,
        statusText: xhr.statusText,
        header: (name) => xhr.getResponseHeader(name),
        text: xhr.responseText,
      }),
    );
    // Rejected like fetch rejects, so callers handle both transports alike.
    xhr.addEventListener('error', () => reject(new TypeError('Failed to fetch')));
    xhr.addEventListener('abort', () => reject(abortError()));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
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
  const url = buildUrl(path, options.query);
  if (csrf !== null) headers['X-CSRF-Token'] = csrf;

  let response: RawResponse;
  if (options.form && options.onUploadProgress) {
    response = await xhrTransport(
      url,
      method,
      headers,
      options.form,
      options.onUploadProgress,
      options.signal,
    );
  } else {
    const init: RequestInit = {
      method,
      headers,
      // The session cookie is same-origin: the gateway serves this app and the API together.
      credentials: 'same-origin',
    };
    if (options.signal) init.signal = options.signal;
    if (options.form) {
      init.body = options.form;
    } else if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(options.body);
    }
    response = await fetchTransport(url, init);
  }

  const body = readBody(response);
  if (!response.ok) {
    const retryAfter = parseRetryAfter(response.header('retry-after'));
    throw apiErrorFromResponse(response.status, response.statusText, body, retryAfter);
  }
  return body;
}

const csrfSchema = z.object({ csrfToken: z.string() });

/** Asks the gateway for the session's token; concurrent callers share one request. */
function fetchCsrfToken(): Promise<string> {
  csrfRequest ??= send('/auth/csrf', {}, null)
    .then((body) => {
      const token = parseWith(csrfSchema, body, 'csrf').csrfToken;
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
