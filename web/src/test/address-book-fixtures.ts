import type { Account } from '../api/accounts.js';
import type { Contact } from '../api/contacts.js';
import type { ImportJob } from '../api/imports.js';
import type { Me } from '../api/session.js';
import type { TimelineEntry } from '../api/timeline.js';
import type { User } from '../api/users.js';
import {
  jsonResponse,
  problemResponse,
  stubFetch,
  type RecordedRequest,
  type Responder,
} from './fetch-stub.js';
import { meAs, TEST_CSRF_TOKEN } from './session-fixtures.js';

const CREATED_AT = '2025-03-04T10:00:00Z';

export function makeAccount(overrides: Partial<Account> & Pick<Account, 'id' | 'name'>): Account {
  return {
    domain: null,
    industry: null,
    size: null,
    address: null,
    phone: null,
    website: null,
    ownerId: null,
    status: 'prospect',
    tags: [],
    notes: '',
    contactCount: 0,
    version: 1,
    createdAt: CREATED_AT,
    updatedAt: CREATED_AT,
    ...overrides,
  };
}

export function makeContact(overrides: Partial<Contact> & Pick<Contact, 'id'>): Contact {
  return {
    accountId: null,
    accountName: null,
    firstName: '',
    lastName: '',
    email: null,
    otherEmails: [],
    phone: null,
    otherPhones: [],
    title: null,
    ownerId: null,
    primary: false,
    version: 1,
    createdAt: CREATED_AT,
    updatedAt: CREATED_AT,
    ...overrides,
  };
}

export function makeEntry(
  overrides: Partial<TimelineEntry> & Pick<TimelineEntry, 'id' | 'kind'>,
): TimelineEntry {
  return {
    subjectType: 'account',
    subjectId: 'a1',
    occurredAt: CREATED_AT,
    actorUserId: null,
    body: '',
    changes: [],
    related: null,
    ...overrides,
  };
}

export function makeImportJob(overrides: Partial<ImportJob> & Pick<ImportJob, 'id'>): ImportJob {
  return {
    entity: 'accounts',
    status: 'queued',
    dryRun: false,
    fileName: 'accounts.csv',
    mapping: [],
    totalRows: 0,
    processedRows: 0,
    createdCount: 0,
    updatedCount: 0,
    errorCount: 0,
    unchangedCount: 0,
    createdBy: 'admin-1',
    createdAt: CREATED_AT,
    finishedAt: null,
    failure: null,
    undoSkippedCount: 0,
    errors: [],
    ...overrides,
  };
}

/** A `{ items, nextCursor }` answer. */
export function pageOf(items: readonly unknown[], nextCursor: string | null = null): Response {
  return jsonResponse(200, { items, nextCursor });
}

/** The path and query of a recorded request, parsed. */
export function urlOf(url: string): URL {
  return new URL(url, 'http://localhost');
}

export interface StubApiOptions {
  readonly me?: Me;
  /** Further users in the directory (owners, authors); the signed-in user is always there. */
  readonly users?: readonly User[];
}

/**
 * Stubs fetch for a signed-in session like stubSignedIn, and answers the user directory (names of
 * owners and authors) too. Returns the other requests, which `respond` answered.
 */
export function stubApi(respond: Responder, options: StubApiOptions = {}): RecordedRequest[] {
  const me = options.me ?? meAs('admin');
  const requests: RecordedRequest[] = [];
  stubFetch((request) => {
    if (request.url === '/api/v1/me') return jsonResponse(200, me);
    if (request.url === '/api/v1/auth/csrf')
      return jsonResponse(200, { csrfToken: TEST_CSRF_TOKEN });
    if (request.url.startsWith('/api/v1/user-directory?'))
      return pageOf(
        [me.user, ...(options.users ?? [])].map(({ id, name, active }) => ({ id, name, active })),
      );
    requests.push(request);
    return respond(request);
  });
  return requests;
}

/**
 * A responder from a table of `"METHOD /path"` (query left out) to answers; anything else is a
 * 404 naming the request, so a test fails on what it did not expect.
 */
export function routes(table: Readonly<Record<string, Responder>>): Responder {
  return (request) => {
    const respond = table[`${request.method} ${urlOf(request.url).pathname}`];
    return respond
      ? respond(request)
      : problemResponse(404, { title: 'Not Found', detail: `${request.method} ${request.url}` });
  };
}
