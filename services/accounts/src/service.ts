import {
  grpcService,
  startServiceCore,
  type ServiceCore,
  type ServiceCoreDeps,
  type ServiceCoreHandle,
} from '@crm/lifecycle';
import { createObjectStorage } from '@crm/object-storage';
import { AccountsServiceService } from '@crm/proto/crm/accounts/v1/accounts';
import { AttachmentsServiceService } from '@crm/proto/crm/accounts/v1/attachments';
import { ContactsServiceService } from '@crm/proto/crm/accounts/v1/contacts';
import { ImportsServiceService } from '@crm/proto/crm/accounts/v1/imports';
import { TimelineServiceService } from '@crm/proto/crm/accounts/v1/timeline';
import type { AccountsServiceConfig } from './config.js';
import { accountsEntities } from './db/entities.js';
import { accountsMigrations } from './db/migrations/index.js';
import { ACCOUNTS_STREAM } from './events/account-events.js';
import { accountsHandlers } from './grpc/accounts-handlers.js';
import { attachmentsHandlers } from './grpc/attachments-handlers.js';
import { contactsHandlers } from './grpc/contacts-handlers.js';
import type { HandlerDeps } from './grpc/handler-deps.js';
import { timelineHandlers } from './grpc/timeline-handlers.js';
import { importsHandlers, startImportWorker, type ImportWorker } from './imports/index.js';

export const ACCOUNTS_GRPC_SERVICE = 'crm.accounts.v1.AccountsService';
export const CONTACTS_GRPC_SERVICE = 'crm.accounts.v1.ContactsService';
export const TIMELINE_GRPC_SERVICE = 'crm.accounts.v1.TimelineService';
export const ATTACHMENTS_GRPC_SERVICE = 'crm.accounts.v1.AttachmentsService';
export const IMPORTS_GRPC_SERVICE = 'crm.accounts.v1.ImportsService';

export type AccountsServiceHandle = ServiceCoreHandle;
export type AccountsServiceDeps = ServiceCoreDeps;

const handlerDeps = ({ orm, notifyOutbox }: ServiceCore): HandlerDeps => ({
  orm,
  onEventsCommitted: notifyOutbox,
});

/**
 * Composition of the accounts service (the address book: accounts, contacts, their timelines,
 * attachments and CSV imports): PostgreSQL schema, outbox relay to the bus, one gRPC server for all
 * its services, and the import worker. `main.ts` calls it in a cluster; the launcher calls it in
 * embedded mode.
 */
export async function startAccountsService(
  config: AccountsServiceConfig,
  deps: AccountsServiceDeps,
): Promise<AccountsServiceHandle> {
  // Uploaded CSVs: the gateway stores them, the import worker reads them.
  const storage = createObjectStorage(config);
  let worker: ImportWorker | undefined;
  return startServiceCore({
    config,
    deps,
    entities: accountsEntities,
    migrations: accountsMigrations,
    stream: ACCOUNTS_STREAM,
    grpc: [
      grpcService({
        name: ACCOUNTS_GRPC_SERVICE,
        definition: AccountsServiceService,
        handlers: (core) => accountsHandlers(handlerDeps(core)),
      }),
      grpcService({
        name: CONTACTS_GRPC_SERVICE,
        definition: ContactsServiceService,
        handlers: (core) => contactsHandlers(handlerDeps(core)),
      }),
      grpcService({
        name: TIMELINE_GRPC_SERVICE,
        definition: TimelineServiceService,
        handlers: (core) => timelineHandlers(handlerDeps(core)),
      }),
      grpcService({
        name: ATTACHMENTS_GRPC_SERVICE,
        definition: AttachmentsServiceService,
        handlers: (core) => attachmentsHandlers(handlerDeps(core)),
      }),
      grpcService({
        name: IMPORTS_GRPC_SERVICE,
        definition: ImportsServiceService,
        handlers: ({ orm }) => importsHandlers({ orm, storage, onJobQueued: () => worker?.wake() }),
      }),
    ],
    background: ({ orm, notifyOutbox }) => {
      worker = startImportWorker({
        orm,
        storage,
        logger: deps.logger.child({ component: 'import-worker' }),
        notifyOutbox,
        batchSize: config.IMPORT_BATCH_SIZE,
      });
      const started = worker;
      return [
        {
          async stop() {
            await started.stop();
            await storage.close();
          },
        },
      ];
    },
  });
}
