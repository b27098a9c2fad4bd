import { connectNatsBus, type Bus, type InboundMessage } from '@crm/bus';
import type { DomainError } from '@crm/errors';
import { callUnary, type Caller, type UnaryMethod } from '@crm/grpc';
import type { Client } from '@grpc/grpc-js';
import type { PageInfo, PageRequest } from '@crm/proto/crm/common/v1/paging';
import {
  createTestDatabase,
  quietLogger,
  testNatsUrl,
  uniqueName,
  waitFor,
  type TestDatabase,
} from '@crm/testing';
import { ACCOUNTS_STREAM } from './events/account-events.js';
import type { AccountsServiceHandle } from './service.js';
import {
  createAccountsTestClients,
  startAccountsForTest,
  type AccountsTestClients,
} from './testing.js';

/** Users of each role, as the gateway would sign them into gRPC metadata. */
export const users = {
  admin: { kind: 'user', userId: '0193a1b2-0000-7000-8000-0000000000a1', role: 'admin' },
  manager: { kind: 'user', userId: '0193a1b2-0000-7000-8000-0000000000b1', role: 'manager' },
  staff: {
    kind: 'user',
    userId: '0193a1b2-0000-7000-8000-0000000000c1',
    role: 'staff',
    address: '203.0.113.7',
  },
  otherStaff: { kind: 'user', userId: '0193a1b2-0000-7000-8000-0000000000c2', role: 'staff' },
} as const satisfies Record<string, Caller>;

export interface AccountsStack {
  database: TestDatabase;
  bus: Bus;
  service: AccountsServiceHandle;
  clients: AccountsTestClients;
  stop(): Promise<void>;
}

/** The accounts service on its own database, with clients for all its gRPC services. */
export async function startAccountsStack(name: string): Promise<AccountsStack> {
  const logger = quietLogger('accounts');
  const database = await createTestDatabase(name);
  const bus = await connectNatsBus({ url: testNatsUrl(), name: `${name}-test`, logger });
  const service = await startAccountsForTest({ databaseUrl: database.url, bus, logger });
  const clients = createAccountsTestClients(service.grpcAddress);
  return {
    database,
    bus,
    service,
    clients,
    async stop() {
      clients.close();
      await service.stop();
      await bus.close();
      await database.drop();
    },
  };
}

/** One call as `caller` (staff by default). */
export function call<Request, Response>(
  client: Client,
  method: UnaryMethod<Request, Response>,
  request: Request,
  caller: Caller = users.staff,
): Promise<Response> {
  return callUnary(client, method, request, { caller });
}

/** The DomainError a call fails with; fails the test when it succeeds. */
export async function failure<Request, Response>(
  client: Client,
  method: UnaryMethod<Request, Response>,
  request: Request,
  caller: Caller = users.staff,
): Promise<DomainError> {
  const outcome = await callUnary(client, method, request, { caller }).then(
    () => undefined,
    (error: unknown) => error as DomainError,
  );
  if (!outcome) throw new Error('expected the call to fail');
  return outcome;
}

/** Every item of a paged list, `limit` at a time: `fetch` answers a page and where the next starts. */
export async function everyItem<T>(
  limit: number,
  fetch: (page: PageRequest) => Promise<{ items: T[]; next: PageInfo | undefined }>,
): Promise<T[]> {
  const seen: T[] = [];
  let cursor = '';
  do {
    const { items, next } = await fetch({ limit, cursor });
    seen.push(...items);
    cursor = next?.nextCursor ?? '';
  } while (cursor);
  return seen;
}

/** Every event on the accounts stream while it runs, for tests to wait on. */
export interface EventLog {
  messages: InboundMessage[];
  /** The first message on `subject` that `match` accepts, once it arrived. */
  next<T>(
    subject: string,
    decode: (data: Uint8Array) => T,
    match: (event: T) => boolean,
  ): Promise<T>;
  stop(): Promise<void>;
}

export function recordEvents(bus: Bus, subjects: readonly string[]): EventLog {
  const messages: InboundMessage[] = [];
  const consumer = bus.consume(
    { stream: ACCOUNTS_STREAM.name, durable: uniqueName('events'), filterSubjects: subjects },
    async (batch) => {
      for (const message of batch) {
        messages.push(message);
        await message.ack();
      }
    },
  );
  return {
    messages,
    next: (subject, decode, match) =>
      waitFor(
        () => {
          for (const message of messages) {
            if (message.subject !== subject) continue;
            const event = decode(message.data);
            if (match(event)) return event;
          }
          return undefined;
        },
        { what: `an event on ${subject}` },
      ),
    stop: () => consumer.stop(),
  };
}
