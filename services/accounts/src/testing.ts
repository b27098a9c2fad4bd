import { TEST_INTERNAL_SECRET } from '@crm/testing';
import type { Bus } from '@crm/bus';
import type { Logger } from '@crm/logging';
import {
  startAccountsService,
  type AccountsServiceDeps,
  type AccountsServiceHandle,
} from './service.js';

/**
 * The accounts service as other packages' integration tests need it: on loopback, a free port,
 * migrated, against the database and bus the test provides.
 */
export function startAccountsForTest(options: {
  databaseUrl: string;
  bus: Bus;
  logger: Logger;
  outbox?: AccountsServiceDeps['outbox'];
}): Promise<AccountsServiceHandle> {
  return startAccountsService(
    {
      DATABASE_URL: options.databaseUrl,
      CRM_INTERNAL_SECRET: TEST_INTERNAL_SECRET,
      DATABASE_SCHEMA: 'accounts',
      GRPC_HOST: '127.0.0.1',
      GRPC_PORT: 0,
      MIGRATE_ON_START: true,
      LOG_LEVEL: 'silent',
    },
    { logger: options.logger, bus: options.bus, outbox: options.outbox },
  );
}
