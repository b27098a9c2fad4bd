import { z } from 'zod';

/** `true`/`false`/`1`/`0`/`yes`/`no`; anything else is a configuration error. */
export const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** Digits only: `0x10`, ` 5`, `1e2` or an empty value are mistakes, not numbers. */
export function integerFromEnv(options: { min: number; max: number; what: string }) {
  const message = `expected ${options.what} between ${options.min} and ${options.max}`;
  return z
    .string({ message })
    .regex(/^\d+$/, { message })
    .transform(Number)
    .pipe(z.number().int().min(options.min, { message }).max(options.max, { message }));
}

export const portFromEnv = integerFromEnv({ min: 0, max: 65535, what: 'a port' });

/** Variables every service understands. */
export const commonEnv = {
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'expected one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ message: 'expected a URL' }).optional(),
  METRICS_PORT: portFromEnv.optional(),
};

/**
 * The key services sign the original caller with in gRPC metadata (HMAC); every process of one
 * installation shares it, and nothing outside them may know it.
 */
export const internalSecretFromEnv = z
  .string({
    message: 'is required: the shared key services sign caller identities with (32+ characters)',
  })
  .min(32, { message: 'must be at least 32 characters' });

/** Where a gRPC service is: `host:port`, or `dns:///host:port` to balance over every address. */
export const grpcTargetFromEnv = z
  .string({ message: 'is required: host:port of the service' })
  .regex(/^(dns:\/\/\/)?[A-Za-z0-9.-]+:\d{1,5}$/, {
    message: 'expected host:port or dns:///host:port',
  });

/**
 * What every gRPC service with its own PostgreSQL schema reads: its database and schema, NATS, where
 * it listens, the caller-signing key and whether it migrates on start.
 */
export function serviceEnv(defaults: { schema: string; grpcPort: number }) {
  return {
    ...commonEnv,
    DATABASE_URL: z.url({ message: 'is required: a postgres:// connection URL' }),
    // 52 characters at most: the outbox's NOTIFY channel is `crm_outbox_<schema>` (63 bytes max).
    DATABASE_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,51}$/, {
        message: 'expected a lower-case SQL identifier of at most 52 characters',
      })
      .default(defaults.schema),
    NATS_URL: z.string({ message: 'is required: the nats:// URL of the JetStream server' }).min(1),
    GRPC_HOST: z.string().min(1).default('0.0.0.0'),
    GRPC_PORT: portFromEnv.default(defaults.grpcPort),
    CRM_INTERNAL_SECRET: internalSecretFromEnv,
    /** Embedded mode migrates on start; clusters run the one-shot migrate command instead. */
    MIGRATE_ON_START: booleanFromEnv.default(false),
  };
}
