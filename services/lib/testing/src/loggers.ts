import { Writable } from 'node:stream';
import { createLogger, type Logger } from '@crm/logging';

/** A logger for tests: silent unless TEST_LOG_LEVEL asks for lines. */
export function quietLogger(service = 'test'): Logger {
  return createLogger({ service, level: process.env.TEST_LOG_LEVEL ?? 'silent' });
}

/** A logger whose JSON lines the test can read back. */
export function captureLogger(service = 'test'): {
  logger: Logger;
  lines: () => Array<Record<string, unknown>>;
} {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return {
    logger: createLogger({ service, level: 'debug', destination }),
    lines: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
