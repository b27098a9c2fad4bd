import { apiErrorFromResponse } from './api-error.js';

export const API_BASE = '/api/v1';

export type QueryValue = string | number | null | undefined;

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Empty and nullish values are left out, so callers can pass optional filters as they are. */
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly body?: unknown;
  readonly signal?: AbortSignal;
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

/**
 * Calls the gateway and returns the decoded JSON body (undefined for an empty body).
 * Non-2xx answers reject with ApiError; network failures and aborts reject as fetch does.
 */
export async function apiRequest(path: string, options: RequestOptions = {}): Promise<unknown> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  const init: RequestInit = {
    method: options.method ?? 'GET',
    headers,
    // The session cookie is same-origin: the gateway serves this app and the API together.
    credentials: 'same-origin',
  };
  if (options.signal) init.signal = options.signal;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }

  const response = await fetch(buildUrl(path, options.query), init);
  const body = await readBody(response);
  if (!response.ok) throw apiErrorFromResponse(response.status, response.statusText, body);
  return body;
}
