import { LockMode, type EntityDictionary } from '@mikro-orm/core';
import { uuidv7, type OrmEntityManager } from '@crm/db';
import type { AccountFields } from '../domain/account-fields.js';
import type { AccountFilters } from '../domain/list-filters.js';
import type { AccountSort } from '../domain/account-order.js';
import type { ListCursor } from '../domain/cursor.js';
import { accountSearchSql } from './record-search-sql.js';
import { accountColumnsOf } from './account-record.js';
import { AccountEntity, type Account } from './account.entity.js';
import { entityColumns, recordListPage } from './keyset-page.js';
import { schemaOf, Statement, type Row } from './sql-statement.js';

export interface ListAccountsOptions {
  limit: number;
  sort: AccountSort;
  after?: ListCursor<AccountSort> | undefined;
  query?: string | undefined;
  filters?: AccountFilters | undefined;
}

export interface AccountPage {
  accounts: Account[];
  /** Where the next page starts; undefined on the last page. */
  next: ListCursor<AccountSort> | undefined;
}

/** The column each sort field walks. */
const SORT_COLUMNS: Record<string, string> = {
  relevance: 'relevance',
  name: 'name',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
};

const COLUMNS = [
  'id',
  'name',
  'domain',
  'owner_id',
  'industry',
  'size',
  'street',
  'city',
  'region',
  'postal_code',
  'country',
  'phone',
  'website',
  'status',
  'tags',
  'notes',
  'created_at',
  'updated_at',
  'version',
]
  .map((column) => `a."${column}"`)
  .join(', ');

/** Most records a duplicate warning names. */
export const DUPLICATES_LIMIT = 10;

function filterClauses(filters?: AccountFilters): Statement[] {
  if (!filters) return [];
  const clauses: Statement[] = [];
  if (filters.ownerIds.length)
    clauses.push(new Statement().add('a."owner_id" = any(array[?]::uuid[])', filters.ownerIds));
  if (filters.statuses.length)
    clauses.push(new Statement().add('a."status" = any(array[?]::text[])', filters.statuses));
  if (filters.tags.length)
    clauses.push(new Statement().add('a."tags" && array[?]::text[]', filters.tags));
  if (filters.industries.length)
    clauses.push(
      new Statement().add('lower(a."industry") = any(array[?]::text[])', filters.industries),
    );
  return clauses;
}

export class AccountRepository {
  constructor(private readonly em: OrmEntityManager) {}

  /** Adds the account to the unit of work; the caller flushes (with its outbox row). */
  create(fields: AccountFields): Account {
    const now = new Date();
    return this.em.create(AccountEntity, {
      // Time-ordered ids keep "newest first" stable for rows created in the same millisecond.
      id: uuidv7(),
      ...accountColumnsOf(fields),
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
  }

  /** Sets the account's fields in the unit of work; the next flush writes them and bumps its version. */
  assign(account: Account, fields: AccountFields): void {
    this.em.assign(account, accountColumnsOf(fields));
  }

  findById(id: string): Promise<Account | null> {
    return this.em.findOne(AccountEntity, { id });
  }

  /**
   * The account, locked until the transaction ends: `update` for changing or deleting it,
   * `share` to keep it from going away while something is attached to it.
   */
  lock(id: string, mode: 'update' | 'share'): Promise<Account | null> {
    return this.em.findOne(
      AccountEntity,
      { id },
      {
        lockMode: mode === 'update' ? LockMode.PESSIMISTIC_WRITE : LockMode.PESSIMISTIC_READ,
        refresh: true,
      },
    );
  }

  remove(account: Account): void {
    this.em.remove(account);
  }

  /**
   * One page in the requested order (id breaks ties), narrowed by filters and a search. A search
   * finds words and word prefixes, literal substrings and near misses (typos) in name or domain.
   */
  async list(options: ListAccountsOptions): Promise<AccountPage> {
    const { rows, next } = await recordListPage(this.em, {
      table: 'accounts',
      columns: COLUMNS,
      sortColumns: SORT_COLUMNS,
      sort: options.sort,
      after: options.after,
      limit: options.limit,
      search: options.query ? accountSearchSql(options.query) : undefined,
      filters: filterClauses(options.filters),
    });
    return { accounts: rows.map((row) => this.toEntity(row)), next };
  }

  /** Accounts with this domain (or this name, ignoring case), oldest first, but `excludeId`. */
  async findDuplicates(options: {
    domain?: string | null | undefined;
    name?: string | null | undefined;
    excludeId?: string | null | undefined;
  }): Promise<Account[]> {
    const matches: Statement[] = [];
    if (options.domain) matches.push(new Statement().add('a."domain" = ?', options.domain));
    if (options.name)
      matches.push(new Statement().add('lower(a."name") = lower(?)', options.name.trim()));
    if (matches.length === 0) return [];
    const statement = new Statement()
      .add(`select ${COLUMNS} from ??.?? a where (`, schemaOf(this.em), 'accounts')
      .append(matches[0]!);
    if (matches[1]) statement.add('or').append(matches[1]);
    statement.add(')');
    if (options.excludeId) statement.add('and a."id" <> ?', options.excludeId);
    statement.add('order by a."created_at", a."id" limit ?', DUPLICATES_LIMIT);
    const rows = await this.em.execute<Row[]>(statement.sql, statement.params);
    return rows.map((row) => this.toEntity(row));
  }

  /** How many contacts each account has (accounts without any are left out). */
  async contactCounts(ids: readonly string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows = await this.em.execute<Array<{ account_id: string; count: number }>>(
      'select "account_id", count(*)::int as "count" from ??.?? where "account_id" = any(array[?]::uuid[]) group by "account_id"',
      [schemaOf(this.em), 'contacts', ids],
    );
    return new Map(rows.map((row) => [row.account_id, Number(row.count)]));
  }

  async contactCount(id: string): Promise<number> {
    return (await this.contactCounts([id])).get(id) ?? 0;
  }

  private toEntity(row: Row): Account {
    // Merged into the identity map, so a later flush in the same unit of work sees them.
    return this.em.map(AccountEntity, entityColumns(row) as EntityDictionary<Account>);
  }
}
