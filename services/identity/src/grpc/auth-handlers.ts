import { DomainError } from '@crm/errors';
import { withRequestContext } from '@crm/db';
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
import { lockFor } from '../db/sql.js';
import { UserRepository } from '../db/user-repository.js';
import { accountWaitMs, addressWaitMs } from '../domain/login-throttle.js';
import { roleToMessage } from '../domain/role.js';
import { API_TOKEN_PREFIX, randomSecret, secretDigest } from '../domain/secrets.js';
import { normaliseEmail, passwordErrors } from '../domain/user.js';
import { actorOf, requireUser, type IdentityContext } from './context.js';
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

function rateLimited(waitMs: number): DomainError {
  return new DomainError('rate_limited', 'Too many failed sign-in attempts; try again later.', {
    retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
  });
}

/** Client-supplied strings bounded to their columns. */
const bounded = (value: string, max: number) => value.trim().slice(0, max) || null;

type LoginOutcome =
  | { ok: true; user: UserMessage; sessionToken: string; csrfToken: string; expiresAt: Date }
  | { ok: false };

export function authHandlers(
  ctx: IdentityContext,
): Pick<
  UnaryHandlers<typeof IdentityServiceService>,
  'login' | 'logout' | 'authenticate' | 'getMe' | 'changePassword'
> {
  const { orm, passwords } = ctx;

  return {
    async login(request, call) {
      const email = normaliseEmail(request.email);
      const address = bounded(request.address, 64);
      const userAgent = bounded(request.userAgent, 512);
      const now = ctx.now();
      const outcome = await withRequestContext(orm, (em) =>
        em.transactional(async (tx): Promise<LoginOutcome> => {
          // One attempt per account at a time, so parallel guesses cannot outrun the counter.
          await lockFor(tx, `identity:login:${email}`);
          const failures = new LoginFailureRepository(tx);
          const wait = Math.max(
            accountWaitMs(await failures.forEmail(email, now), now),
            address ? addressWaitMs(await failures.forAddress(address, now), now) : 0,
          );
          // Refused before any password check: even the right password waits.
          if (wait > 0) throw rateLimited(wait);

          const user = await new UserRepository(tx).findByEmail(email);
          const passwordMatches = user
            ? await passwords.verify(request.password, user.passwordHash)
            : await passwords.verifyAgainstDummy(request.password);
          const audit = new AuditLog(tx);
          if (!user || !passwordMatches || !user.active) {
            failures.record(email, address, now);
            audit.append({
              at: now,
              actorId: null,
              actorName: null,
              address,
              action: 'auth.login_failed',
              resourceType: 'user',
              resourceId: email,
            });
            return { ok: false };
          }
          await failures.clearEmail(email);
          const sessionToken = randomSecret();
          const csrfToken = randomSecret();
          const expiresAt = new Date(now.getTime() + ctx.sessionAbsoluteMs);
          new SessionRepository(tx).create({
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
      if (!outcome.ok) {
        call.logger.info('sign-in refused');
        throw loginFailed();
      }
      call.logger.info({ userId: outcome.user.id }, 'signed in');
      return {
        user: outcome.user,
        sessionToken: outcome.sessionToken,
        csrfToken: outcome.csrfToken,
        expiresAt: outcome.expiresAt.toISOString(),
      };
    },

    async logout(request, call) {
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
            address:
              (call.caller.kind === 'user' ? call.caller.address : undefined) ??
              session.address ??
              null,
            action: 'auth.logout',
            resourceType: 'user',
            resourceId: session.userId,
          });
        }),
      );
      return {};
    },

    async authenticate(request) {
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
      const caller = requireUser(call.caller);
      const errors = passwordErrors(request.newPassword, '/newPassword');
      if (errors.length > 0) throw DomainError.validation(errors);
      const current = await withRequestContext(orm, (em) =>
        new UserRepository(em).findById(caller.userId),
      );
      if (!current?.active) throw new DomainError('unauthenticated', 'Sign in first.');
      if (!(await passwords.verify(request.currentPassword, current.passwordHash))) {
        throw DomainError.validation([
          { path: '/currentPassword', message: 'is not your current password' },
        ]);
      }
      const passwordHash = await passwords.hash(request.newPassword);
      const now = ctx.now();
      await withRequestContext(orm, (em) =>
        em.transactional(async (tx) => {
          const user = await new UserRepository(tx).findById(caller.userId);
          if (!user) throw new DomainError('unauthenticated', 'Sign in first.');
          user.passwordHash = passwordHash;
          user.updatedAt = now;
          const keep = request.keepSessionToken
            ? secretDigest(request.keepSessionToken)
            : undefined;
          const ended = await new SessionRepository(tx).endAllOf(user.id, now, keep);
          new AuditLog(tx).append({
            ...(await actorOf(tx, caller)),
            at: now,
            action: 'password.changed',
            resourceType: 'user',
            resourceId: user.id,
          });
          call.logger.info({ userId: user.id, endedSessions: ended }, 'password changed');
        }),
      );
      return {};
    },
  };
}
