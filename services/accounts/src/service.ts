import { OutboxMessage } from '@crm/db';
import { startServiceCore, type ServiceCoreDeps, type ServiceCoreHandle } from '@crm/lifecycle';
import { AccountsServiceService } from '@crm/proto/crm/accounts/v1/accounts';
import type { AccountsServiceConfig } from './config.js';
import { AccountEntity } from './db/account.entity.js';
import { accountsMigrations } from './db/migrations/index.js';
import { ACCOUNTS_STREAM } from './events/account-events.js';
import { accountsHandlers } from './grpc/accounts-handlers.js';

export const ACCOUNTS_GRPC_SERVICE = 'crm.accounts.v1.AccountsService';

export type AccountsServiceHandle = ServiceCoreHandle;
export type AccountsServiceDeps = ServiceCoreDeps;

/**
 * Composition of the accounts service: PostgreSQL schema, outbox relay to the bus, gRPC server.
 * `main.ts` calls it in a cluster; the launcher calls it in embedded mode.
 */
export function startAccountsService(
  config: AccountsServiceConfig,
  deps: AccountsServiceDeps,
): Promise<AccountsServiceHandle> {
  return startServiceCore({
    config,
    deps,
    entities: [AccountEntity, OutboxMessage],
    migrations: accountsMigrations,
    stream: ACCOUNTS_STREAM,
    grpc: {
      name: ACCOUNTS_GRPC_SERVICE,
      definition: AccountsServiceService,
      handlers: ({ orm, notifyOutbox }) =>
        accountsHandlers({ orm, onEventsCommitted: notifyOutbox }),
    },
  });
}
