export {
  startAccountsService,
  ACCOUNTS_GRPC_SERVICE,
  type AccountsServiceHandle,
} from './service.js';
export {
  accountsEnvSchema,
  loadAccountsConfig,
  type AccountsConfig,
  type AccountsServiceConfig,
} from './config.js';
export { ACCOUNTS_STREAM, accountSubjects, decodeAccountCreated } from './events/account-events.js';
