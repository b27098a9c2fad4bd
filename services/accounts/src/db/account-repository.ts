import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { NewAccount } from '../domain/account.js';
import type { AccountCursor } from '../domain/cursor.js';
import { AccountEntity, type Account } from './account.entity.js';

/** `%`, `_` and `\` are LIKE wildcards; a search for "50%" means the characters, not a pattern. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

export class AccountRepository {
  constructor(private readonly em: EntityManager) {}

  /** Adds the account to the unit of work; the caller flushes (with its outbox row). */
  create(account: NewAccount): Account {
    const now = new Date();
    return this.em.create(AccountEntity, {
      id: randomUUID(),
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

  /** One page ordered newest first, plus whether another page follows. */
  async list(options: {
    limit: number;
    after?: AccountCursor;
    query?: string;
  }): Promise<{ accounts: Account[]; hasMore: boolean }> {
    const conditions: Array<FilterQuery<Account>> = [];
    if (options.query) {
      const pattern = likePattern(options.query);
      conditions.push({ $or: [{ name: { $ilike: pattern } }, { domain: { $ilike: pattern } }] });
    }
    if (options.after) {
      const { createdAt, id } = options.after;
      conditions.push({ $or: [{ createdAt: { $lt: createdAt } }, { createdAt, id: { $lt: id } }] });
    }
    const rows = await this.em.find(
      AccountEntity,
      conditions.length > 0 ? { $and: conditions } : {},
      {
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        limit: options.limit + 1,
      },
    );
    return { accounts: rows.slice(0, options.limit), hasMore: rows.length > options.limit };
  }
}
