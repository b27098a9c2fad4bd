import { trace, isSpanContextValid } from '@opentelemetry/api';
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

export interface LoggerOptions {
  service: string;
  level?: string;
  /** Where lines go; stdout when omitted. Tests pass a stream to read what was logged. */
  destination?: DestinationStream;
}

/**
 * Paths whose values never reach a log line. Covers request/response shapes (headers, bodies),
 * configuration objects and error metadata; extend here rather than at call sites.
 */
const REDACTED_PATHS = [
  'password',
  '*.password',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'apiKey',
  '*.apiKey',
  'authorization',
  '*.authorization',
  'cookie',
  '*.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'config.DATABASE_URL',
  'config.NATS_URL',
  'config.CLICKHOUSE_PASSWORD',
  'config.CRM_ADMIN_PASSWORD',
  'databaseUrl',
  '*.databaseUrl',
];

/** A pino logger that writes JSON and stamps every line with the active trace and span ids. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
      mixin() {
        const span = trace.getActiveSpan();
        if (!span) return {};
        const context = span.spanContext();
        if (!isSpanContextValid(context)) return {};
        return { traceId: context.traceId, spanId: context.spanId };
      },
    },
    options.destination,
  );
}
