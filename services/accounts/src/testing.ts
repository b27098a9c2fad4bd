import { TEST_INTERNAL_SECRET } from '@crm/testing';
import type { Bus } from '@crm/bus';
import { createGrpcClient } from '@crm/grpc';
import type { Logger } from '@crm/logging';
import { AccountsServiceClient } from '@crm/proto/crm/accounts/v1/accounts';
import { AttachmentsServiceClient } from '@crm/proto/crm/accounts/v1/attachments';
import { ContactsServiceClient } from '@crm/proto/crm/accounts/v1/contacts';
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

/** A client for each gRPC service the accounts process serves, signing with the test key. */
export interface AccountsTestClients {
  accounts: AccountsServiceClient;
  contacts: ContactsServiceClient;
  timeline: TimelineServiceClient;
  attachments: AttachmentsServiceClient;
  close(): void;
}

export function createAccountsTestClients(address: string): AccountsTestClients {
  const options = { callerKey: TEST_INTERNAL_SECRET };
  const clients = {
    accounts: createGrpcClient(AccountsServiceClient, address, options),
    contacts: createGrpcClient(ContactsServiceClient, address, options),
    timeline: createGrpcClient(TimelineServiceClient, address, options),
    attachments: createGrpcClient(AttachmentsServiceClient, address, options),
  };
  return {
    ...clients,
    close() {
      for (const client of Object.values(clients)) client.close();
    },
  };
}
