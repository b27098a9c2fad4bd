import { enqueueOutboxMessage, type OrmEntityManager } from '@crm/db';
import { DomainError } from '@crm/errors';
import { ApiTokenRepository } from './db/api-token-repository.js';
import type { AuditChanges } from './db/audit-event.entity.js';
import { AuditLog, type AuditActor } from './db/audit-log.js';
import type { User } from './db/user.entity.js';
import { UserRepository } from './db/user-repository.js';
import { lockFor } from './db/sql.js';
import type { NewUser } from './domain/user.js';
import { encodeUserUpserted, identitySubjects } from './events/identity-events.js';
import { toUserMessage } from './grpc/mappers.js';

/**
 * Taken by every transaction that changes who manages whom or who is admin, so concurrent edits
 * can neither build a manager cycle nor remove the last admin together.
 */
export async function lockUserStructure(em: OrmEntityManager): Promise<void> {
  await lockFor(em, 'identity:user-structure');
}

/** The fields of a user the audit log and events describe; never the password hash. */
export function auditedFields(user: User): Record<string, unknown> {
  return {
    email: user.email,
    name: user.name,
    role: user.role,
    managerId: user.managerId,
    active: user.active,
  };
}

/** { field: { before, after } } for every field that differs. */
export function changesBetween(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): AuditChanges {
  const changes: AuditChanges = {};
  for (const field of Object.keys(after)) {
    if (before[field] !== after[field])
      changes[field] = { before: before[field] ?? null, after: after[field] };
  }
  return changes;
}

export function publishUserUpserted(em: OrmEntityManager, user: User): void {
  const event = encodeUserUpserted(toUserMessage(user));
  enqueueOutboxMessage(em, {
    subject: identitySubjects.userUpserted,
    payload: event.payload,
    headers: event.headers,
  });
}

export async function requireManager(users: UserRepository, managerId: string): Promise<void> {
  if (!(await users.findById(managerId))) {
    throw DomainError.validation([{ path: '/managerId', message: 'must be an existing user' }]);
  }
}

/**
 * Inserts a user with its audit row and event, inside the caller's transaction. The password is
 * hashed beforehand so the transaction stays short.
 */
export async function insertUser(
  em: OrmEntityManager,
  input: Omit<NewUser, 'password'> & { passwordHash: string },
  actor: AuditActor,
  now: Date,
): Promise<User> {
  const users = new UserRepository(em);
  if (await users.findByEmail(input.email)) {
    throw new DomainError('already_exists', 'A user with this email exists.', {
      fieldErrors: [{ path: '/email', message: 'is already taken' }],
    });
  }
  if (input.managerId !== null) await requireManager(users, input.managerId);
  const user = users.create({ ...input, now });
  new AuditLog(em).append({
    ...actor,
    at: now,
    action: 'user.created',
    resourceType: 'user',
    resourceId: user.id,
    changes: changesBetween({}, auditedFields(user)),
  });
  publishUserUpserted(em, user);
  return user;
}

/**
 * Revokes every API token the user created, one audit row each, inside the caller's transaction.
 * For losing the rights the tokens were made with: a later reactivation or promotion must not
 * bring integrations back silently. Returns how many were revoked.
 */
export async function revokeTokensOf(
  em: OrmEntityManager,
  userId: string,
  reason: string,
  actor: AuditActor,
  now: Date,
): Promise<number> {
  const revoked = await new ApiTokenRepository(em).revokeAllOf(userId, now);
  const audit = new AuditLog(em);
  for (const token of revoked) {
    audit.append({
      ...actor,
      at: now,
      action: 'token.revoked',
      resourceType: 'api-token',
      resourceId: token.id,
      changes: {
        revokedAt: { before: null, after: now.toISOString() },
        reason: { before: null, after: reason },
      },
    });
  }
  return revoked.length;
}
