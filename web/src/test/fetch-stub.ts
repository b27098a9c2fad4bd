import { vi } from 'vitest';

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly body: unknown;
  /** A multipart body (uploads, imports), as sent. */
  readonly form: FormData | undefined;
  readonly credentials: RequestCredentials | undefined;
  /** Header names lower-cased, as the Headers class reports them. */
  readonly headers: Readonly<Record<string, string>>;
}

export type Responder = (request: RecordedRequest) => Response;

export function jsonResponse(
  status: number,
  body: unknown,
  contentType = 'application/json',
  headers: Readonly<Record<string, string>> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': contentType, ...headers },
  });
}

/** An `application/problem+json` answer. */
export function problemResponse(
  status: number,
  problem: Readonly<Record<string, unknown>>,
  headers: Readonly<Record<string, string>> = {},
): Response {
  return jsonResponse(status, { status, ...problem }, 'application/problem+json', headers);
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

/** Replaces the browser's fetch with `respond` and records every request made through it. */
export function stubFetch(respond: Responder): RecordedRequest[] {
  const requests: RecordedRequest[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const request: RecordedRequest = {
        method: init.method ?? 'GET',
        url: String(input),
        body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
        form: init.body instanceof FormData ? init.body : undefined,
        credentials: init.credentials,
        headers: Object.fromEntries(new Headers(init.headers).entries()),
      };
      requests.push(request);
      return respond(request);
    }),
  );
  return requests;
}
