import { z } from 'zod';
import { loadConfig, serviceEnv } from '@crm/config';
import { importsEnv } from './imports/imports-config.js';

export const accountsEnvSchema = z.object({
  ...serviceEnv({ schema: 'accounts', grpcPort: 50051 }),
  ...importsEnv,
});

export type AccountsConfig = z.output<typeof accountsEnvSchema>;

/** What `startAccountsService` needs; NATS is handed in as a bus, so its URL is not required here. */
export type AccountsServiceConfig = Omit<AccountsConfig, 'NATS_URL'>;

export function loadAccountsConfig(
  env: Record<string, string | undefined> = process.env,
): AccountsConfig {
  return loadConfig('accounts', accountsEnvSchema, env);
}
