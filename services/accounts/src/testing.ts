import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_INTERNAL_SECRET } from '@crm/testing';
import type { Bus } from '@crm/bus';
import { createGrpcClient } from '@crm/grpc';
import type { Logger } from '@crm/logging';
import { AccountsServiceClient } from '@crm/proto/crm/accounts/v1/accounts';
import { AttachmentsServiceClient } from '@crm/proto/crm/accounts/v1/attachments';
import { ContactsServiceClient } from '@crm/proto/crm/accounts/v1/contacts';
import { ImportsServiceClient } from '@crm/proto/crm/accounts/v1/imports';
import { TimelineServiceClient } from '@crm/proto/crm/accounts/v1/timeline';
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
  /**
   * Where local object storage keeps files (`<dataDir>/files`): give the gateway the same one so
   * uploads reach the import worker. Defaults to a directory of its own under the system temp.
   */
  dataDir?: string;
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
      CRM_DATA_DIR: options.dataDir ?? join(tmpdir(), `crm-accounts-test-${randomUUID()}`),
      AZURE_STORAGE_CONTAINER: 'crm-files',
      IMPORT_BATCH_SIZE: 500,
    },
    { logger: options.logger, bus: options.bus, outbox: options.outbox },
  );
}

/** A client for each gRPC service the accounts process serves, signing with the test key. */
export interface AccountsTestClients {
  accounts: AccountsServiceClient;
  contacts: ContactsServiceClient;
  timeline: TimelineServiceClient;
  attachments: AttachmentsServiceClient;
  imports: ImportsServiceClient;
  close(): void;
}

export function createAccountsTestClients(address: string): AccountsTestClients {
  const options = { callerKey: TEST_INTERNAL_SECRET };
  const clients = {
    accounts: createGrpcClient(AccountsServiceClient, address, options),
    contacts: createGrpcClient(ContactsServiceClient, address, options),
    timeline: createGrpcClient(TimelineServiceClient, address, options),
    attachments: createGrpcClient(AttachmentsServiceClient, address, options),
    imports: createGrpcClient(ImportsServiceClient, address, options),
  };
  return {
    ...clients,
    close() {
      for (const client of Object.values(clients)) client.close();
    },
  };
}
