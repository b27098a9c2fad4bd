import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectNatsBus, type Bus, type InboundMessage } from '@crm/bus';
import { csvRows, type CsvColumn } from '@crm/csv';
import { createOrm, type Orm } from '@crm/db';
import type { DomainError } from '@crm/errors';
import { callUnary, createGrpcClient, type Caller } from '@crm/grpc';
import { grpcService, startServiceCore, type ServiceCoreHandle } from '@crm/lifecycle';
import {
  createLocalObjectStorage,
  type ObjectDownload,
  type ObjectStorage,
} from '@crm/object-storage';
import {
  type Account,
  AccountsServiceClient,
  AccountsServiceService,
  CreateAccountRequest,
  ListAccountsRequest,
  UpdateAccountRequest,
} from '@crm/proto/crm/accounts/v1/accounts';
import {
  type Contact,
  ContactsServiceClient,
  ContactsServiceService,
  CreateContactRequest,
  ListContactsRequest,
} from '@crm/proto/crm/accounts/v1/contacts';
import {
  ImportStatus,
  ImportsServiceClient,
  ImportsServiceService,
  type ColumnMapping,
  type ImportJob,
} from '@crm/proto/crm/accounts/v1/imports';
import { SubjectType } from '@crm/proto/crm/accounts/v1/timeline';
import {
  createTestDatabase,
  quietLogger,
  testNatsUrl,
  uniqueName,
  waitFor,
  type TestDatabase,
  TEST_INTERNAL_SECRET,
} from '@crm/testing';
import { everyItem } from '../accounts-stack.test-support.js';
import { accountsEntities } from '../db/entities.js';
import { accountsMigrations } from '../db/migrations/index.js';
import { ACCOUNTS_STREAM } from '../events/account-events.js';
import { accountStatusName, companySizeName } from '../grpc/account-mapper.js';
import { accountsHandlers } from '../grpc/accounts-handlers.js';
import { contactsHandlers } from '../grpc/contacts-handlers.js';
import { ImportJobRepository } from './import-job-repository.js';
import { decodeImportFinished, importSubjects } from './import-events.js';
import { importsHandlers } from './imports-handlers.js';
import { startImportWorker, type ImportWorker } from './import-worker.js';
import { ImportSql } from './sql.js';

const logger = quietLogger('imports');

/** A unique name that may be part of a domain or an email address (no underscores). */
const slug = (prefix: string) => uniqueName(prefix).replaceAll('_', '-');
const migrations = accountsMigrations;

const user = (role: 'admin' | 'manager' | 'staff', userId = randomUUID()) =>
  ({ kind: 'user', userId, role, address: '198.51.100.4' }) as const satisfies Caller;
const admin = user('admin');
const manager = user('manager');
const otherManager = user('manager');
const staff = user('staff');

/**
 * An upload whose reader gets the first part of the file and then waits, as a slow upload would,
 * until the test lets the rest through (or the reader gives up).
 */
class HeldUpload {
  private readonly readers: PassThrough[] = [];
  private released = false;

  constructor(
    private readonly head: string,
    private readonly rest: string,
  ) {}

  open(): PassThrough {
    const stream = new PassThrough();
    stream.write(this.head);
    if (this.released) stream.end(this.rest);
    else this.readers.push(stream);
    return stream;
  }

  release(): void {
    this.released = true;
    for (const reader of this.readers) if (!reader.destroyed) reader.end(this.rest);
  }
}

/** Local object storage, where a test may hold back the end of an upload. */
class TestStorage {
  readonly held = new Map<string, HeldUpload>();
  readonly storage: ObjectStorage;

  constructor(private readonly inner: ObjectStorage) {
    this.storage = {
      ...inner,
      get: async (key): Promise<ObjectDownload> => {
        const held = this.held.get(key);
        if (!held) return inner.get(key);
        return { ...(await inner.head(key)), body: held.open() };
      },
    };
  }

  async upload(csv: string): Promise<string> {
    const key = `imports/${randomUUID()}.csv`;
    await this.inner.put(key, Buffer.from(csv, 'utf8'), { contentType: 'text/csv' });
    return key;
  }

  /** Stores `head + rest` and serves readers only `head` until the returned upload is released. */
  async uploadHeld(head: string, rest: string): Promise<{ key: string; upload: HeldUpload }> {
    const key = await this.upload(head + rest);
    const upload = new HeldUpload(head, rest);
    this.held.set(key, upload);
    return { key, upload };
  }
}

/** The accounts service as the orchestrated service will be: address book plus imports. */
interface Stack {
  handle: ServiceCoreHandle;
  accounts: AccountsServiceClient;
  contacts: ContactsServiceClient;
  imports: ImportsServiceClient;
  close(): Promise<void>;
}

async function startStack(options: {
  databaseUrl: string;
  bus: Bus;
  storage: ObjectStorage;
  worker: boolean;
  batchSize?: number;
}): Promise<Stack> {
  let worker: ImportWorker | undefined;
  const handle = await startServiceCore({
    config: {
      DATABASE_URL: options.databaseUrl,
      DATABASE_SCHEMA: 'accounts',
      MIGRATE_ON_START: true,
      GRPC_HOST: '127.0.0.1',
      GRPC_PORT: 0,
      CRM_INTERNAL_SECRET: TEST_INTERNAL_SECRET,
    },
    deps: { logger, bus: options.bus, outbox: { pollIntervalMs: 100 } },
    entities: accountsEntities,
    migrations,
    stream: ACCOUNTS_STREAM,
    grpc: [
      grpcService({
        name: 'crm.accounts.v1.AccountsService',
        definition: AccountsServiceService,
        handlers: ({ orm, notifyOutbox }) =>
          accountsHandlers({ orm, onEventsCommitted: notifyOutbox }),
      }),
      grpcService({
        name: 'crm.accounts.v1.ContactsService',
        definition: ContactsServiceService,
        handlers: ({ orm, notifyOutbox }) =>
          contactsHandlers({ orm, onEventsCommitted: notifyOutbox }),
      }),
      grpcService({
        name: 'crm.accounts.v1.ImportsService',
        definition: ImportsServiceService,
        handlers: ({ orm }) =>
          importsHandlers({ orm, storage: options.storage, onJobQueued: () => worker?.wake() }),
      }),
    ],
    background: ({ orm, notifyOutbox }) => {
      if (!options.worker) return [];
      worker = startImportWorker({
        orm,
        storage: options.storage,
        logger,
        notifyOutbox,
        batchSize: options.batchSize ?? 10,
        pollIntervalMs: 100,
      });
      return [worker];
    },
  });
  const clientOptions = { callerKey: TEST_INTERNAL_SECRET };
  const stack: Stack = {
    handle,
    accounts: createGrpcClient(AccountsServiceClient, handle.grpcAddress, clientOptions),
    contacts: createGrpcClient(ContactsServiceClient, handle.grpcAddress, clientOptions),
    imports: createGrpcClient(ImportsServiceClient, handle.grpcAddress, clientOptions),
    async close() {
      stack.accounts.close();
      stack.contacts.close();
      stack.imports.close();
      await handle.stop();
    },
  };
  return stack;
}

/** CSV text as an export writes it: RFC 4180, formula-escaped. */
async function csvText<T>(
  columns: ReadonlyArray<CsvColumn<T>>,
  rows: readonly T[],
): Promise<string> {
  let text = '';
  for await (const chunk of csvRows(columns, rows)) text += chunk;
  return text;
}

function csvOf(header: readonly string[], rows: ReadonlyArray<readonly string[]>): Promise<string> {
  return csvText(
    header.map((name, index) => ({ header: name, value: (row: readonly string[]) => row[index] })),
    rows,
  );
}

/** The export columns of the HTTP API (http-api spec), filled from the gRPC messages. */
const accountExportColumns: Array<CsvColumn<Account>> = [
  { header: 'id', value: (a) => a.id },
  { header: 'name', value: (a) => a.name },
  { header: 'domain', value: (a) => a.domain },
  { header: 'industry', value: (a) => a.industry },
  { header: 'size', value: (a) => companySizeName(a.size) },
  { header: 'status', value: (a) => accountStatusName(a.status) },
  { header: 'tags', value: (a) => a.tags.join(';') },
  { header: 'phone', value: (a) => a.phone },
  { header: 'website', value: (a) => a.website },
  { header: 'street', value: (a) => a.address?.street },
  { header: 'city', value: (a) => a.address?.city },
  { header: 'region', value: (a) => a.address?.region },
  { header: 'postalCode', value: (a) => a.address?.postalCode },
  { header: 'country', value: (a) => a.address?.country },
  { header: 'ownerId', value: (a) => a.ownerId },
  { header: 'notes', value: (a) => a.notes },
  { header: 'createdAt', value: (a) => a.createdAt },
  { header: 'updatedAt', value: (a) => a.updatedAt },
];
const contactExportColumns: Array<CsvColumn<Contact>> = [
  { header: 'id', value: (c) => c.id },
  { header: 'firstName', value: (c) => c.firstName },
  { header: 'lastName', value: (c) => c.lastName },
  { header: 'email', value: (c) => c.email },
  { header: 'otherEmails', value: (c) => c.otherEmails.join(';') },
  { header: 'phone', value: (c) => c.phone },
  { header: 'otherPhones', value: (c) => c.otherPhones.join(';') },
  { header: 'title', value: (c) => c.title },
  { header: 'account', value: (c) => c.accountName },
  { header: 'accountId', value: (c) => c.accountId },
  { header: 'ownerId', value: (c) => c.ownerId },
  { header: 'primary', value: (c) => c.primary },
  { header: 'createdAt', value: (c) => c.createdAt },
  { header: 'updatedAt', value: (c) => c.updatedAt },
];

/** Comparable without what a database gives each record (ids, times, versions, counts). */
function accountValues(account: Account) {
  const {
    id: _id,
    createdAt: _c,
    updatedAt: _u,
    version: _v,
    contactCount: _n,
    ...values
  } = account;
  return values;
}
function contactValues(contact: Contact) {
  const { id: _id, accountId: _a, createdAt: _c, updatedAt: _u, version: _v, ...values } = contact;
  return values;
}

describe('CSV imports', () => {
  let database: TestDatabase;
  let bus: Bus;
  let dataDir: string;
  let files: TestStorage;
  let stack: Stack;

  const as = (caller: Caller) => ({ caller });

  async function startImport(
    caller: Caller,
    request: {
      entity: SubjectType;
      objectKey: string;
      mapping?: ColumnMapping[];
      dryRun?: boolean;
      fileName?: string;
    },
    target = stack,
  ): Promise<ImportJob> {
    const { job } = await callUnary(
      target.imports,
      target.imports.startImport,
      { mapping: [], dryRun: false, fileName: 'people.csv', ...request },
      as(caller),
    );
    return job!;
  }

  async function finished(id: string, status: ImportStatus, target = stack): Promise<ImportJob> {
    return waitFor(
      async () => {
        const { job } = await callUnary(
          target.imports,
          target.imports.getImport,
          { id },
          as(admin),
        );
        if (job!.status === ImportStatus.IMPORT_STATUS_FAILED && status !== job!.status)
          throw new Error(`import failed: ${job!.failure}`);
        return job!.status === status ? job! : undefined;
      },
      { what: `import ${id} to reach ${ImportStatus[status]}` },
    );
  }

  async function runImport(
    entity: SubjectType,
    csv: string,
    options: { dryRun?: boolean; mapping?: ColumnMapping[]; target?: Stack } = {},
  ): Promise<ImportJob> {
    const target = options.target ?? stack;
    const objectKey = await files.upload(csv);
    const job = await startImport(
      admin,
      { entity, objectKey, dryRun: options.dryRun ?? false, mapping: options.mapping ?? [] },
      target,
    );
    return finished(job.id, ImportStatus.IMPORT_STATUS_COMPLETED, target);
  }

  function allAccounts(target = stack): Promise<Account[]> {
    return everyItem(200, async (page) => {
      const request = ListAccountsRequest.fromPartial({ page, sort: 'createdAt' });
      const { accounts, page: next } = await callUnary(
        target.accounts,
        target.accounts.listAccounts,
        request,
        as(admin),
      );
      return { items: accounts, next };
    });
  }

  function allContacts(target = stack): Promise<Contact[]> {
    return everyItem(200, async (page) => {
      const request = ListContactsRequest.fromPartial({ page, sort: 'createdAt' });
      const { contacts, page: next } = await callUnary(
        target.contacts,
        target.contacts.listContacts,
        request,
        as(admin),
      );
      return { items: contacts, next };
    });
  }

  async function createAccount(fields: Partial<CreateAccountRequest>): Promise<Account> {
    const { account } = await callUnary(
      stack.accounts,
      stack.accounts.createAccount,
      CreateAccountRequest.fromPartial(fields),
      as(admin),
    );
    return account!;
  }

  async function contactByEmail(email: string, target = stack): Promise<Contact | undefined> {
    return (await allContacts(target)).find((c) => c.email === email);
  }

  beforeAll(async () => {
    database = await createTestDatabase('imports');
    bus = await connectNatsBus({ url: testNatsUrl(), name: 'imports-test', logger });
    dataDir = await mkdtemp(join(tmpdir(), 'crm-imports-'));
    files = new TestStorage(createLocalObjectStorage({ root: dataDir }));
    stack = await startStack({
      databaseUrl: database.url,
      bus,
      storage: files.storage,
      worker: true,
    });
  });

  afterAll(async () => {
    await stack?.close();
    await bus?.close();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('reports a bad row in a dry run without writing, then imports every other row', async () => {
    const tag = slug('dry');
    const csv = await csvOf(
      ['Company', 'Web', 'Size'],
      [
        [`${tag} One`, `one.${tag}.example`, '11-50'],
        [`${tag} Two`, 'not a domain', '1-10'],
        [`${tag} Three`, `three.${tag}.example`, 'huge'],
        [`${tag} Four`, `four.${tag}.example`, ''],
      ],
    );
    const mapping = [
      { column: 'Company', field: 'name' },
      { column: 'Web', field: 'domain' },
      { column: 'Size', field: 'size' },
    ];
    const dry = await runImport(SubjectType.SUBJECT_TYPE_ACCOUNT, csv, { dryRun: true, mapping });
    expect(dry).toMatchObject({
      dryRun: true,
      totalRows: '4',
      processedRows: '4',
      createdCount: '2',
      updatedCount: '0',
      errorCount: '2',
      errors: [
        { row: '2', field: 'domain', message: 'must be a host name such as example.com' },
        { row: '3', field: 'size', message: expect.stringMatching(/^must be one of 1-10/) },
      ],
    });
    expect((await allAccounts()).filter((a) => a.name.startsWith(tag))).toEqual([]);

    const real = await runImport(SubjectType.SUBJECT_TYPE_ACCOUNT, csv, { mapping });
    expect(real).toMatchObject({ createdCount: '2', errorCount: '2', unchangedCount: '0' });
    const imported = (await allAccounts()).filter((a) => a.name.startsWith(tag));
    expect(imported.map((a) => [a.name, a.domain])).toEqual([
      [`${tag} One`, `one.${tag}.example`],
      [`${tag} Four`, `four.${tag}.example`],
    ]);
    // The person importing owns what the import creates.
    expect(imported.every((a) => a.ownerId === admin.userId)).toBe(true);

    const { errors, page } = await callUnary(
      stack.imports,
      stack.imports.listImportErrors,
      { id: real.id, page: { limit: 1, cursor: '' } },
      as(admin),
    );
    expect(errors).toEqual([
      { row: '2', field: 'domain', message: 'must be a host name such as example.com' },
    ]);
    const next = await callUnary(
      stack.imports,
      stack.imports.listImportErrors,
      { id: real.id, page: { limit: 1, cursor: page!.nextCursor } },
      as(admin),
    );
    expect(next.errors.map((e) => e.row)).toEqual(['3']);
    expect(next.page?.nextCursor).toBe('');
  });

  it('updates only fields that differ and counts exact matches as unchanged', async () => {
    const domain = `${slug('upd')}.example`;
    const account = await createAccount({
      name: 'Updatable',
      domain,
      industry: 'Retail',
      notes: 'keep me',
    });
    const csv = await csvOf(
      ['name', 'domain', 'industry'],
      [
        ['Updatable', domain, 'Retail'],
        ['Updatable', `www.${domain}`, 'Logistics'],
      ],
    );
    const job = await runImport(SubjectType.SUBJECT_TYPE_ACCOUNT, csv);
    // The second row names the same account again (its domain normalises the same).
    expect(job).toMatchObject({
      unchangedCount: '1',
      updatedCount: '1',
      createdCount: '0',
      errorCount: '0',
    });
    const after = (await allAccounts()).find((a) => a.id === account.id)!;
    expect(after).toMatchObject({ industry: 'Logistics', notes: 'keep me', version: '2' });
  });

  it('refuses a record the file names twice', async () => {
    const tag = slug('twice');
    const csv = await csvOf(
      ['firstName', 'email'],
      [
        ['Ada', `ada@${tag}.example`],
        ['Ada again', `ADA@${tag}.example`],
      ],
    );
    for (const dryRun of [true, false]) {
      const job = await runImport(SubjectType.SUBJECT_TYPE_CONTACT, csv, { dryRun });
      expect(job).toMatchObject({
        createdCount: '1',
        errorCount: '1',
        errors: [
          { row: '2', field: 'email', message: expect.stringContaining('same contact as row 1') },
        ],
      });
    }
  });

  it('reports cells PostgreSQL would refuse as row errors, and cleans the file name', async () => {
    const tag = slug('nul');
    const accounts = await csvOf(['name'], [[`${tag} Ac\u0000me`], [`${tag} Fine`]]);
    const accountsJob = await runImport(SubjectType.SUBJECT_TYPE_ACCOUNT, accounts);
    expect(accountsJob).toMatchObject({
      createdCount: '1',
      errorCount: '1',
      errors: [{ row: '1', field: 'name', message: 'must not contain control characters' }],
    });
    const contacts = await csvOf(
      ['email', 'account'],
      [
        [`one@${tag}.example`, `${tag} Ac\u0000me`],
        [`two@${tag}.example`, `${tag} ${'Vandelay'.repeat(20)}`],
      ],
    );
    const contactsJob = await runImport(SubjectType.SUBJECT_TYPE_CONTACT, contacts);
    expect(contactsJob).toMatchObject({
      createdCount: '0',
      errors: [
        { row: '1', field: 'account', message: 'must not contain control characters' },
        // Only the start of a long value is repeated.
        { row: '2', field: 'account', message: expect.stringMatching(/^no account named .{60}…$/) },
      ],
    });

    const disguised = await startImport(admin, {
      entity: SubjectType.SUBJECT_TYPE_ACCOUNT,
      objectKey: await files.upload(accounts),
      dryRun: true,
      fileName: 'invoice\u202efdp\u0085.csv',
    });
    expect(disguised.fileName).toBe('invoicefdp.csv');
    await finished(disguised.id, ImportStatus.IMPORT_STATUS_COMPLETED);
  });

  it('links contacts to their accounts by name or by domain, never guessing', async () => {
    const tag = slug('rel');
    const byName = await createAccount({ name: `Initech ${tag}` });
    const byDomain = await createAccount({
      name: `Globex ${tag}`,
      domain: `globex.${tag}.example`,
    });
    await createAccount({ name: `Twin ${tag}` });
    await createAccount({ name: `twin ${tag}` });
    const csv = await csvOf(
      ['firstName', 'lastName', 'email', 'account', 'primary'],
      [
        ['Peter', 'Gibbons', `peter@${tag}.example`, `initech ${tag}`, 'yes'],
        ['Hank', 'Scorpio', `hank@${tag}.example`, `https://www.globex.${tag}.example/`, ''],
        ['Nobody', 'Knows', `nobody@${tag}.example`, `Vandelay ${tag}`, ''],
        ['Two', 'Faced', `two@${tag}.example`, `Twin ${tag}`, ''],
        ['Free', 'Agent', `free@${tag}.example`, '', ''],
        ['Second', 'Primary', `second@${tag}.example`, `Initech ${tag}`, 'true'],
      ],
    );
    const job = await runImport(SubjectType.SUBJECT_TYPE_CONTACT, csv);
    expect(job).toMatchObject({ createdCount: '3', errorCount: '3' });
    expect(job.errors).toEqual([
      { row: '3', field: 'account', message: `no account named Vandelay ${tag}` },
      {
        row: '4',
        field: 'account',
        message: `2 accounts are named Twin ${tag}; use the domain or account id`,
      },
      { row: '6', field: 'primary', message: 'the account already has a primary contact' },
    ]);
    expect(await contactByEmail(`peter@${tag}.example`)).toMatchObject({
      accountId: byName.id,
      accountName: byName.name,
      primary: true,
    });
    expect((await contactByEmail(`hank@${tag}.example`))?.accountId).toBe(byDomain.id);
    expect((await contactByEmail(`free@${tag}.example`))?.accountId).toBeUndefined();
  });

  it('re-imports an export unchanged, and recreates the same records in an empty database', async () => {
    const tag = slug('rt');
    const accountsCsv = await csvOf(
      [
        'name',
        'domain',
        'industry',
        'size',
        'status',
        'tags',
        'phone',
        'website',
        'street',
        'city',
        'postalCode',
        'country',
        'notes',
      ],
      [
        [
          `Acme ${tag}`,
          `acme.${tag}.example`,
          'Anvils',
          '51-200',
          'customer',
          'b2b;Key Account',
          '+1 555 0100',
          `https://acme.${tag}.example/about`,
          '1 Desert Rd',
          'Phoenix',
          '85001',
          'us',
          '=SUM(A1)\n"quoted", and more',
        ],
        [`No Domain ${tag}`, '', '', '', '', '', '', '', '', '', '', '', '-5 is data'],
      ],
    );
    await runImport(SubjectType.SUBJECT_TYPE_ACCOUNT, accountsCsv);
    const contactsCsv = await csvOf(
      [
        'firstName',
        'lastName',
        'email',
        'otherEmails',
        'phone',
        'otherPhones',
        'title',
        'account',
        'primary',
      ],
      [
        [
          'Wile',
          'Coyote',
          `wile@${tag}.example`,
          `genius@${tag}.example;w@${tag}.example`,
          '+1 555 0101',
          '555-0102',
          '@Super Genius',
          `acme.${tag}.example`,
          'true',
        ],
        ['Road', 'Runner', '', '', '', '', '', `No Domain ${tag}`, 'false'],
      ],
    );
    await runImport(SubjectType.SUBJECT_TYPE_CONTACT, contactsCsv);

    const accounts = (await allAccounts()).filter((a) => a.name.endsWith(tag));
    const contacts = (await allContacts()).filter((c) => c.accountName?.endsWith(tag));
    expect(accounts).toHaveLength(2);
    expect(contacts).toHaveLength(2);
    expect(accounts[0]).toMatchObject({
      tags: ['b2b', 'key account'],
      notes: '=SUM(A1)\n"quoted", and more',
    });
    expect(contacts[0]).toMatchObject({ title: '@Super Genius', phone: '+1 555 0101' });

    const accountsExport = await csvText(accountExportColumns, accounts);
    const contactsExport = await csvText(contactExportColumns, contacts);
    expect(accountsExport).toContain("'=SUM(A1)");

    const again = await runImport(SubjectType.SUBJECT_TYPE_ACCOUNT, accountsExport);
    expect(again).toMatchObject({
      unchangedCount: '2',
      createdCount: '0',
      updatedCount: '0',
      errorCount: '0',
    });
    const contactsAgain = await runImport(SubjectType.SUBJECT_TYPE_CONTACT, contactsExport);
    expect(contactsAgain).toMatchObject({
      unchangedCount: '2',
      createdCount: '0',
      updatedCount: '0',
      errorCount: '0',
    });

    const emptyDatabase = await createTestDatabase('imports_empty');
    const empty = await startStack({
      databaseUrl: emptyDatabase.url,
      bus,
      storage: files.storage,
      worker: true,
    });
    try {
      await runImport(SubjectType.SUBJECT_TYPE_ACCOUNT, accountsExport, { target: empty });
      const recreated = await runImport(SubjectType.SUBJECT_TYPE_CONTACT, contactsExport, {
        target: empty,
      });
      // The export's account ids belong to the other database; the account names find them here.
      expect(recreated).toMatchObject({ createdCount: '2', errorCount: '0' });
      expect((await allAccounts(empty)).map(accountValues)).toEqual(accounts.map(accountValues));
      expect((await allContacts(empty)).map(contactValues)).toEqual(contacts.map(contactValues));
    } finally {
      await empty.close();
      await emptyDatabase.drop();
    }
  });

  it('undoes an import as a whole, keeping what changed since, and says so on the bus', async () => {
    const tag = slug('undo');
    const kept = await createAccount({ name: `Kept ${tag}`, domain: `kept.${tag}.example` });
    const renamed = await createAccount({
      name: `Renamed ${tag}`,
      domain: `renamed.${tag}.example`,
    });
    const durable = uniqueName('imports_finished');
    const received: InboundMessage[] = [];
    const consumer = bus.consume(
      {
        stream: ACCOUNTS_STREAM.name,
        durable,
        filterSubjects: [importSubjects.completed, importSubjects.undone],
      },
      async (batch) => {
        for (const message of batch) {
          received.push(message);
          await message.ack();
        }
      },
    );
    try {
      const csv = await csvOf(
        ['name', 'domain', 'industry'],
        [
          [`Kept ${tag}`, `kept.${tag}.example`, 'Imported industry'],
          [`Renamed ${tag}`, `renamed.${tag}.example`, 'Imported industry'],
          [`New ${tag}`, `new.${tag}.example`, ''],
          [`Edited ${tag}`, `edited.${tag}.example`, ''],
          [`Staffed ${tag}`, `staffed.${tag}.example`, ''],
        ],
      );
      const job = await runImport(SubjectType.SUBJECT_TYPE_ACCOUNT, csv);
      expect(job).toMatchObject({ createdCount: '3', updatedCount: '2' });
      const byName = async (name: string) => (await allAccounts()).find((a) => a.name === name);

      // Changed by someone after the import: both stay as they are now.
      const edited = (await byName(`Edited ${tag}`))!;
      await callUnary(
        stack.accounts,
        stack.accounts.updateAccount,
        UpdateAccountRequest.fromPartial({
          id: edited.id,
          expectedVersion: edited.version,
          notes: 'mine now',
        }),
        as(admin),
      );
      const renamedNow = (await byName(`Renamed ${tag}`))!;
      await callUnary(
        stack.accounts,
        stack.accounts.updateAccount,
        UpdateAccountRequest.fromPartial({
          id: renamed.id,
          expectedVersion: renamedNow.version,
          name: `Renamed again ${tag}`,
        }),
        as(admin),
      );
      // An account the import created that has a contact now stays too.
      const staffed = (await byName(`Staffed ${tag}`))!;
      await callUnary(
        stack.contacts,
        stack.contacts.createContact,
        CreateContactRequest.fromPartial({ firstName: 'Staff', accountId: staffed.id }),
        as(admin),
      );

      const { job: undoing } = await callUnary(
        stack.imports,
        stack.imports.undoImport,
        { id: job.id },
        as(admin),
      );
      expect(undoing?.status).toBe(ImportStatus.IMPORT_STATUS_UNDOING);
      const undone = await finished(job.id, ImportStatus.IMPORT_STATUS_UNDONE);
      expect(undone.undoSkippedCount).toBe('3');

      expect(await byName(`New ${tag}`)).toBeUndefined();
      expect(await byName(`Edited ${tag}`)).toMatchObject({ notes: 'mine now' });
      expect(await byName(`Staffed ${tag}`)).toBeDefined();
      expect((await allAccounts()).find((a) => a.id === kept.id)).toMatchObject({
        industry: undefined,
        version: '3',
      });
      expect((await allAccounts()).find((a) => a.id === renamed.id)).toMatchObject({
        name: `Renamed again ${tag}`,
        industry: 'Imported industry',
      });

      await expect(
        callUnary(stack.imports, stack.imports.undoImport, { id: job.id }, as(admin)),
      ).rejects.toMatchObject({ code: 'failed_precondition' });

      const events = await waitFor(() => {
        const mine = received.map((m) => ({
          subject: m.subject,
          event: decodeImportFinished(m.data),
        }));
        const forJob = mine.filter((m) => m.event.job?.id === job.id);
        return forJob.length === 2 ? forJob : undefined;
      });
      expect(events.map((e) => e.subject)).toEqual([
        importSubjects.completed,
        importSubjects.undone,
      ]);
      expect(events[0]!.event).toMatchObject({
        job: { status: ImportStatus.IMPORT_STATUS_COMPLETED, createdCount: '3' },
        actor: { userId: admin.userId, address: admin.address },
      });
      expect(events[1]!.event.job).toMatchObject({
        status: ImportStatus.IMPORT_STATUS_UNDONE,
        undoSkippedCount: '3',
      });
    } finally {
      await consumer.stop();
    }
  });

  it('shows progress while a job runs', async () => {
    const tag = slug('progress');
    const header = 'email,firstName\r\n';
    const line = (n: number) => `p${n}@${tag}.example,Person ${n}\r\n`;
    const head = header + Array.from({ length: 25 }, (_, n) => line(n)).join('');
    const rest = Array.from({ length: 15 }, (_, n) => line(25 + n)).join('');
    const { key, upload } = await files.uploadHeld(head, rest);
    const job = await startImport(admin, {
      entity: SubjectType.SUBJECT_TYPE_CONTACT,
      objectKey: key,
    });
    expect(job.status).toBe(ImportStatus.IMPORT_STATUS_QUEUED);

    // Batches of 10: two are committed while the file is still arriving.
    const running = await waitFor(async () => {
      const { job: current } = await callUnary(
        stack.imports,
        stack.imports.getImport,
        { id: job.id },
        as(admin),
      );
      return current!.processedRows === '20' ? current! : undefined;
    });
    expect(running).toMatchObject({
      status: ImportStatus.IMPORT_STATUS_RUNNING,
      totalRows: '0',
      createdCount: '20',
    });
    upload.release();
    expect(await finished(job.id, ImportStatus.IMPORT_STATUS_COMPLETED)).toMatchObject({
      totalRows: '40',
      processedRows: '40',
      createdCount: '40',
    });
  });

  it('checks the mapping against the file before queueing', async () => {
    const objectKey = await files.upload('Phone,Title\r\n123,CEO\r\n');
    await expect(
      startImport(admin, { entity: SubjectType.SUBJECT_TYPE_CONTACT, objectKey }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      fieldErrors: [
        {
          path: '/mapping',
          message: 'Map a column to at least one of email, firstName, lastName.',
        },
      ],
    });
    await expect(
      startImport(admin, {
        entity: SubjectType.SUBJECT_TYPE_CONTACT,
        objectKey: 'attachments/secret.pdf',
      }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(
      startImport(admin, {
        entity: SubjectType.SUBJECT_TYPE_CONTACT,
        objectKey: 'imports/missing.csv',
      }),
    ).rejects.toMatchObject({
      fieldErrors: [{ path: '/objectKey', message: 'no uploaded file is stored here' }],
    });
  });

  it('suggests a mapping from a header, to those who may import', async () => {
    const suggest = (caller: Caller, columns: string[]) =>
      callUnary(
        stack.imports,
        stack.imports.suggestImportMapping,
        { entity: SubjectType.SUBJECT_TYPE_CONTACT, columns },
        as(caller),
      );
    const { mapping, fields } = await suggest(manager, [
      'E-mail',
      'Surname',
      'Shoe size',
      'Company',
    ]);
    expect(mapping).toEqual([
      { column: 'E-mail', field: 'email' },
      { column: 'Surname', field: 'lastName' },
      { column: 'Company', field: 'account' },
    ]);
    expect(fields).toEqual(expect.arrayContaining(['firstName', 'email', 'account', 'primary']));
    await expect(suggest(staff, ['email'])).rejects.toMatchObject({ code: 'permission_denied' });
    await expect(suggest(admin, ['x'.repeat(201)])).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it('lets admins and managers import; managers see and undo only their own', async () => {
    const objectKey = await files.upload(`name\r\n${uniqueName('Authz')}\r\n`);
    const entity = SubjectType.SUBJECT_TYPE_ACCOUNT;
    await expect(startImport(staff, { entity, objectKey })).rejects.toMatchObject({
      code: 'permission_denied',
    });
    await expect(startImport({ kind: 'anonymous' }, { entity, objectKey })).rejects.toMatchObject({
      code: 'unauthenticated',
    } satisfies Partial<DomainError>);

    const job = await startImport(manager, { entity, objectKey });
    expect(job.createdBy).toBe(manager.userId);
    await finished(job.id, ImportStatus.IMPORT_STATUS_COMPLETED);

    const get = (caller: Caller) =>
      callUnary(stack.imports, stack.imports.getImport, { id: job.id }, as(caller));
    await expect(get(manager)).resolves.toMatchObject({ job: { id: job.id } });
    await expect(get(admin)).resolves.toMatchObject({ job: { id: job.id } });
    await expect(get(otherManager)).rejects.toMatchObject({ code: 'not_found' });
    await expect(get(staff)).rejects.toMatchObject({ code: 'permission_denied' });

    const list = async (caller: Caller) =>
      (
        await callUnary(
          stack.imports,
          stack.imports.listImports,
          { page: { limit: 200, cursor: '' } },
          as(caller),
        )
      ).jobs.map((j) => j.id);
    expect(await list(manager)).toEqual([job.id]);
    expect(await list(otherManager)).toEqual([]);
    expect(await list(admin)).toContain(job.id);

    const undo = (caller: Caller) =>
      callUnary(stack.imports, stack.imports.undoImport, { id: job.id }, as(caller));
    await expect(undo(otherManager)).rejects.toMatchObject({ code: 'not_found' });
    await expect(undo(staff)).rejects.toMatchObject({ code: 'permission_denied' });
    await expect(undo(manager)).resolves.toMatchObject({
      job: { status: ImportStatus.IMPORT_STATUS_UNDOING },
    });
    await finished(job.id, ImportStatus.IMPORT_STATUS_UNDONE);
  });

  it('pages the job list newest first', async () => {
    const seen: string[] = [];
    let cursor = '';
    do {
      const { jobs, page } = await callUnary(
        stack.imports,
        stack.imports.listImports,
        { page: { limit: 2, cursor } },
        as(admin),
      );
      seen.push(...jobs.map((j) => j.createdAt!));
      cursor = page?.nextCursor ?? '';
    } while (cursor);
    expect(seen.length).toBeGreaterThan(4);
    expect([...seen].sort().reverse()).toEqual(seen);
  });
});

describe('import workers', () => {
  let database: TestDatabase;
  let bus: Bus;
  let dataDir: string;
  let files: TestStorage;
  let stack: Stack;
  const orms: Orm[] = [];

  /** A worker as another replica would run one: its own connection pool. */
  async function replica(batchSize = 10): Promise<ImportWorker> {
    const orm = await createOrm({
      clientUrl: database.url,
      schema: 'accounts',
      entities: accountsEntities,
      migrations,
      logger,
    });
    orms.push(orm);
    return startImportWorker({
      orm,
      storage: files.storage,
      logger,
      notifyOutbox: () => undefined,
      batchSize,
      pollIntervalMs: 50,
    });
  }

  async function queue(rows: number, tag: string) {
    const lines = Array.from({ length: rows }, (_, n) => `w${n}@${tag}.example,Worker ${n}\r\n`);
    const objectKey = await files.upload(`email,firstName\r\n${lines.join('')}`);
    const { job } = await callUnary(
      stack.imports,
      stack.imports.startImport,
      {
        entity: SubjectType.SUBJECT_TYPE_CONTACT,
        objectKey,
        fileName: 'w.csv',
        mapping: [],
        dryRun: false,
      },
      { caller: admin },
    );
    return job!;
  }

  async function jobRow(id: string) {
    return (await new ImportJobRepository(await ImportSql.of(orms[0]!)).find(id))!;
  }

  beforeAll(async () => {
    database = await createTestDatabase('import_workers');
    bus = await connectNatsBus({ url: testNatsUrl(), name: 'import-workers-test', logger });
    dataDir = await mkdtemp(join(tmpdir(), 'crm-import-workers-'));
    files = new TestStorage(createLocalObjectStorage({ root: dataDir }));
    // Jobs are queued through the service; only the replicas below run them.
    stack = await startStack({
      databaseUrl: database.url,
      bus,
      storage: files.storage,
      worker: false,
    });
    orms.push(
      await createOrm({
        clientUrl: database.url,
        schema: 'accounts',
        entities: accountsEntities,
        migrations,
        logger,
      }),
    );
  });

  afterAll(async () => {
    await stack?.close();
    for (const orm of orms) await orm.close();
    await bus?.close();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('hands one job to one of two replicas claiming at once', async () => {
    const job = await queue(1, slug('claim'));
    const sql = await ImportSql.of(orms[0]!);
    const repositories = [new ImportJobRepository(sql), new ImportJobRepository(sql)];
    const claims = await Promise.all(repositories.map((r) => r.claim(60_000)));
    expect(claims.filter((c) => c?.job.id === job.id)).toHaveLength(1);
    // Handed back, so the replicas below can run it.
    await repositories[0]!.release(
      claims.find((c) => c !== undefined)!,
      { countAttempt: false },
    );
  });

  it('runs many jobs on two replicas, each exactly once', async () => {
    const tag = slug('many');
    const jobs = await Promise.all(Array.from({ length: 6 }, (_, n) => queue(30, `${tag}-${n}`)));
    const workers = [await replica(), await replica()];
    try {
      for (const job of jobs) {
        await waitFor(async () => (await jobRow(job.id)).status === 'completed', {
          what: `job ${job.id}`,
        });
        expect(await jobRow(job.id)).toMatchObject({
          createdCount: '30',
          processedRows: '30',
          attempts: 1,
        });
      }
      const sql = await ImportSql.of(orms[0]!);
      const [count] = await sql.rows<{ count: string }>(
        `select count(*) from ${sql.tables.contacts} where "email" like $1`,
        [`%@${tag}-%`],
      );
      expect(count?.count).toBe('180');
    } finally {
      for (const worker of workers) await worker.stop();
    }
  });

  it('continues a job where the last batch ended after its worker stopped', async () => {
    const tag = slug('resume');
    const line = (n: number) => `r${n}@${tag}.example,Resumed ${n}\r\n`;
    const { key, upload } = await files.uploadHeld(
      `email,firstName\r\n${Array.from({ length: 25 }, (_, n) => line(n)).join('')}`,
      Array.from({ length: 20 }, (_, n) => line(25 + n)).join(''),
    );
    const { job } = await callUnary(
      stack.imports,
      stack.imports.startImport,
      {
        entity: SubjectType.SUBJECT_TYPE_CONTACT,
        objectKey: key,
        fileName: 'r.csv',
        mapping: [],
        dryRun: false,
      },
      { caller: admin },
    );
    const first = await replica();
    await waitFor(async () => (await jobRow(job!.id)).processedRows === '20');
    // Stopping does not wait for the rest of the file: the job goes back, at row 20.
    await first.stop();
    expect(await jobRow(job!.id)).toMatchObject({ status: 'running', processedRows: '20' });
    upload.release();

    const second = await replica();
    try {
      await waitFor(async () => (await jobRow(job!.id)).status === 'completed');
      expect(await jobRow(job!.id)).toMatchObject({
        createdCount: '45',
        processedRows: '45',
        totalRows: '45',
      });
    } finally {
      await second.stop();
    }
  });

  it('takes over a job whose worker died once its lease ran out', async () => {
    const job = await queue(12, slug('dead'));
    const repository = new ImportJobRepository(await ImportSql.of(orms[0]!));
    // A worker that claims the job with a short lease and is never heard of again.
    const claim = await repository.claim(300);
    expect(claim?.job.id).toBe(job.id);
    const worker = await replica();
    try {
      await waitFor(async () => (await jobRow(job.id)).status === 'completed');
      expect(await jobRow(job.id)).toMatchObject({ createdCount: '12', attempts: 2 });
    } finally {
      await worker.stop();
    }
  });
});
