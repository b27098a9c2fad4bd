import { DomainError } from '@crm/errors';
import { withRequestContext, type OrmEntityManager } from '@crm/db';
import type { Logger } from '@crm/logging';
import type { UnaryHandlers } from '@crm/grpc';
import type {
  IdentityServiceService,
  Principal,
  User as UserMessage,
} from '@crm/proto/crm/identity/v1/identity';
import { ApiTokenRepository } from '../db/api-token-repository.js';
import { AuditLog } from '../db/audit-log.js';
import { LoginFailureRepository } from '../db/login-failure-repository.js';
import { SessionRepository } from '../db/session-repository.js';
import type { User } from '../db/user.entity.js';
import { UserRepository } from '../db/user-repository.js';
import { addressThrottleKey, normaliseAddress } from '../domain/client-address.js';
import { roleToMessage } from '@crm/authz';
import {
  API_TOKEN_PREFIX,
  emailFingerprint,
  randomSecret,
  secretDigest,
} from '../domain/secrets.js';
import { EMAIL_MAX_LENGTH, normaliseEmail, passwordErrors } from '../domain/user.js';
import {
  requireService,
  requireSessionUser,
  requireUser,
  type IdentityContext,
} from './context.js';
import { toUserMessage } from './mappers.js';

/** The one answer for unknown email, wrong password and inactive user: nothing to enumerate. */
export const LOGIN_FAILED_MESSAGE = 'Email or password is incorrect.';
/** last_seen_at / last_used_at are written at most this often, to spare writes on every request. */
const TOUCH_INTERVAL_MS = 60_000;

const loginFailed = () => new DomainError('unauthenticated', LOGIN_FAILED_MESSAGE);
const invalidSession = () =>
  new DomainError('unauthenticated', 'The session has ended or expired; sign in again.');
const invalidToken = () =>
  new DomainError('unauthenticated', 'The API token is unknown, expired or revoked.');

function rateLimited(waitMs: number, message: string): DomainError {
  return new DomainError('rate_limited', message, {
    retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
  });
}

/** Client-supplied strings bounded to their columns. */
const bounded = (value: string, max: number) => value.trim().slice(0, max) || null;

/** The client address as stored, and the key its failures are counted under. */
function clientAddress(raw: string | undefined): {
  address: string | null;
  throttleKey: string | null;
} {
  const address = raw === undefined ? null : normaliseAddress(raw);
  return { address, throttleKey: address === null ? null : addressThrottleKey(address) };
}

/**
 * What the audit row of a refused sign-in names: the account when the email is one, otherwise a
 * fingerprint of the email, never the text itself (people type passwords into the email field).
 */
function attemptedAccount(
  user: User | null,
  email: string,
): { resourceType: string; resourceId: string } {
  return user
    ? { resourceType: 'user', resourceId: user.id }
    : { resourceType: 'login', resourceId: emailFingerprint(email) };
}

/** What a sign-in learns before checking the password; no hash: the email has no account. */
type CheckedLogin =
  { throttled: true; waitMs: number } | { throttled: false; passwordHash: string | null };

type LoginOutcome =
  | { ok: true; user: UserMessage; sessionToken: string; csrfToken: string; expiresAt: Date }
  /** waitMs > 0: refused by the throttle, whatever the password. */
  | { ok: false; waitMs: number };

function refuseLogin(logger: Logger, waitMs: number): never {
  logger.info({ throttled: waitMs > 0 }, 'sign-in refused');
  if (waitMs > 0) throw rateLimited(waitMs, 'Too many failed sign-in attempts; try again later.');
  throw loginFailed();
}

export function authHandlers(
  ctx: IdentityContext,
): Pick<
  UnaryHandlers<typeof IdentityServiceService>,
  'login' | 'logout' | 'authenticate' | 'getMe' | 'changePassword'
> {
  const { orm, passwords } = ctx;
  const failuresIn = (em: OrmEntityManager) => new LoginFailureRepository(em, ctx.loginFailureKey);

  return {
    async login(request, call) {
      requireService(call.caller);
      const email = normaliseEmail(request.email);
      // No account has a longer email (the column's width): refused before any hashing or write.
      if (email.length > EMAIL_MAX_LENGTH) {
        call.logger.info('sign-in refused');
        throw loginFailed();
      }
      const { address, throttleKey } = clientAddress(request.address);
      const userAgent = bounded(request.userAgent, 512);
      const now = ctx.now();
      const attemptOn = (user: User | null) => ({
        at: now,
        actorId: null,
        actorName: null,
        address,
        ...attemptedAccount(user, email),
      });

      // argon2 runs outside any transaction, so sign-ins waiting for their turn hold no database
      // connection: first a short transaction checks the throttle and reads the hash...
      const checked = await withRequestContext(orm, (em) =>
        em.transactional(async (tx): Promise<CheckedLogin> => {
          const failures = failuresIn(tx);
          await failures.lockAccount(email);
          const user = await new UserRepository(tx).findByEmail(email);
          const waitMs = await failures.waitMs(email, throttleKey, now);
          // Refused before any password check: even the right password waits.
          if (waitMs > 0) {
            new AuditLog(tx).append({ ...attemptOn(user), action: 'auth.login_throttled' });
            return { throttled: true, waitMs };
          }
          return { throttled: false, passwordHash: user?.passwordHash ?? null };
        }),
      );
      if (checked.throttled) return refuseLogin(call.logger, checked.waitMs);
      const passwordMatches =
        checked.passwordHash === null
          ? await passwords.verifyAgainstDummy(request.password)
          : await passwords.verify(request.password, checked.passwordHash);

      // ...then a second one settles the outcome under the account's lock. Attempts checked in
      // parallel settle one at a time: one that earlier failures have throttled meanwhile counts
      // as throttled, whatever its password, exactly as if it had waited for them.
      const outcome = await withRequestContext(orm, (em) =>
        em.transactional(async (tx): Promise<LoginOutcome> => {
          const failures = failuresIn(tx);
          await failures.lockAccount(email);
          await failures.purgeExpired(now);
          const user = await new UserRepository(tx).findByEmail(email);
          const audit = new AuditLog(tx);
          const waitMs = await failures.waitMs(email, throttleKey, now);
          if (waitMs > 0) {
            audit.append({ ...attemptOn(user), action: 'auth.login_throttled' });
            return { ok: false, waitMs };
          }
          // A password changed since the check was made against the old one: that is no match.
          const current = user?.passwordHash === checked.passwordHash;
          if (!user || !passwordMatches || !current || !user.active) {
            failures.record(email, throttleKey, now);
            audit.append({ ...attemptOn(user), action: 'auth.login_failed' });
            return { ok: false, waitMs: 0 };
          }
          await failures.clearEmail(email);
          const sessions = new SessionRepository(tx);
          // The browser replaces its cookie: the session it held ends, so it cannot be reused.
          if (request.previousSessionToken)
            await sessions.endByToken(secretDigest(request.previousSessionToken), now);
          const sessionToken = randomSecret();
          const csrfToken = randomSecret();
          const expiresAt = new Date(now.getTime() + ctx.sessionAbsoluteMs);
          sessions.create({
            userId: user.id,
            tokenDigest: secretDigest(sessionToken),
            csrfToken,
            now,
            expiresAt,
            address,
            userAgent,
          });
          audit.append({
            at: now,
            actorId: user.id,
            actorName: user.name,
            address,
            action: 'auth.login',
            resourceType: 'user',
            resourceId: user.id,
          });
          return { ok: true, user: toUserMessage(user), sessionToken, csrfToken, expiresAt };
        }),
      );
      if (!outcome.ok) return refuseLogin(call.logger, outcome.waitMs);
      call.logger.info({ userId: outcome.user.id }, 'signed in');
      return {
        user: outcome.user,
        sessionToken: outcome.sessionToken,
        csrfToken: outcome.csrfToken,
        expiresAt: outcome.expiresAt.toISOString(),
      };
    },

    async logout(request, call) {
      requireService(call.caller);
      const now = ctx.now();
      await withRequestContext(orm, (em) =>
        em.transactional(async (tx) => {
          const session = await new SessionRepository(tx).findOpen(
            secretDigest(request.sessionToken),
          );
          if (!session) return;
          await new SessionRepository(tx).end(session.id, now);
          const user = await new UserRepository(tx).findById(session.userId);
          new AuditLog(tx).append({
            at: now,
            actorId: session.userId,
            actorName: user?.name ?? null,
            address: session.address ?? null,
            action: 'auth.logout',
            resourceType: 'user',
            resourceId: session.userId,
          });
        }),
      );
      return {};
    },

    async authenticate(request, call) {
      requireService(call.caller);
      const now = ctx.now();
      const principal = await withRequestContext(orm, async (em): Promise<Principal> => {
        const users = new UserRepository(em);
        if (request.sessionToken !== undefined) {
          const sessions = new SessionRepository(em);
          const session = await sessions.findOpen(secretDigest(request.sessionToken));
          if (!session) throw invalidSession();
          const idleFor = now.getTime() - session.lastSeenAt.getTime();
          if (now >= session.expiresAt || idleFor >= ctx.sessionIdleMs) {
            await sessions.end(session.id, now);
            throw invalidSession();
          }
          const user = await users.findById(session.userId);
          if (!user?.active) throw invalidSession();
          if (idleFor >= TOUCH_INTERVAL_MS) await sessions.touch(session.id, now);
          return {
            userId: user.id,
            role: roleToMessage(user.role),
            scopes: [],
            csrfToken: session.csrfToken,
            credential: 'session',
          };
        }
        if (request.apiToken !== undefined) {
          if (!request.apiToken.startsWith(API_TOKEN_PREFIX)) throw invalidToken();
          const tokens = new ApiTokenRepository(em);
          const token = await tokens.findBySecretDigest(secretDigest(request.apiToken));
          if (!token || token.revokedAt) throw invalidToken();
          if (token.expiresAt && now >= token.expiresAt) throw invalidToken();
          const creator = await users.findById(token.createdBy);
          if (!creator?.active) throw invalidToken();
          const lastUsed = token.lastUsedAt?.getTime();
          if (lastUsed === undefined || now.getTime() - lastUsed >= TOUCH_INTERVAL_MS)
            await tokens.markUsed(token.id, now);
          return {
            userId: creator.id,
            role: roleToMessage(creator.role),
            scopes: [...token.scopes],
            csrfToken: '',
            credential: 'token',
          };
        }
        throw DomainError.validation([
          { path: '/credential', message: 'must be a session token or an API token' },
        ]);
      });
      return { principal };
    },

    async getMe(_request, call) {
      const caller = requireUser(call.caller);
      return withRequestContext(orm, async (em) => {
        const users = new UserRepository(em);
        const user = await users.findById(caller.userId);
        if (!user?.active) throw new DomainError('unauthenticated', 'Sign in first.');
        const manager = user.managerId ? await users.findById(user.managerId) : null;
        const reports = await users.directReports(user.id);
        return {
          user: toUserMessage(user),
          manager: manager ? { id: manager.id, name: manager.name } : undefined,
          reports: reports.map((report) => ({ id: report.id, name: report.name })),
        };
      });
    },

    async changePassword(request, call) {
      const caller = requireSessionUser(call.caller);
      const errors = passwordErrors(request.newPassword, '/newPassword');
      if (errors.length > 0) throw DomainError.validation(errors);
      const { address, throttleKey } = clientAddress(caller.address);
      const keep = request.keepSessionToken ? secretDigest(request.keepSessionToken) : undefined;
      const now = ctx.now();
      // Checking the current password is a password guess like a sign-in: same lock, same
      // counter, so a stolen session cannot guess faster than the sign-in form allows. As there,
      // argon2 runs between two short transactions, never inside one.
      const activeUser = async (tx: OrmEntityManager) => {
        const user = await new UserRepository(tx).findById(caller.userId);
        if (!user?.active) throw new DomainError('unauthenticated', 'Sign in first.');
        return user;
      };
      const refuseThrottled = async (failures: LoginFailureRepository, email: string) => {
        await failures.lockAccount(email);
        const waitMs = await failures.waitMs(email, throttleKey, now);
        if (waitMs > 0)
          throw rateLimited(waitMs, 'Too many failed password attempts; try again later.');
      };
      const checkedHash = await withRequestContext(orm, (em) =>
        em.transactional(async (tx) => {
          const user = await activeUser(tx);
          await refuseThrottled(failuresIn(tx), user.email);
          return user.passwordHash;
        }),
      );
      const matches = await passwords.verify(request.currentPassword, checkedHash);
      const newHash = matches ? await passwords.hash(request.newPassword) : null;
      const outcome = await withRequestContext(orm, (em) =>
        em.transactional(async (tx) => {
          const user = await activeUser(tx);
          const failures = failuresIn(tx);
          await refuseThrottled(failures, user.email);
          await failures.purgeExpired(now);
          const audit = new AuditLog(tx);
          const actor = { actorId: user.id, actorName: user.name, address };
          // Checked against a password changed since then: that is no match.
          if (newHash === null || user.passwordHash !== checkedHash) {
            failures.record(user.email, throttleKey, now);
            audit.append({
              ...actor,
              at: now,
              action: 'password.change_failed',
              resourceType: 'user',
              resourceId: user.id,
            });
            return { changed: false } as const;
          }
          user.passwordHash = newHash;
          user.updatedAt = now;
          await failures.clearEmail(user.email);
          const ended = await new SessionRepository(tx).endAllOf(user.id, now, keep);
          audit.append({
            ...actor,
            at: now,
            action: 'password.changed',
            resourceType: 'user',
            resourceId: user.id,
          });
          return { changed: true, ended } as const;
        }),
      );
      if (!outcome.changed) {
        call.logger.info({ userId: caller.userId }, 'password change refused');
        throw DomainError.validation([
          { path: '/currentPassword', message: 'is not your current password' },
        ]);
      }
      call.logger.info({ userId: caller.userId, endedSessions: outcome.ended }, 'password changed');
      return {};
    },
  };
}
