import { z } from 'zod';
import {
  booleanFromEnv,
  commonEnv,
  internalSecretFromEnv,
  loadConfig,
  portFromEnv,
} from '@crm/config';

export const accountsEnvSchema = z.object({
  ...commonEnv,
  DATABASE_URL: z.url({ message: 'is required: a postgres:// connection URL' }),
  // 52 characters at most: the outbox's NOTIFY channel is `crm_outbox_<schema>` (63 bytes max).
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,51}$/, {
      message: 'expected a lower-case SQL identifier of at most 52 characters',
    })
    .default('accounts'),
  NATS_URL: z.string({ message: 'is required: the nats:// URL of the JetStream server' }).min(1),
  GRPC_HOST: z.string().min(1).default('0.0.0.0'),
  GRPC_PORT: portFromEnv.default(50051),
  CRM_INTERNAL_SECRET: internalSecretFromEnv,
  /** Embedded mode migrates on start; clusters run the one-shot migrate command instead. */
  MIGRATE_ON_START: booleanFromEnv.default(false),
});

export type AccountsConfig = z.output<typeof accountsEnvSchema>;

/** What `startAccountsService` needs; NATS is handed in as a bus, so its URL is not required here. */
export type AccountsServiceConfig = Omit<AccountsConfig, 'NATS_URL'>;

export function loadAccountsConfig(
  env: Record<string, string | undefined> = process.env,
): AccountsConfig {
  return loadConfig('accounts', accountsEnvSchema, env);
}
