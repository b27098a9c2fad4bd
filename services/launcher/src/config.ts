import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { commonEnv, loadConfig, portFromEnv } from '@crm/config';
import { accountsEnvSchema } from '@crm/accounts';
import { identityEnvSchema } from '@crm/identity';
import { objectStorageEnv } from '@crm/object-storage';

const optionalUrl = z.url({ message: 'expected a URL' }).optional();

/** The runtime contract (shared/contract/runtime.md): whatever is not configured is embedded. */
export const launcherEnvSchema = z.object({
  LOG_LEVEL: commonEnv.LOG_LEVEL,
  PORT: portFromEnv.default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  // Object storage (attachments, uploaded imports): S3 or Azure when configured, else files under
  // $CRM_DATA_DIR/files.
  ...objectStorageEnv,
  CRM_DATA_DIR: z.string().min(1).default('.crm-data'),
  DATABASE_URL: optionalUrl,
  NATS_URL: z.string().min(1).optional(),
  NATS_SERVER_BIN: z.string().min(1).optional(),
  CLICKHOUSE_URL: optionalUrl,
  CLICKHOUSE_USER: z.string().optional(),
  CLICKHOUSE_PASSWORD: z.string().optional(),
  CLICKHOUSE_DATABASE: z.string().optional(),
  IMPORT_BATCH_SIZE: accountsEnvSchema.shape.IMPORT_BATCH_SIZE,
  OTEL_EXPORTER_OTLP_ENDPOINT: commonEnv.OTEL_EXPORTER_OTLP_ENDPOINT,
  /** The first admin, created on the first start (runtime contract). */
  CRM_ADMIN_EMAIL: identityEnvSchema.shape.CRM_ADMIN_EMAIL,
  CRM_ADMIN_PASSWORD: identityEnvSchema.shape.CRM_ADMIN_PASSWORD,
  SESSION_IDLE_TIMEOUT_SECONDS: identityEnvSchema.shape.SESSION_IDLE_TIMEOUT_SECONDS,
  SESSION_ABSOLUTE_TIMEOUT_SECONDS: identityEnvSchema.shape.SESSION_ABSOLUTE_TIMEOUT_SECONDS,
  WEB_DIST_DIR: z
    .string()
    .min(1)
    .default(fileURLToPath(new URL('../../../web/dist', import.meta.url))),
});

export type LauncherConfig = z.output<typeof launcherEnvSchema>;

export function loadLauncherConfig(
  env: Record<string, string | undefined> = process.env,
): LauncherConfig {
  const config = loadConfig('crm', launcherEnvSchema, env);
  return { ...config, CRM_DATA_DIR: resolve(config.CRM_DATA_DIR) };
}
