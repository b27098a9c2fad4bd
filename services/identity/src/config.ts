import { z } from 'zod';
import {
  booleanFromEnv,
  commonEnv,
  integerFromEnv,
  internalSecretFromEnv,
  loadConfig,
  portFromEnv,
} from '@crm/config';

export const MIN_PASSWORD_LENGTH = 12;

export const identityEnvSchema = z.object({
  ...commonEnv,
  DATABASE_URL: z.url({ message: 'is required: a postgres:// connection URL' }),
  // 52 characters at most: the outbox's NOTIFY channel is `crm_outbox_<schema>` (63 bytes max).
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,51}$/, {
      message: 'expected a lower-case SQL identifier of at most 52 characters',
    })
    .default('identity'),
  NATS_URL: z.string({ message: 'is required: the nats:// URL of the JetStream server' }).min(1),
  GRPC_HOST: z.string().min(1).default('0.0.0.0'),
  GRPC_PORT: portFromEnv.default(50052),
  CRM_INTERNAL_SECRET: internalSecretFromEnv,
  /** Embedded mode migrates on start; clusters run the one-shot migrate command instead. */
  MIGRATE_ON_START: booleanFromEnv.default(false),
  /** A session unused this long ends (default 2 hours). */
  SESSION_IDLE_TIMEOUT_SECONDS: integerFromEnv({
    min: 60,
    max: 31_536_000,
    what: 'a number of seconds',
  }).default(7200),
  /** A session ends this long after sign-in, however busy (default 7 days). */
  SESSION_ABSOLUTE_TIMEOUT_SECONDS: integerFromEnv({
    min: 60,
    max: 31_536_000,
    what: 'a number of seconds',
  }).default(604_800),
  CRM_ADMIN_EMAIL: z.email({ message: 'expected an email address' }).default('admin@example.com'),
  /** Only read while no active admin exists: the initial admin's password. */
  CRM_ADMIN_PASSWORD: z
    .string()
    .min(MIN_PASSWORD_LENGTH, { message: `must be at least ${MIN_PASSWORD_LENGTH} characters` })
    .optional(),
});

export type IdentityConfig = z.output<typeof identityEnvSchema>;

/**
 * What `startIdentityService` needs; NATS is handed in as a bus and the initial admin is created
 * through `ensureInitialAdmin`, so neither is required here.
 */
export type IdentityServiceConfig = Omit<
  IdentityConfig,
  'NATS_URL' | 'CRM_ADMIN_EMAIL' | 'CRM_ADMIN_PASSWORD'
>;

export function loadIdentityConfig(
  env: Record<string, string | undefined> = process.env,
): IdentityConfig {
  return loadConfig('identity', identityEnvSchema, env);
}
