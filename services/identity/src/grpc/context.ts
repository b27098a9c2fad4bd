import { DomainError } from '@crm/errors';
import type { Orm, OrmEntityManager } from '@crm/db';
import type { Caller } from '@crm/grpc';
import type { AuditActor } from '../db/audit-log.js';
import { UserRepository } from '../db/user-repository.js';
import type { PasswordHasher } from '../domain/password-hasher.js';

/** What every identity handler shares. */
export interface IdentityContext {
  orm: Orm;
  /** The clock; tests move it instead of waiting. */
  now: () => Date;
  passwords: PasswordHasher;
  /** Keys the email digests of failed password checks (see `emailDigest`). */
  loginFailureKey: Buffer;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  /** Wakes the outbox relay after a commit so events leave promptly. */
  onEventsCommitted: () => void;
}

export type UserCaller = Extract<Caller, { kind: 'user' }>;

/** Calls about "me" need a signed-in person, not a service or nobody. */
export function requireUser(caller: Caller): UserCaller {
  if (caller.kind !== 'user') throw new DomainError('unauthenticated', 'Sign in first.');
  return caller;
}

/**
 * An API token acts as its creator but must never extend its own reach: mint tokens, revoke
 * them, change the password. Those take a person signed in with a session.
 */
export function refuseApiToken(caller: Caller): void {
  if (caller.kind === 'user' && caller.scopes !== undefined)
    throw new DomainError('permission_denied', 'An API token may not do this; sign in instead.');
}

export function requireSessionUser(caller: Caller): UserCaller {
  const user = requireUser(caller);
  refuseApiToken(user);
  return user;
}

/**
 * Sign-in, sign-out and credential checks are the gateway's (or another service's) calls on
 * behalf of a client; a user's own call could use them to probe credentials past the gateway.
 */
export function requireService(caller: Caller): void {
  if (caller.kind !== 'service')
    throw new DomainError('permission_denied', 'Only the gateway may make this call.');
}

/** Who the audit log names for a call: the original caller, with their current name. */
export async function actorOf(em: OrmEntityManager, caller: Caller): Promise<AuditActor> {
  switch (caller.kind) {
    case 'user': {
      const user = await new UserRepository(em).findById(caller.userId);
      return {
        actorId: caller.userId,
        actorName: user?.name ?? null,
        address: caller.address ?? null,
      };
    }
    case 'service':
      return { actorId: null, actorName: `service:${caller.service}`, address: null };
    case 'anonymous':
      return { actorId: null, actorName: null, address: null };
  }
}
