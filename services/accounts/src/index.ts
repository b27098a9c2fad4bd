export {
  startAccountsService,
  ACCOUNTS_GRPC_SERVICE,
  CONTACTS_GRPC_SERVICE,
  TIMELINE_GRPC_SERVICE,
  ATTACHMENTS_GRPC_SERVICE,
  IMPORTS_GRPC_SERVICE,
  type AccountsServiceHandle,
} from './service.js';
export {
  accountsEnvSchema,
  loadAccountsConfig,
  type AccountsConfig,
  type AccountsServiceConfig,
} from './config.js';
export {
  ACCOUNTS_STREAM,
  accountSubjects,
  decodeAccountCreated,
  decodeAccountDeleted,
  decodeAccountsMerged,
  decodeAccountUpdated,
} from './events/account-events.js';
export {
  contactSubjects,
  decodeContactCreated,
  decodeContactDeleted,
  decodeContactsMerged,
  decodeContactUpdated,
} from './events/contact-events.js';
