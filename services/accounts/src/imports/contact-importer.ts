import { uuidv7 } from '@crm/db';
import { DomainError } from '@crm/errors';
import {
  applyContactPatch,
  changedFields,
  CONTROL_CHARACTERS,
  contactFieldNames,
  excerpt,
  isUuid,
  normaliseDomain,
  normaliseId,
  parseContactPatch,
  parseNewContact,
  type ContactFields,
  type ContactFieldsInput,
  type ContactPatch,
} from '../domain/index.js';
import type { BatchOutcome, EntityImporter, ImportRow, UndoOutcome } from './entity-importer.js';
import { eachRow, ImportTarget, type RecordWrite } from './import-batch.js';
import type { RowErrorInput } from './import-job-repository.js';
import type { ImportJobRow } from './import-job.js';
import { idMark, type BulkColumn } from './import-log.js';
import { contactInputOf } from './import-rows.js';
import type { ImportTables, SqlClient } from './sql.js';

interface StoredContact extends ContactFields {
  id: string;
  version: number;
}

interface AccountRef {
  id: string;
  name: string;
  domain: string | null;
}

type ContactWrite = RecordWrite<ContactFields>;

/** A row after the checks that need no database: its fields and how it may be matched. */
interface ParsedRow {
  row: number;
  /** The mapped fields as given, for a new contact. */
  input: ContactFieldsInput;
  /** The same fields normalised, for a change to an existing contact. */
  patch: ContactPatch;
  /** The row's addresses, lower-cased: it matches a contact having any of them. */
  emails: string[];
  /** The account the row names: undefined when the file has no account column. */
  account: AccountReference | undefined;
}

interface ResolvedRow extends ParsedRow {
  /** The account's id, null for none, undefined when the file does not say. */
  accountId: string | null | undefined;
}

type AccountReference = { id: string | null; ref: string };

const COLUMNS: ReadonlyArray<BulkColumn<ContactFields>> = [
  { column: 'account_id', type: 'uuid', value: (c) => c.accountId },
  { column: 'first_name', type: 'text', value: (c) => c.firstName },
  { column: 'last_name', type: 'text', value: (c) => c.lastName },
  { column: 'email', type: 'text', value: (c) => c.email },
  { column: 'other_emails', type: 'text[]', value: (c) => c.otherEmails },
  { column: 'phone', type: 'text', value: (c) => c.phone },
  { column: 'other_phones', type: 'text[]', value: (c) => c.otherPhones },
  { column: 'title', type: 'text', value: (c) => c.title },
  { column: 'owner_id', type: 'uuid', value: (c) => c.ownerId },
  { column: 'is_primary', type: 'boolean', value: (c) => c.primary },
];

/** `first last` as the generated `full_name` column holds it, lower-cased. */
function fullNameKey(firstName: string, lastName: string): string {
  return `${firstName} ${lastName}`.trim().toLowerCase();
}

function validation(field: string, message: string): DomainError {
  return DomainError.validation([{ path: `/${field}`, message }]);
}

/**
 * The account a row names: its id when the file has an `accountId` that exists, else its
 * `account` cell, read as a domain when it looks like one (then as a name if no account has that
 * domain), else as an exact name, ignoring case. Empty cells mean no account.
 */
function readAccountCells(cells: ImportRow['cells']): AccountReference | undefined {
  if (cells.accountId === undefined && cells.account === undefined) return undefined;
  const id = normaliseId(cells.accountId, 'an account');
  if (!id.ok) throw validation('accountId', id.message);
  const ref = cells.account?.trim() ?? '';
  // No account's name or domain holds one, and PostgreSQL refuses NUL in the lookup.
  if (CONTROL_CHARACTERS.test(ref))
    throw validation('account', 'must not contain control characters');
  return { id: id.value, ref };
}

function domainOf(ref: string): string | null {
  if (/\s/.test(ref)) return null;
  const domain = normaliseDomain(ref);
  return domain.ok ? domain.value : null;
}

function resolveAccount(
  reference: AccountReference,
  accounts: readonly AccountRef[],
): string | null {
  if (reference.id !== null) {
    if (accounts.some((a) => a.id === reference.id)) return reference.id;
    if (reference.ref === '')
      throw validation('accountId', `no account has the id ${reference.id}`);
  }
  if (reference.ref === '') return null;
  const domain = domainOf(reference.ref);
  if (domain !== null) {
    const byDomain = accounts.filter((a) => a.domain === domain);
    if (byDomain.length > 1)
      throw validation(
        'account',
        `${byDomain.length} accounts have the domain ${domain}; use the account id`,
      );
    if (byDomain[0]) return byDomain[0].id;
  }
  const name = reference.ref.toLowerCase();
  const byName = accounts.filter((a) => a.name.toLowerCase() === name);
  if (byName.length > 1)
    throw validation(
      'account',
      `${byName.length} accounts are named ${excerpt(reference.ref)}; use the domain or account id`,
    );
  if (!byName[0]) throw validation('account', `no account named ${excerpt(reference.ref)}`);
  return byName[0].id;
}

/** The mark of a contact without addresses: its name and account. */
function personMark(firstName: string, lastName: string, accountId: string | null): string {
  return `person:${fullNameKey(firstName, lastName)}\n${accountId ?? ''}`;
}

/** The marks a row leaves: the contact's id when it matched one, else its addresses or name. */
function marksOf(fields: ContactFields): string[] {
  const emails = [fields.email, ...fields.otherEmails].filter((e): e is string => e !== null);
  if (emails.length > 0) return emails.map((email) => `email:${email}`);
  return [personMark(fields.firstName, fields.lastName, fields.accountId)];
}

/** Marks a dry run looks for before knowing the rows' outcomes (a superset is harmless). */
function candidateMarks(row: ResolvedRow): string[] {
  if (row.emails.length > 0) return row.emails.map((email) => `email:${email}`);
  return [personMark(row.patch.firstName ?? '', row.patch.lastName ?? '', row.accountId ?? null)];
}

function keyField(row: ParsedRow): string {
  return row.emails.length > 0 ? 'email' : 'lastName';
}

function describe(contact: StoredContact): string {
  return contact.email ?? fullNameKey(contact.firstName, contact.lastName);
}

const SELECT_CONTACT = `select "id", "version", "account_id" as "accountId", "first_name" as "firstName",
  "last_name" as "lastName", "email", "other_emails" as "otherEmails", "phone",
  "other_phones" as "otherPhones", "title", "owner_id" as "ownerId", "is_primary" as "primary"`;

export class ContactImporter implements EntityImporter {
  private readonly target: ImportTarget<ContactFields>;

  constructor(private readonly tables: ImportTables) {
    this.target = new ImportTarget(tables, {
      table: tables.contacts,
      subjectType: 'contact',
      columns: COLUMNS,
    });
  }

  async importBatch(
    tx: SqlClient,
    job: ImportJobRow,
    rows: readonly ImportRow[],
  ): Promise<BatchOutcome> {
    const errors: RowErrorInput[] = [];
    const parsed = eachRow(rows, errors, (row): ParsedRow => {
      const input = contactInputOf(row.cells);
      const patch = parseContactPatch(input);
      const emails = [patch.email ?? null, ...(patch.otherEmails ?? [])].filter(
        (e): e is string => e !== null,
      );
      return { row: row.row, input, patch, emails, account: readAccountCells(row.cells) };
    });
    const accounts = await this.findAccounts(tx, job, parsed);
    const resolved = eachRow(parsed, errors, (row): ResolvedRow => ({
      ...row,
      accountId: row.account && resolveAccount(row.account, accounts),
    }));
    const existing = await this.findExisting(tx, job, resolved);
    const primaries = await this.findPrimaries(tx, resolved, existing);
    const plan = await this.target.plan(tx, job, resolved.flatMap(candidateMarks), existing);

    eachRow(resolved, errors, (row) => {
      const write = this.decide(job, row, existing);
      if (write === undefined) {
        plan.unchanged += 1;
        return;
      }
      const { matched, ...record } = write;
      const rowMarks = matched ? [idMark(record.id)] : marksOf(record.fields);
      const earlier = plan.earlierRow(rowMarks);
      if (earlier !== undefined) {
        throw validation(
          keyField(row),
          `names the same contact as row ${earlier}; a file may name each contact once`,
        );
      }
      const { accountId, primary } = record.fields;
      if (primary && accountId !== null) {
        const holder = primaries.get(accountId);
        if (holder !== undefined && holder !== record.id)
          throw validation('primary', 'the account already has a primary contact');
        primaries.set(accountId, record.id);
      }
      plan.add(record, matched ? 'updated' : 'created', rowMarks);
    });

    return this.target.finish(tx, job, rows.length, plan, errors);
  }

  /** The write a row asks for; undefined when it matches a contact exactly. */
  private decide(
    job: ImportJobRow,
    row: ResolvedRow,
    existing: readonly StoredContact[],
  ): (ContactWrite & { matched: boolean }) | undefined {
    const matches = this.matchesOf(row, existing);
    if (matches.length > 1) {
      throw validation(
        keyField(row),
        `matches ${matches.length} contacts (${matches.map(describe).join(', ')}); merge them first`,
      );
    }
    const [match] = matches;
    if (match) {
      const { id, version, ...before } = match;
      const patch =
        row.accountId === undefined ? row.patch : { ...row.patch, accountId: row.accountId };
      const after = applyContactPatch(before, patch);
      const changes = changedFields(before, after, contactFieldNames);
      if (changes.length === 0) return undefined;
      return { id, row: row.row, version, fields: after, changes, matched: true };
    }
    const fields = parseNewContact({
      ...row.input,
      accountId: row.accountId ?? undefined,
      // Without an owner column the person importing owns what the import creates.
      ownerId:
        row.input.ownerId !== undefined || !isUuid(job.createdBy)
          ? row.input.ownerId
          : job.createdBy,
    });
    return { id: uuidv7(), row: row.row, version: 1, fields, changes: [], matched: false };
  }

  /**
   * Contacts having one of the row's addresses; for a row without any, contacts without an
   * address with the same name (and the same account, when the file names accounts).
   */
  private matchesOf(row: ResolvedRow, existing: readonly StoredContact[]): StoredContact[] {
    if (row.emails.length > 0) {
      return existing.filter(
        (c) =>
          row.emails.includes(c.email ?? '') || c.otherEmails.some((e) => row.emails.includes(e)),
      );
    }
    const name = fullNameKey(row.patch.firstName ?? '', row.patch.lastName ?? '');
    if (name === '') return [];
    return existing.filter(
      (c) =>
        c.email === null &&
        fullNameKey(c.firstName, c.lastName) === name &&
        (row.accountId === undefined || c.accountId === row.accountId),
    );
  }

  /**
   * The accounts rows name, by id, domain or name. Names are looked up only where needed (the
   * name lookup cannot use an index): for references that are no domain, or a domain no account has.
   */
  private async findAccounts(
    tx: SqlClient,
    job: ImportJobRow,
    rows: readonly ParsedRow[],
  ): Promise<AccountRef[]> {
    const references = rows.flatMap((r) => (r.account ? [r.account] : []));
    if (references.length === 0) return [];
    // Accounts a batch links to must not vanish before it commits.
    const lock = job.dryRun ? '' : 'for key share';
    const ids = references.flatMap((r) => (r.id === null ? [] : [r.id]));
    const domains = references.flatMap((r) => {
      const domain = domainOf(r.ref);
      return domain === null ? [] : [domain];
    });
    const { rows: found } = await tx.query<AccountRef>(
      `select "id", "name", "domain" from ${this.tables.accounts}
       where "id" = any($1::uuid[]) or "domain" = any($2::text[]) ${lock}`,
      [ids, domains],
    );
    const names = references.flatMap((r) => {
      if (r.ref === '' || (r.id !== null && found.some((a) => a.id === r.id))) return [];
      const domain = domainOf(r.ref);
      return domain !== null && found.some((a) => a.domain === domain) ? [] : [r.ref.toLowerCase()];
    });
    if (names.length === 0) return found;
    const { rows: named } = await tx.query<AccountRef>(
      `select "id", "name", "domain" from ${this.tables.accounts}
       where lower("name") = any($1::text[]) ${lock}`,
      [names],
    );
    return [...found, ...named.filter((a) => !found.some((f) => f.id === a.id))];
  }

  /** Every contact any row could match, locked for the update in a real run. */
  private async findExisting(
    tx: SqlClient,
    job: ImportJobRow,
    rows: readonly ResolvedRow[],
  ): Promise<StoredContact[]> {
    const lock = job.dryRun ? '' : 'for update';
    const emails = [...new Set(rows.flatMap((r) => r.emails))];
    const names = [
      ...new Set(
        rows.flatMap((r) =>
          r.emails.length > 0 ? [] : [fullNameKey(r.patch.firstName ?? '', r.patch.lastName ?? '')],
        ),
      ),
    ].filter((name) => name !== '');
    const found: StoredContact[] = [];
    if (emails.length > 0) {
      // Row statistics lag behind a table an import is filling, and a plan made on them scans
      // every contact per batch; both conditions have their index, so the lookup uses them.
      await tx.query(`select set_config('enable_seqscan', 'off', true)`);
      const { rows: byEmail } = await tx.query<StoredContact>(
        `${SELECT_CONTACT} from ${this.tables.contacts}
         where "email" = any($1::text[]) or "other_emails" && $1::text[] ${lock}`,
        [emails],
      );
      await tx.query(`select set_config('enable_seqscan', 'on', true)`);
      found.push(...byEmail);
    }
    if (names.length > 0) {
      const { rows: byName } = await tx.query<StoredContact>(
        `${SELECT_CONTACT} from ${this.tables.contacts}
         where "email" is null and lower("full_name") = any($1::text[]) ${lock}`,
        [names],
      );
      found.push(...byName);
    }
    return found;
  }

  /** The primary contact of each account the batch touches. */
  private async findPrimaries(
    tx: SqlClient,
    rows: readonly ResolvedRow[],
    existing: readonly StoredContact[],
  ): Promise<Map<string, string>> {
    if (!rows.some((r) => r.patch.primary === true)) return new Map();
    const accountIds = [
      ...new Set([
        ...rows.flatMap((r) => (r.accountId ? [r.accountId] : [])),
        ...existing.flatMap((c) => (c.accountId ? [c.accountId] : [])),
      ]),
    ];
    const { rows: primaries } = await tx.query<{ accountId: string; id: string }>(
      `select "account_id" as "accountId", "id" from ${this.tables.contacts}
       where "is_primary" and "account_id" = any($1::uuid[])`,
      [accountIds],
    );
    return new Map(primaries.map((p) => [p.accountId, p.id]));
  }

  undoBatch(tx: SqlClient, job: ImportJobRow, limit: number): Promise<UndoOutcome> {
    const { contacts, accounts } = this.tables;
    return this.target.undo(tx, job, limit, {
      deletable: 'true',
      // Not while another contact has become the account's primary, nor to an account gone since.
      restorable: `(not p."is_primary" or not exists (
          select 1 from ${contacts} o
          where o."account_id" = p."account_id" and o."is_primary" and o."id" <> t."id"))
        and (p."account_id" is null or exists (select 1 from ${accounts} x where x."id" = p."account_id"))`,
    });
  }
}
