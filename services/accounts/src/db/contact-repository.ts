import { LockMode, type EntityDictionary } from '@mikro-orm/core';
import { uuidv7, type OrmEntityManager } from '@crm/db';
import type { ContactSort } from '../domain/contact-order.js';
import type { ContactFields } from '../domain/contact.js';
import type { ListCursor } from '../domain/cursor.js';
import type { ContactFilters } from '../domain/list-filters.js';
import { contactSearchSql } from './record-search-sql.js';
import { ContactEntity, type Contact } from './contact.entity.js';
import { DUPLICATES_LIMIT } from './account-repository.js';
import { entityColumns, recordListPage } from './keyset-page.js';
import { schemaOf, Statement, type Row } from './sql-statement.js';

export interface ListContactsOptions {
  limit: number;
  sort: ContactSort;
  after?: ListCursor<ContactSort> | undefined;
  query?: string | undefined;
  filters?: ContactFilters | undefined;
}

export interface ContactPage {
  contacts: Contact[];
  next: ListCursor<ContactSort> | undefined;
}

const SORT_COLUMNS: Record<string, string> = {
  relevance: 'relevance',
  lastName: 'last_name',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
};

const COLUMNS = [
  'id',
  'account_id',
  'first_name',
  'last_name',
  'email',
  'other_emails',
  'phone',
  'other_phones',
  'title',
  'owner_id',
  'is_primary',
  'created_at',
  'updated_at',
  'version',
]
  .map((column) => `a."${column}"`)
  .join(', ');

function filterClauses(filters?: ContactFilters): Statement[] {
  if (!filters) return [];
  const clauses: Statement[] = [];
  if (filters.accountIds.length)
    clauses.push(new Statement().add('a."account_id" = any(array[?]::uuid[])', filters.accountIds));
  if (filters.ownerIds.length)
    clauses.push(new Statement().add('a."owner_id" = any(array[?]::uuid[])', filters.ownerIds));
  return clauses;
}

export class ContactRepository {
  constructor(private readonly em: OrmEntityManager) {}

  /** Adds the contact to the unit of work; the caller flushes (with its outbox row). */
  create(fields: ContactFields): Contact {
    const now = new Date();
    return this.em.create(ContactEntity, {
      id: uuidv7(),
      ...fields,
      otherEmails: [...fields.otherEmails],
      otherPhones: [...fields.otherPhones],
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
  }

  /** Sets the contact's fields in the unit of work; the next flush writes them and bumps its version. */
  assign(contact: Contact, fields: ContactFields): void {
    this.em.assign(contact, {
      ...fields,
      otherEmails: [...fields.otherEmails],
      otherPhones: [...fields.otherPhones],
    });
  }

  findById(id: string): Promise<Contact | null> {
    return this.em.findOne(ContactEntity, { id });
  }

  /**
   * The contact, locked until the transaction ends: `update` for changing or deleting it,
   * `share` to keep it from going away while something is attached to it.
   */
  lock(id: string, mode: 'update' | 'share'): Promise<Contact | null> {
    return this.em.findOne(
      ContactEntity,
      { id },
      {
        lockMode: mode === 'update' ? LockMode.PESSIMISTIC_WRITE : LockMode.PESSIMISTIC_READ,
        refresh: true,
      },
    );
  }

  /** Every contact of an account, locked, oldest first (an account merge moves them all). */
  lockByAccount(accountId: string): Promise<Contact[]> {
    return this.em.find(
      ContactEntity,
      { accountId },
      { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { createdAt: 'asc', id: 'asc' } },
    );
  }

  /** The account's primary contact but `exceptId`, locked, if it has one. */
  lockPrimaryOf(accountId: string, exceptId?: string): Promise<Contact | null> {
    return this.em.findOne(
      ContactEntity,
      { accountId, primary: true, ...(exceptId ? { id: { $ne: exceptId } } : {}) },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
  }

  remove(contact: Contact): void {
    this.em.remove(contact);
  }

  /**
   * One page in the requested order (id breaks ties), narrowed by filters and a search on names
   * and email addresses that tolerates typos.
   */
  async list(options: ListContactsOptions): Promise<ContactPage> {
    const { rows, next } = await recordListPage(this.em, {
      table: 'contacts',
      columns: COLUMNS,
      sortColumns: SORT_COLUMNS,
      sort: options.sort,
      after: options.after,
      limit: options.limit,
      search: options.query ? contactSearchSql(options.query) : undefined,
      filters: filterClauses(options.filters),
    });
    return { contacts: rows.map((row) => this.toEntity(row)), next };
  }

  /** Contacts with any of these addresses (primary or other), oldest first, but `excludeId`. */
  async findByEmails(emails: readonly string[], excludeId?: string | null): Promise<Contact[]> {
    if (emails.length === 0) return [];
    const statement = new Statement().add(
      `select ${COLUMNS} from ??.?? a where (a."email" = any(array[?]::text[]) or a."other_emails" && array[?]::text[])`,
      schemaOf(this.em),
      'contacts',
      emails,
      emails,
    );
    if (excludeId) statement.add('and a."id" <> ?', excludeId);
    statement.add('order by a."created_at", a."id" limit ?', DUPLICATES_LIMIT);
    const rows = await this.em.execute<Row[]>(statement.sql, statement.params);
    return rows.map((row) => this.toEntity(row));
  }

  /** The names of these accounts, for showing contacts with their account. */
  async accountNames(
    accountIds: ReadonlyArray<string | null | undefined>,
  ): Promise<Map<string, string>> {
    const ids = [...new Set(accountIds.filter((id): id is string => Boolean(id)))];
    if (ids.length === 0) return new Map();
    const rows = await this.em.execute<Array<{ id: string; name: string }>>(
      'select "id", "name" from ??.?? where "id" = any(array[?]::uuid[])',
      [schemaOf(this.em), 'accounts', ids],
    );
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  private toEntity(row: Row): Contact {
    return this.em.map(ContactEntity, entityColumns(row) as EntityDictionary<Contact>);
  }
}
