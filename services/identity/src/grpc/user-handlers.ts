import { authorize, roleFromMessage } from '@crm/authz';
import { DomainError } from '@crm/errors';
import { withRequestContext, type OrmEntityManager } from '@crm/db';
import type { Caller, UnaryHandlers } from '@crm/grpc';
import type { IdentityServiceService } from '@crm/proto/crm/identity/v1/identity';
import { AuditLog } from '../db/audit-log.js';
import { SessionRepository } from '../db/session-repository.js';
import { UserRepository } from '../db/user-repository.js';
import { pageSize } from '@crm/paging';
import { decodeCursor, encodeCursor } from '../domain/cursor.js';
import {
  CONTROL_CHARACTERS,
  EMAIL_MAX_LENGTH,
  isUserId,
  parseNewUser,
  parseUserChanges,
  USER_NAME_MAX_LENGTH,
} from '../domain/user.js';
import {
  auditedFields,
  changesBetween,
  insertUser,
  lockUserStructure,
  publishUserUpserted,
  requireManager,
  revokeTokensOf,
} from '../user-writes.js';
import { actorOf, type IdentityContext } from './context.js';
import { toUserMessage } from './mappers.js';

/**
 * The user ids the caller may read, or undefined for everyone. Records outside it answer
 * not_found, never permission_denied: their existence is not the caller's business.
 */
async function readableUserIds(
  em: OrmEntityManager,
  caller: Caller,
): Promise<readonly string[] | undefined> {
  const visibility = authorize(caller, 'users', 'read');
  if (visibility === 'all' || caller.kind !== 'user') return undefined;
  if (visibility === 'own') return [caller.userId];
  return new UserRepository(em).teamIds(caller.userId);
}

const userNotFound = () => DomainError.notFound('User');

/**
 * A search of users: longer than anything it searches (a name, or an email for ListUsers) it could
 * match nothing, and control characters (NUL) never reach SQL.
 */
function parseUserQuery(raw: string, maxLength: number): string | undefined {
  const query = raw.trim();
  if (query.length > maxLength || CONTROL_CHARACTERS.test(query)) {
    throw DomainError.validation([
      {
        path: '/query',
        message: `must be at most ${maxLength} characters, without control characters`,
      },
    ]);
  }
  return query || undefined;
}

export function userHandlers(
  ctx: IdentityContext,
): Pick<
  UnaryHandlers<typeof IdentityServiceService>,
  'createUser' | 'getUser' | 'listUsers' | 'listUserDirectory' | 'updateUser' | 'endUserSessions'
> {
  const { orm } = ctx;

  return {
    async createUser(request, call) {
      authorize(call.caller, 'users', 'create');
      const input = parseNewUser({ ...request, role: roleFromMessage(request.role) });
      const passwordHash = await ctx.passwords.hash(input.password);
      const now = ctx.now();
      const user = await withRequestContext(orm, (em) =>
        em.transactional(async (tx) =>
          insertUser(
            tx,
            {
              email: input.email,
              name: input.name,
              role: input.role,
              managerId: input.managerId,
              passwordHash,
            },
            await actorOf(tx, call.caller),
            now,
          ),
        ),
      );
      ctx.onEventsCommitted();
      call.logger.info({ userId: user.id }, 'user created');
      return { user: toUserMessage(user) };
    },

    async getUser(request, call) {
      return withRequestContext(orm, async (em) => {
        const readable = await readableUserIds(em, call.caller);
        if (!isUserId(request.id) || (readable && !readable.includes(request.id)))
          throw userNotFound();
        const user = await new UserRepository(em).findById(request.id);
        if (!user) throw userNotFound();
        return { user: toUserMessage(user) };
      });
    },

    async listUsers(request, call) {
      const limit = pageSize(request.page?.limit ?? 0);
      const after = request.page?.cursor ? decodeCursor(request.page.cursor, 'users') : undefined;
      const query = parseUserQuery(request.query, EMAIL_MAX_LENGTH);
      return withRequestContext(orm, async (em) => {
        const onlyIds = await readableUserIds(em, call.caller);
        const { users, hasMore } = await new UserRepository(em).list({
          limit,
          after,
          query,
          onlyIds,
        });
        const last = users.at(-1);
        const nextCursor =
          hasMore && last ? encodeCursor('users', { value: last.name, id: last.id }) : '';
        return { users: users.map(toUserMessage), page: { nextCursor } };
      });
    },

    async listUserDirectory(request, call) {
      authorize(call.caller, 'user-directory', 'read');
      const limit = pageSize(request.page?.limit ?? 0);
      const after = request.page?.cursor
        ? decodeCursor(request.page.cursor, 'directory')
        : undefined;
      const query = parseUserQuery(request.query, USER_NAME_MAX_LENGTH);
      if (request.ids.length > limit) {
        throw DomainError.validation([{ path: '/ids', message: `must be at most ${limit} ids` }]);
      }
      // Ids that cannot be users name nobody, like unknown ones.
      const onlyIds = request.ids.length > 0 ? request.ids.filter(isUserId) : undefined;
      return withRequestContext(orm, async (em) => {
        const { users, hasMore } = await new UserRepository(em).list({
          limit,
          after,
          query,
          onlyIds,
          nameOnly: true,
        });
        const last = users.at(-1);
        const nextCursor =
          hasMore && last ? encodeCursor('directory', { value: last.name, id: last.id }) : '';
        return {
          entries: users.map(({ id, name, active }) => ({ id, name, active })),
          page: { nextCursor },
        };
      });
    },

    async updateUser(request, call) {
      authorize(call.caller, 'users', 'update');
      if (!isUserId(request.id)) throw userNotFound();
      const changes = parseUserChanges({
        name: request.name,
        role: roleFromMessage(request.role),
        managerId: request.managerId,
        clearManager: request.clearManager,
        active: request.active,
      });
      const now = ctx.now();
      const result = await withRequestContext(orm, (em) =>
        em.transactional(async (tx) => {
          await lockUserStructure(tx);
          const users = new UserRepository(tx);
          const user = await users.findById(request.id);
          if (!user) throw userNotFound();
          const before = auditedFields(user);

          if (changes.managerId) {
            if (changes.managerId === user.id) {
              throw DomainError.validation([
                { path: '/managerId', message: 'a user cannot manage themselves' },
              ]);
            }
            await requireManager(users, changes.managerId);
            if ((await users.teamIds(user.id)).includes(changes.managerId)) {
              throw DomainError.validation([
                { path: '/managerId', message: 'must not be someone this user manages' },
              ]);
            }
          }
          const role = changes.role ?? user.role;
          const active = changes.active ?? user.active;
          const losesAdmin = user.role === 'admin' && user.active && (role !== 'admin' || !active);
          if (losesAdmin && (await users.countActiveAdmins()) <= 1) {
            throw new DomainError(
              'failed_precondition',
              'This is the last active admin; make someone else admin first.',
            );
          }

          if (changes.name !== undefined) user.name = changes.name;
          if (changes.managerId !== undefined) user.managerId = changes.managerId;
          user.role = role;
          user.active = active;
          const diff = changesBetween(before, auditedFields(user));
          if (Object.keys(diff).length === 0)
            return { user, ended: 0, revokedTokens: 0, changed: false };
          user.updatedAt = now;
          // A new role or a deactivation applies at once: no session keeps the old rights.
          const deactivated = diff.active !== undefined && !active;
          const ended =
            diff.role || deactivated ? await new SessionRepository(tx).endAllOf(user.id, now) : 0;
          const actor = await actorOf(tx, call.caller);
          // Only admins create tokens; one who stops being admin leaves none working behind.
          const tokenReason = deactivated
            ? 'creator deactivated'
            : before.role === 'admin' && role !== 'admin'
              ? 'creator no longer admin'
              : undefined;
          const revokedTokens = tokenReason
            ? await revokeTokensOf(tx, user.id, tokenReason, actor, now)
            : 0;
          new AuditLog(tx).append({
            ...actor,
            at: now,
            action: 'user.updated',
            resourceType: 'user',
            resourceId: user.id,
            changes: diff,
          });
          publishUserUpserted(tx, user);
          return { user, ended, revokedTokens, changed: true };
        }),
      );
      if (result.changed) {
        ctx.onEventsCommitted();
        call.logger.info(
          {
            userId: result.user.id,
            endedSessions: result.ended,
            revokedTokens: result.revokedTokens,
          },
          'user updated',
        );
      }
      return { user: toUserMessage(result.user) };
    },

    async endUserSessions(request, call) {
      authorize(call.caller, 'sessions', 'delete');
      if (!isUserId(request.userId)) throw userNotFound();
      const now = ctx.now();
      const ended = await withRequestContext(orm, (em) =>
        em.transactional(async (tx) => {
          const user = await new UserRepository(tx).findById(request.userId);
          if (!user) throw userNotFound();
          const count = await new SessionRepository(tx).endAllOf(user.id, now);
          new AuditLog(tx).append({
            ...(await actorOf(tx, call.caller)),
            at: now,
            action: 'user.sessions_ended',
            resourceType: 'user',
            resourceId: user.id,
          });
          return count;
        }),
      );
      call.logger.info({ userId: request.userId, ended }, 'sessions ended');
      return { ended };
    },
  };
}
