import type { FilterQuery } from '@mikro-orm/core';
import type { Role } from '@crm/authz';
import { uuidv7, type OrmEntityManager } from '@crm/db';
import type { Cursor } from '../domain/cursor.js';
import { tableName } from './sql.js';
import { UserEntity, type User } from './user.entity.js';

/** `%`, `_` and `\` are LIKE wildcards; a search for "50%" means the characters, not a pattern. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

export interface ListUsersOptions {
  limit: number;
  after?: Cursor | undefined;
  query?: string | undefined;
  /** Only these ids; undefined means everyone. */
  onlyIds?: readonly string[] | undefined;
  /** Matches the query on names alone (the directory reveals no email). */
  nameOnly?: boolean | undefined;
}

export class UserRepository {
  constructor(private readonly em: OrmEntityManager) {}

  /** Adds the user to the unit of work; the caller flushes (with its audit and outbox rows). */
  create(user: {
    email: string;
    name: string;
    role: Role;
    managerId: string | null;
    passwordHash: string;
    now: Date;
  }): User {
    return this.em.create(UserEntity, {
      id: uuidv7(),
      email: user.email,
      name: user.name,
      role: user.role,
      managerId: user.managerId,
      active: true,
      passwordHash: user.passwordHash,
      createdAt: user.now,
      updatedAt: user.now,
      version: 1,
    });
  }

  findById(id: string): Promise<User | null> {
    return this.em.findOne(UserEntity, { id });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.em.findOne(UserEntity, { email });
  }

  /** The user and everyone below them down the manager chain. */
  async teamIds(rootId: string): Promise<string[]> {
    const users = tableName(this.em, 'users');
    // UNION (not UNION ALL) stops on repeated rows, so even corrupt data cannot loop forever.
    const rows = await this.em.execute<Array<{ id: string }>>(
      `with recursive team(id) as (
         select id from ${users} where id = ?
         union
         select u.id from ${users} u join team t on u.manager_id = t.id
       ) select id from team`,
      [rootId],
    );
    return rows.map((row) => row.id);
  }

  directReports(managerId: string): Promise<User[]> {
    return this.em.find(UserEntity, { managerId }, { orderBy: [{ name: 'asc' }, { id: 'asc' }] });
  }

  countActiveAdmins(): Promise<number> {
    return this.em.count(UserEntity, { role: 'admin', active: true });
  }

  findFirstActiveAdmin(): Promise<User | null> {
    return this.em.findOne(
      UserEntity,
      { role: 'admin', active: true },
      { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
    );
  }

  /** One page by name (id breaks ties), plus whether another page follows. */
  async list(options: ListUsersOptions): Promise<{ users: User[]; hasMore: boolean }> {
    const conditions: Array<FilterQuery<User>> = [];
    if (options.onlyIds) conditions.push({ id: { $in: [...options.onlyIds] } });
    if (options.query) {
      const pattern = likePattern(options.query);
      conditions.push(
        options.nameOnly
          ? { name: { $ilike: pattern } }
          : { $or: [{ name: { $ilike: pattern } }, { email: { $ilike: pattern } }] },
      );
    }
    if (options.after) {
      conditions.push({
        $or: [
          { name: { $gt: options.after.value } },
          { name: options.after.value, id: { $gt: options.after.id } },
        ],
      });
    }
    const rows = await this.em.find(UserEntity, conditions.length > 0 ? { $and: conditions } : {}, {
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      limit: options.limit + 1,
    });
    return { users: rows.slice(0, options.limit), hasMore: rows.length > options.limit };
  }
}
