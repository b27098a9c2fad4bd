import { uuidv7 } from '@crm/db';
import { DomainError } from '@crm/errors';
import { accountColumnsOf } from '../db/account-record.js';
import {
  ACCOUNT_NAME_MAX_LENGTH,
  accountFieldNames,
  changedFields,
  isUuid,
  normaliseDomain,
  normaliseLine,
  parseAccountPatch,
  parseNewAccount,
  type AccountFields,
  type AccountStatus,
  type CompanySize,
} from '../domain/index.js';
import type { BatchOutcome, EntityImporter, ImportRow, UndoOutcome } from './entity-importer.js';
import { eachRow, ImportTarget } from './import-batch.js';
import type { RowErrorInput } from './import-job-repository.js';
import type { ImportJobRow } from './import-job.js';
import { idMark, type BulkColumn } from './import-log.js';
import { accountInputOf } from './import-rows.js';
import type { ImportTables, SqlClient } from './sql.js';

type AccountColumns = ReturnType<typeof accountColumnsOf>;

/** An account as the importer reads it: its columns, id and version. */
interface StoredAccount extends AccountColumns {
  id: string;
  version: number;
}

/** The writable columns, as bulk statements fill them. */
const COLUMNS: ReadonlyArray<BulkColumn<AccountColumns>> = [
  { column: 'name', type: 'text', value: (a) => a.name },
  { column: 'domain', type: 'text', value: (a) => a.domain },
  { column: 'industry', type: 'text', value: (a) => a.industry },
  { column: 'size', type: 'text', value: (a) => a.size },
  { column: 'street', type: 'text', value: (a) => a.street },
  { column: 'city', type: 'text', value: (a) => a.city },
  { column: 'region', type: 'text', value: (a) => a.region },
  { column: 'postal_code', type: 'text', value: (a) => a.postalCode },
  { column: 'country', type: 'text', value: (a) => a.country },
  { column: 'phone', type: 'text', value: (a) => a.phone },
  { column: 'website', type: 'text', value: (a) => a.website },
  { column: 'owner_id', type: 'uuid', value: (a) => a.ownerId },
  { column: 'status', type: 'text', value: (a) => a.status },
  { column: 'tags', type: 'text[]', value: (a) => a.tags },
  { column: 'notes', type: 'text', value: (a) => a.notes },
];

/** The inverse of `accountColumnsOf`: a stored row's fields in their domain shape. */
function fieldsOf(account: AccountColumns): AccountFields {
  const { street, city, region, postalCode, country } = account;
  return {
    name: account.name,
    domain: account.domain,
    industry: account.industry,
    size: account.size as CompanySize | null,
    address: [street, city, region, postalCode, country].some((part) => part)
      ? {
          street: street ?? '',
          city: city ?? '',
          region: region ?? '',
          postalCode: postalCode ?? '',
          country: country ?? '',
        }
      : null,
    phone: account.phone,
    website: account.website,
    ownerId: account.ownerId,
    status: account.status as AccountStatus,
    tags: account.tags,
    notes: account.notes,
  };
}

/** How a row finds its account: by domain, else by name (see `matchKeyOf`). */
type MatchKey =
  | { kind: 'domain'; domain: string }
  | { kind: 'name'; name: string; withoutDomain: boolean }
  | { kind: 'none' };

/**
 * A row with a domain matches the accounts with that domain. A row whose domain cell is empty
 * matches an account of the same name (ignoring case) that has no domain either; when the file
 * has no domain column at all, any account of that name. Names are compared as the domain stores
 * them (trimmed), so an export's rows find their accounts again.
 */
function matchKeyOf(cells: ImportRow['cells']): MatchKey {
  if (cells.domain !== undefined) {
    const domain = normaliseDomain(cells.domain);
    if (!domain.ok) throw DomainError.validation([{ path: '/domain', message: domain.message }]);
    if (domain.value !== null) return { kind: 'domain', domain: domain.value };
  }
  // Checked as the account's name is, before it is looked up: PostgreSQL refuses NUL.
  const name = normaliseLine(cells.name, ACCOUNT_NAME_MAX_LENGTH);
  if (!name.ok) throw DomainError.validation([{ path: '/name', message: name.message }]);
  if (name.value === null) return { kind: 'none' };
  return {
    kind: 'name',
    name: name.value.toLowerCase(),
    withoutDomain: cells.domain !== undefined,
  };
}

function marksOf(key: MatchKey): string[] {
  if (key.kind === 'domain') return [`domain:${key.domain}`];
  if (key.kind === 'name') return [`name:${key.name}`];
  return [];
}

function matchesOf(key: MatchKey, existing: readonly StoredAccount[]): StoredAccount[] {
  switch (key.kind) {
    case 'domain':
      return existing.filter((a) => a.domain === key.domain);
    case 'name':
      return existing.filter(
        (a) => a.name.toLowerCase() === key.name && (!key.withoutDomain || a.domain === null),
      );
    default:
      return [];
  }
}

function repeated(key: MatchKey, row: number): DomainError {
  const field = key.kind === 'domain' ? 'domain' : 'name';
  return DomainError.validation([
    {
      path: `/${field}`,
      message: `names the same account as row ${row}; a file may name each account once`,
    },
  ]);
}

export class AccountImporter implements EntityImporter {
  private readonly target: ImportTarget<AccountColumns>;

  constructor(private readonly tables: ImportTables) {
    this.target = new ImportTarget(tables, {
      table: tables.accounts,
      subjectType: 'account',
      columns: COLUMNS,
    });
  }

  async importBatch(
    tx: SqlClient,
    job: ImportJobRow,
    rows: readonly ImportRow[],
  ): Promise<BatchOutcome> {
    const errors: RowErrorInput[] = [];
    const keyed = eachRow(rows, errors, (row) => ({ ...row, key: matchKeyOf(row.cells) }));
    const existing = await this.findExisting(
      tx,
      job,
      keyed.map((k) => k.key),
    );
    const plan = await this.target.plan(
      tx,
      job,
      keyed.flatMap((k) => marksOf(k.key)),
      existing,
    );

    eachRow(keyed, errors, ({ row, cells, key }) => {
      const matches = matchesOf(key, existing);
      if (matches.length > 1) {
        const what = key.kind === 'domain' ? `the domain ${key.domain}` : `this name`;
        throw DomainError.validation([
          {
            path: key.kind === 'domain' ? '/domain' : '/name',
            message: `${matches.length} accounts have ${what}; merge them or tell them apart by domain`,
          },
        ]);
      }
      const [match] = matches;
      const rowMarks = match ? [idMark(match.id)] : marksOf(key);
      const earlier = plan.earlierRow(rowMarks);
      if (earlier !== undefined) throw repeated(key, earlier);
      if (match) {
        const before = fieldsOf(match);
        const after = { ...before, ...parseAccountPatch(accountInputOf(cells, before.address)) };
        const changes = changedFields(before, after, accountFieldNames);
        if (changes.length === 0) {
          plan.unchanged += 1;
          return;
        }
        const fields = accountColumnsOf(after);
        plan.add(
          { id: match.id, row, version: match.version, fields, changes },
          'updated',
          rowMarks,
        );
      } else {
        const input = accountInputOf(cells, null);
        // Without an owner column the person importing owns what the import creates.
        if (!('ownerId' in cells) && isUuid(job.createdBy)) input.ownerId = job.createdBy;
        const fields = accountColumnsOf(parseNewAccount({ ...input, name: input.name ?? '' }));
        plan.add({ id: uuidv7(), row, version: 1, fields, changes: [] }, 'created', rowMarks);
      }
    });

    return this.target.finish(tx, job, rows.length, plan, errors);
  }

  /** Every account any row of the batch could match, locked for the update in a real run. */
  private async findExisting(
    tx: SqlClient,
    job: ImportJobRow,
    keys: readonly MatchKey[],
  ): Promise<StoredAccount[]> {
    const domains = keys.flatMap((k) => (k.kind === 'domain' ? [k.domain] : []));
    const names = keys.flatMap((k) => (k.kind === 'name' ? [k.name] : []));
    if (domains.length === 0 && names.length === 0) return [];
    const { rows } = await tx.query<StoredAccount>(
      `select "id", "version", "name", "domain", "industry", "size", "street", "city", "region",
         "postal_code" as "postalCode", "country", "phone", "website", "owner_id" as "ownerId",
         "status", "tags", "notes"
       from ${this.tables.accounts}
       where "domain" = any($1::text[]) or lower("name") = any($2::text[])
       ${job.dryRun ? '' : 'for update'}`,
      [domains, names],
    );
    return rows;
  }

  undoBatch(tx: SqlClient, job: ImportJobRow, limit: number): Promise<UndoOutcome> {
    return this.target.undo(tx, job, limit, {
      // An account that gained contacts or files since is someone's work now: it stays.
      deletable: `not exists (select 1 from ${this.tables.contacts} c where c."account_id" = t."id")`,
      restorable: 'true',
    });
  }
}
