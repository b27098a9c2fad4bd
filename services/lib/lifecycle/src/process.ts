import { ConfigError } from '@crm/config';
import type { Logger } from '@crm/logging';

const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * On the first SIGINT/SIGTERM runs `stop` once and exits 0 (1 when stopping failed). A second
 * signal, or a stop that outlasts `graceMs`, exits 1 at once: an operator can always get out.
 */
export function stopOnSignals(
  logger: Logger,
  stop: () => Promise<void>,
  options: { graceMs?: number } = {},
): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal while stopping; exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error('shutdown did not finish in time; exiting');
      process.exit(1);
    }, options.graceMs ?? 30_000).unref();
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  for (const signal of SHUTDOWN_SIGNALS) process.on(signal, onSignal);
}

/**
 * Runs a process's `main`; a start-up failure ends the process with exit code 1 and a plain
 * message (a configuration error lists each offending variable, never its value).
 */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    const message =
      error instanceof ConfigError
        ? error.message
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error);
    process.stderr.write(`${message}\n`);
    process.exit(1);
  });
}
