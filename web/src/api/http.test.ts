import { beforeEach, describe, expect, it } from 'vitest';
import { makeAccount } from '../test/address-book-fixtures.js';
import { jsonResponse, stubFetch } from '../test/fetch-stub.js';
import { ApiError, pointerToFieldPath } from './api-error.js';
import { createAccount, listAccounts } from './accounts.js';
import { ResponseShapeError } from './decode.js';
import { apiRequest, buildUrl, setCsrfToken } from './http.js';

const account = makeAccount({ id: 'acc_1', name: 'Acme', domain: 'acme.com' });

async function apiErrorFrom(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the promise to reject');
}

describe('apiRequest', () => {
  beforeEach(() => setCsrfToken('csrf-1'));

  it('parses problem+json into an ApiError with field errors keyed by form path', async () => {
    stubFetch(() =>
      jsonResponse(
        422,
        {
          type: 'https://crm.example/problems/validation',
          title: 'Invalid request',
          status: 422,
          detail: 'The body has 2 invalid fields',
          errors: [
            { path: '/name', message: 'Name is required' },
            { path: '/address/city', message: 'Too long' },
            { path: '/name', message: 'A second message for the same field' },
            { message: 'an entry without a path is ignored' },
          ],
        },
        'application/problem+json',
      ),
    );

    const apiError = await apiErrorFrom(apiRequest('/accounts', { method: 'POST', body: {} }));

    expect(apiError.status).toBe(422);
    expect(apiError.title).toBe('Invalid request');
    expect(apiError.detail).toBe('The body has 2 invalid fields');
    expect(apiError.type).toBe('https://crm.example/problems/validation');
    expect(apiError.message).toBe('The body has 2 invalid fields');
    expect(apiError.fieldErrors).toHaveLength(3);
    expect(apiError.fieldErrorMap()).toEqual({
      name: 'Name is required',
      'address.city': 'Too long',
    });
  });

  it('falls back to the status text when the error body is not a problem document', async () => {
    stubFetch(
      () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    );

    const error = await apiErrorFrom(apiRequest('/accounts'));

    expect(error).toMatchObject({
      status: 502,
      title: 'Bad Gateway',
      detail: undefined,
      fieldErrors: [],
    });
  });

  it('sends JSON with same-origin credentials and returns the decoded body', async () => {
    const requests = stubFetch(() => jsonResponse(201, account));

    await expect(
      apiRequest('/accounts', { method: 'POST', body: { name: 'Acme' } }),
    ).resolves.toEqual(account);
    expect(requests).toEqual([
      {
        method: 'POST',
        url: '/api/v1/accounts',
        body: { name: 'Acme' },
        credentials: 'same-origin',
        headers: {
          accept: 'application/json, application/problem+json',
          'content-type': 'application/json',
          'x-csrf-token': 'csrf-1',
        },
      },
    ]);
  });
});

describe('buildUrl', () => {
  it('leaves out empty query values and encodes the rest', () => {
    expect(buildUrl('/accounts', { q: 'a&b', cursor: null, limit: 50, other: '' })).toBe(
      '/api/v1/accounts?q=a%26b&limit=50',
    );
    expect(buildUrl('/accounts')).toBe('/api/v1/accounts');
  });

  it('repeats a parameter for each value of a list, leaving out blank ones', () => {
    expect(buildUrl('/accounts', { tag: ['vip', '', 'a b'], status: [], q: 'x' })).toBe(
      '/api/v1/accounts?tag=vip&tag=a+b&q=x',
    );
  });
});

describe('pointerToFieldPath', () => {
  it('unescapes RFC 6901 tokens', () => {
    expect(pointerToFieldPath('/items/0/name')).toBe('items.0.name');
    expect(pointerToFieldPath('/a~1b/c~0d')).toBe('a/b.c~d');
  });
});

describe('accounts client', () => {
  it('lists a page and decodes it', async () => {
    const requests = stubFetch(() => jsonResponse(200, { items: [account], nextCursor: 'next' }));

    await expect(listAccounts({ q: 'ac', cursor: 'c1', limit: 10 })).resolves.toEqual({
      items: [account],
      nextCursor: 'next',
    });
    expect(requests[0]?.url).toBe('/api/v1/accounts?q=ac&cursor=c1&limit=10');
  });

  it('leaves out only the order the API implies for the search', async () => {
    const requests = stubFetch(() => jsonResponse(200, { items: [], nextCursor: null }));

    await listAccounts({ sort: '-createdAt' });
    await listAccounts({ q: 'ac', sort: 'relevance' });
    await listAccounts({ q: 'ac', sort: '-createdAt' });
    await listAccounts({ q: 'ac', sort: 'name' });
    expect(requests.map((request) => request.url)).toEqual([
      '/api/v1/accounts',
      '/api/v1/accounts?q=ac',
      '/api/v1/accounts?q=ac&sort=-createdAt',
      '/api/v1/accounts?q=ac&sort=name',
    ]);
  });

  it('rejects a response that does not match the contract', async () => {
    setCsrfToken('csrf-1');
    stubFetch(() => jsonResponse(201, { ...account, name: 42 }));

    await expect(createAccount({ name: 'Acme' })).rejects.toBeInstanceOf(ResponseShapeError);
  });
});
