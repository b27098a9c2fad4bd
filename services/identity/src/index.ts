export {
  startIdentityService,
  IDENTITY_GRPC_SERVICE,
  type IdentityServiceDeps,
  type IdentityServiceHandle,
} from './service.js';
export {
  identityEnvSchema,
  loadIdentityConfig,
  MIN_PASSWORD_LENGTH,
  type IdentityConfig,
  type IdentityServiceConfig,
} from './config.js';
export type { InitialAdminOptions, InitialAdminResult } from './bootstrap.js';
export { PasswordHasher } from './domain/password-hasher.js';
export { IDENTITY_STREAM, identitySubjects, decodeUserUpserted } from './events/identity-events.js';
export { ACCOUNTS_EVENTS } from './events/accounts-audit-consumer.js';
export { LOGIN_FAILED_MESSAGE } from './grpc/auth-handlers.js';
