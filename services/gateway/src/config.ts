import { z } from 'zod';
import { booleanFromEnv, commonEnv, loadConfig, portFromEnv } from '@crm/config';

const grpcAddress = z
  .string({ message: 'is required (host:port of the service)' })
  .regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, { message: 'expected host:port' });

export const gatewayEnvSchema = z.object({
  ...commonEnv,
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: portFromEnv.default(8080),
  ACCOUNTS_GRPC_URL: grpcAddress,
  /** Folder with the built web UI; the UI is not served when unset. */
  WEB_DIST_DIR: z.string().min(1).optional(),
  TRUST_PROXY: booleanFromEnv.default(false),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
});

export type GatewayConfig = z.output<typeof gatewayEnvSchema>;

export function loadGatewayConfig(
  env: Record<string, string | undefined> = process.env,
): GatewayConfig {
  return loadConfig('gateway', gatewayEnvSchema, env);
}
