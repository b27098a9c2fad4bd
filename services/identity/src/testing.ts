import { TEST_INTERNAL_SECRET } from '@crm/testing';
import type { Bus } from '@crm/bus';
import type { Logger } from '@crm/logging';
import {
  startIdentityService,
  type IdentityServiceDeps,
  type IdentityServiceHandle,
} from './service.js';

/**
 * The identity service as other packages' integration tests need it: on loopback, a free port,
 * migrated, against the database and bus the test provides.
 */
export function startIdentityForTest(options: {
  databaseUrl: string;
  bus: Bus;
  logger: Logger;
  outbox?: IdentityServiceDeps['outbox'];
  now?: IdentityServiceDeps['now'];
  passwords?: IdentityServiceDeps['passwords'];
  sessionIdleTimeoutSeconds?: number;
  sessionAbsoluteTimeoutSeconds?: number;
}): Promise<IdentityServiceHandle> {
  return startIdentityService(
    {
      DATABASE_URL: options.databaseUrl,
      CRM_INTERNAL_SECRET: TEST_INTERNAL_SECRET,
      DATABASE_SCHEMA: 'identity',
      GRPC_HOST: '127.0.0.1',
      GRPC_PORT: 0,
      MIGRATE_ON_START: true,
      LOG_LEVEL: 'silent',
      SESSION_IDLE_TIMEOUT_SECONDS: options.sessionIdleTimeoutSeconds ?? 7200,
      SESSION_ABSOLUTE_TIMEOUT_SECONDS: options.sessionAbsoluteTimeoutSeconds ?? 604_800,
    },
    {
      logger: options.logger,
      bus: options.bus,
      outbox: options.outbox,
      now: options.now,
      passwords: options.passwords,
    },
  );
}
