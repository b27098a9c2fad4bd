import {
  grpcService,
  startServiceCore,
  type ServiceCore,
  type ServiceCoreDeps,
  type ServiceCoreHandle,
} from '@crm/lifecycle';
import { AccountsServiceService } from '@crm/proto/crm/accounts/v1/accounts';
import { AttachmentsServiceService } from '@crm/proto/crm/accounts/v1/attachments';
import { ContactsServiceService } from '@crm/proto/crm/accounts/v1/contacts';
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

export const ACCOUNTS_GRPC_SERVICE = 'crm.accounts.v1.AccountsService';
export const CONTACTS_GRPC_SERVICE = 'crm.accounts.v1.ContactsService';
export const TIMELINE_GRPC_SERVICE = 'crm.accounts.v1.TimelineService';
export const ATTACHMENTS_GRPC_SERVICE = 'crm.accounts.v1.AttachmentsService';

export type AccountsServiceHandle = ServiceCoreHandle;
export type AccountsServiceDeps = ServiceCoreDeps;

const handlerDeps = ({ orm, notifyOutbox }: ServiceCore): HandlerDeps => ({
  orm,
  onEventsCommitted: notifyOutbox,
});

/**
 * Composition of the accounts service (the address book: accounts, contacts, their timelines and
 * attachments): PostgreSQL schema, outbox relay to the bus, one gRPC server for all its services.
 * `main.ts` calls it in a cluster; the launcher calls it in embedded mode.
 */
export function startAccountsService(
  config: AccountsServiceConfig,
  deps: AccountsServiceDeps,
): Promise<AccountsServiceHandle> {
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
    ],
  });
}
