import { z } from 'zod';
import { integerFromEnv, loadConfig, serviceEnv } from '@crm/config';

export const MIN_PASSWORD_LENGTH = 12;

export const identityEnvSchema = z.object({
  ...serviceEnv({ schema: 'identity', grpcPort: 50052 }),
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
  /**
   * Keys the digests failed sign-ins are counted under (32+ characters); every replica must use
   * the same. Defaults to a key derived from CRM_INTERNAL_SECRET.
   */
  LOGIN_FAILURE_KEY: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
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
