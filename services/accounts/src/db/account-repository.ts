import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { uuidv7 } from '@crm/db';
import type { NewAccount } from '../domain/account.js';
import { orderOf, type AccountSort } from '../domain/account-order.js';
import type { AccountCursor } from '../domain/cursor.js';
import { AccountEntity, type Account } from './account.entity.js';

/** `%`, `_` and `\` are LIKE wildcards; a search for "50%" means the characters, not a pattern. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

export interface ListAccountsOptions {
  limit: number;
  sort: AccountSort;
  after?: AccountCursor | undefined;
  query?: string | undefined;
}

export class AccountRepository {
  constructor(private readonly em: EntityManager) {}

  /** Adds the account to the unit of work; the caller flushes (with its outbox row). */
  create(account: NewAccount): Account {
    const now = new Date();
    return this.em.create(AccountEntity, {
      // Time-ordered ids keep "newest first" stable for rows created in the same millisecond.
      id: uuidv7(),
      name: account.name,
      domain: account.domain,
      ownerId: account.ownerId,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
  }

  findById(id: string): Promise<Account | null> {
    return this.em.findOne(AccountEntity, { id });
  }

  /** One page in the requested order (id breaks ties), plus whether another page follows. */
  async list(options: ListAccountsOptions): Promise<{ accounts: Account[]; hasMore: boolean }> {
    const { field, direction } = orderOf(options.sort);
    const conditions: Array<FilterQuery<Account>> = [];
    if (options.query) {
      const pattern = likePattern(options.query);
      conditions.push({ $or: [{ name: { $ilike: pattern } }, { domain: { $ilike: pattern } }] });
    }
    if (options.after) {
      const value = field === 'createdAt' ? new Date(options.after.value) : options.after.value;
      const beyond = direction === 'desc' ? '$lt' : '$gt';
      conditions.push({
        $or: [
          { [field]: { [beyond]: value } },
          { [field]: value, id: { [beyond]: options.after.id } },
        ],
      });
    }
    const rows = await this.em.find(
      AccountEntity,
      conditions.length > 0 ? { $and: conditions } : {},
      {
        orderBy: [{ [field]: direction }, { id: direction }],
        limit: options.limit + 1,
      },
    );
    return { accounts: rows.slice(0, options.limit), hasMore: rows.length > options.limit };
  }
}

export function sortValueOf(account: Account, sort: AccountSort): string {
  return orderOf(sort).field === 'name' ? account.name : account.createdAt.toISOString();
}
