import { z } from 'zod';
import { resolve } from 'node:path';
import {
  booleanFromEnv,
  commonEnv,
  grpcTargetFromEnv,
  integerFromEnv,
  internalSecretFromEnv,
  loadConfig,
  portFromEnv,
} from '@crm/config';

export const gatewayEnvSchema = z.object({
  ...commonEnv,
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: portFromEnv.default(8080),
  ACCOUNTS_GRPC_URL: grpcTargetFromEnv,
  IDENTITY_GRPC_URL: grpcTargetFromEnv,
  CRM_INTERNAL_SECRET: internalSecretFromEnv,
  /** Folder with the built web UI; the UI is not served when unset. */
  WEB_DIST_DIR: z
    .string()
    .min(1)
    .transform((path) => resolve(path))
    .optional(),
  TRUST_PROXY: booleanFromEnv.default(false),
  BODY_LIMIT_BYTES: integerFromEnv({ min: 1, max: 104_857_600, what: 'a size in bytes' }).default(
    1_048_576,
  ),
});

export type GatewayConfig = z.output<typeof gatewayEnvSchema>;

export function loadGatewayConfig(
  env: Record<string, string | undefined> = process.env,
): GatewayConfig {
  return loadConfig('gateway', gatewayEnvSchema, env);
}
