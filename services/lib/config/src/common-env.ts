import { z } from 'zod';

/** `true`/`false`/`1`/`0`/`yes`/`no`; anything else is a configuration error. */
export const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

export const portFromEnv = z.coerce
  .number({ message: 'expected a port number' })
  .int({ message: 'expected a port number' })
  .min(0, { message: 'expected a port between 0 and 65535' })
  .max(65535, { message: 'expected a port between 0 and 65535' });

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
