import { startServiceCore, type ServiceCoreDeps, type ServiceCoreHandle } from '@crm/lifecycle';
import { IdentityServiceService } from '@crm/proto/crm/identity/v1/identity';
import {
  ensureInitialAdmin,
  type InitialAdminOptions,
  type InitialAdminResult,
} from './bootstrap.js';
import type { IdentityServiceConfig } from './config.js';
import { identityEntities } from './db/entities.js';
import { identityMigrations } from './db/migrations/index.js';
import { PasswordHasher } from './domain/password-hasher.js';
import { loginFailureKey } from './domain/secrets.js';
import { consumeAccountEvents } from './events/accounts-audit-consumer.js';
import { IDENTITY_STREAM } from './events/identity-events.js';
import type { IdentityContext } from './grpc/context.js';
import { identityHandlers } from './grpc/identity-handlers.js';

export const IDENTITY_GRPC_SERVICE = 'crm.identity.v1.IdentityService';

export interface IdentityServiceHandle extends ServiceCoreHandle {
  /** Creates the first admin when there is no active admin; idempotent. */
  ensureInitialAdmin(options: InitialAdminOptions): Promise<InitialAdminResult>;
}

export interface IdentityServiceDeps extends ServiceCoreDeps {
  /** The clock for sessions, tokens, rate limits and the audit log; tests move it by hand. */
  now?: () => Date;
  /** Tests pass their own to observe verifications. */
  passwords?: PasswordHasher;
}

/**
 * Composition of the identity service: PostgreSQL schema, outbox relay to the bus, the audit
 * consumer of other services' events, and the gRPC server. `main.ts` calls it in a cluster; the
 * launcher calls it in embedded mode.
 */
export async function startIdentityService(
  config: IdentityServiceConfig,
  deps: IdentityServiceDeps,
): Promise<IdentityServiceHandle> {
  const now = deps.now ?? (() => new Date());
  let context: IdentityContext | undefined;
  const core = await startServiceCore({
    config,
    deps,
    entities: identityEntities,
    migrations: identityMigrations,
    stream: IDENTITY_STREAM,
    grpc: {
      name: IDENTITY_GRPC_SERVICE,
      definition: IdentityServiceService,
      handlers: ({ orm, notifyOutbox }) => {
        context = {
          orm,
          now,
          passwords: deps.passwords ?? new PasswordHasher(),
          loginFailureKey: loginFailureKey(config.LOGIN_FAILURE_KEY ?? config.CRM_INTERNAL_SECRET),
          sessionIdleMs: config.SESSION_IDLE_TIMEOUT_SECONDS * 1000,
          sessionAbsoluteMs: config.SESSION_ABSOLUTE_TIMEOUT_SECONDS * 1000,
          onEventsCommitted: notifyOutbox,
        };
        return identityHandlers(context);
      },
    },
    // The audit log of other services' data changes, fed by their events.
    background: ({ orm }) => [
      consumeAccountEvents({
        bus: deps.bus,
        orm,
        logger: deps.logger.child({ component: 'audit-consumer' }),
        now,
      }),
    ],
  });
  const ready = context;
  if (!ready) throw new Error('identity handlers were not built');
  return { ...core, ensureInitialAdmin: (options) => ensureInitialAdmin(ready, options) };
}
