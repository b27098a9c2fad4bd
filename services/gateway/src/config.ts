import { z } from 'zod';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import {
  commonEnv,
  grpcTargetFromEnv,
  integerFromEnv,
  internalSecretFromEnv,
  loadConfig,
  portFromEnv,
} from '@crm/config';
import { objectStorageEnv } from '@crm/object-storage';

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
  /**
   * Which proxies' X-Forwarded-* headers to believe: a hop count (`1` behind one ingress) or a
   * comma-separated list of proxy addresses/CIDRs. Unset believes none: clients cannot pick their
   * own address (rate limits, the audit log).
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .optional()
    .transform((value, context) => {
      if (!value || value === 'false' || value === '0') return false;
      if (/^\d+$/.test(value)) return Number(value);
      const entries = value.split(',').map((entry) => entry.trim());
      const valid = entries.every((entry) => {
        const [address, bits, ...rest] = entry.split('/');
        return (
          rest.length === 0 &&
          isIP(address ?? '') !== 0 &&
          (bits === undefined || /^\d{1,3}$/.test(bits))
        );
      });
      if (!valid) {
        context.addIssue({
          code: 'custom',
          message: 'expected a hop count or comma-separated proxy addresses/CIDRs',
        });
        return z.NEVER;
      }
      return entries;
    }),
  /** `true` in production behind TLS; `auto` marks the cookie Secure when the request was HTTPS. */
  COOKIE_SECURE: z
    .enum(['auto', 'true', 'false'], { message: 'expected auto, true or false' })
    .default('auto'),
  BODY_LIMIT_BYTES: integerFromEnv({ min: 1, max: 104_857_600, what: 'a size in bytes' }).default(
    1_048_576,
  ),
  /** Where attachments and uploaded imports go: S3, Azure Blob Storage, else `$CRM_DATA_DIR/files`. */
  ...objectStorageEnv,
  /** Largest attachment accepted; larger uploads are refused with 413 and nothing is kept. */
  ATTACHMENT_MAX_BYTES: integerFromEnv({
    min: 1,
    max: 1_073_741_824,
    what: 'a size in bytes',
  }).default(26_214_400),
  /** Largest CSV file an import accepts. */
  IMPORT_MAX_BYTES: integerFromEnv({ min: 1, max: 1_073_741_824, what: 'a size in bytes' }).default(
    52_428_800,
  ),
});

export type GatewayConfig = z.output<typeof gatewayEnvSchema>;

export function loadGatewayConfig(
  env: Record<string, string | undefined> = process.env,
): GatewayConfig {
  return loadConfig('gateway', gatewayEnvSchema, env);
}
