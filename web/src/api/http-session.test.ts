import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, noContent, problemResponse, stubFetch } from '../test/fetch-stub.js';
import { ApiError, parseRetryAfter } from './api-error.js';
import { apiRequest, CSRF_PROBLEM_TYPE, onUnauthorized, setCsrfToken } from './http.js';

const csrfRejection = () =>
  problemResponse(403, { type: CSRF_PROBLEM_TYPE, title: 'Forbidden', detail: 'CSRF token' });

describe('CSRF token', () => {
  it('is fetched once when missing and sent on writes only', async () => {
    const requests = stubFetch(({ url }) =>
      url === '/api/v1/auth/csrf' ? jsonResponse(200, { csrfToken: 'fetched' }) : noContent(),
    );

    await apiRequest('/things', { method: 'POST', body: {} });
    await apiRequest('/things/1', { method: 'DELETE' });
    await apiRequest('/things');

    expect(requests.map((request) => [request.method, request.url])).toEqual([
      ['GET', '/api/v1/auth/csrf'],
      ['POST', '/api/v1/things'],
      ['DELETE', '/api/v1/things/1'],
      ['GET', '/api/v1/things'],
    ]);
    expect(requests[1]?.headers['x-csrf-token']).toBe('fetched');
    expect(requests[2]?.headers['x-csrf-token']).toBe('fetched');
    expect(requests[3]?.headers).not.toHaveProperty('x-csrf-token');
  });

  it('shares one fetch between writes that start together', async () => {
    const requests = stubFetch(({ url }) =>
      url === '/api/v1/auth/csrf' ? jsonResponse(200, { csrfToken: 'fetched' }) : noContent(),
    );

    await Promise.all([
      apiRequest('/a', { method: 'PUT', body: {} }),
      apiRequest('/b', { method: 'PATCH', body: {} }),
    ]);

    expect(requests.filter((request) => request.url === '/api/v1/auth/csrf')).toHaveLength(1);
  });

  it('is refreshed once and the write retried after a CSRF refusal', async () => {
    setCsrfToken('stale');
    const requests = stubFetch(({ url, headers }) => {
      if (url === '/api/v1/auth/csrf') return jsonResponse(200, { csrfToken: 'fresh' });
      return headers['x-csrf-token'] === 'fresh'
        ? jsonResponse(201, { id: 't1' })
        : csrfRejection();
    });

    await expect(apiRequest('/things', { method: 'POST', body: { a: 1 } })).resolves.toEqual({
      id: 't1',
    });
    expect(requests.map((request) => [request.url, request.headers['x-csrf-token']])).toEqual([
      ['/api/v1/things', 'stale'],
      ['/api/v1/auth/csrf', undefined],
      ['/api/v1/things', 'fresh'],
    ]);
    expect(requests[2]?.body).toEqual({ a: 1 });
  });

  it('gives up after one refresh, and does not retry other 403s', async () => {
    setCsrfToken('stale');
    const requests = stubFetch(({ url }) =>
      url === '/api/v1/auth/csrf' ? jsonResponse(200, { csrfToken: 'fresh' }) : csrfRejection(),
    );
    await expect(apiRequest('/things', { method: 'POST', body: {} })).rejects.toMatchObject({
      status: 403,
      type: CSRF_PROBLEM_TYPE,
    });
    expect(requests).toHaveLength(3);

    const forbidden = stubFetch(() =>
      problemResponse(403, { type: 'urn:crm:problem:forbidden', title: 'Forbidden' }),
    );
    await expect(apiRequest('/things', { method: 'POST', body: {} })).rejects.toBeInstanceOf(
      ApiError,
    );
    expect(forbidden).toHaveLength(1);
  });

  it('is not sent, nor fetched, for an anonymous request such as sign-in', async () => {
    const requests = stubFetch(() => jsonResponse(200, {}));

    await apiRequest('/auth/login', { method: 'POST', body: {}, anonymous: true });

    expect(requests.map((request) => request.url)).toEqual(['/api/v1/auth/login']);
    expect(requests[0]?.headers).not.toHaveProperty('x-csrf-token');
  });
});

describe('401 answers', () => {
  const unsubscribers: Array<() => void> = [];
  afterEach(() => unsubscribers.splice(0).forEach((unsubscribe) => unsubscribe()));

  it('notify the listeners and forget the token, except for anonymous requests', async () => {
    const listener = vi.fn();
    unsubscribers.push(onUnauthorized(listener));
    setCsrfToken('old');
    const requests = stubFetch(({ url }) =>
      url === '/api/v1/auth/csrf'
        ? jsonResponse(200, { csrfToken: 'new' })
        : problemResponse(401, { title: 'Unauthorized' }),
    );

    await expect(apiRequest('/auth/login', { method: 'POST', anonymous: true })).rejects.toThrow();
    expect(listener).not.toHaveBeenCalled();

    await expect(apiRequest('/me')).rejects.toMatchObject({ status: 401 });
    expect(listener).toHaveBeenCalledTimes(1);

    // The ended session's token is gone: the next write asks for a new one first.
    await expect(apiRequest('/things', { method: 'POST' })).rejects.toMatchObject({ status: 401 });
    expect(requests.slice(-2).map((request) => request.url)).toEqual([
      '/api/v1/auth/csrf',
      '/api/v1/things',
    ]);
  });
});

describe('Retry-After', () => {
  it('is read as seconds or as an HTTP date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:01:00 GMT', now)).toBe(60);
    expect(parseRetryAfter('Tue, 31 Dec 2024 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });

  it('is carried on the ApiError of a 429', async () => {
    stubFetch(() => problemResponse(429, { title: 'Too Many Requests' }, { 'Retry-After': '12' }));
    await expect(apiRequest('/accounts')).rejects.toMatchObject({
      status: 429,
      retryAfterSeconds: 12,
    });
  });
});
