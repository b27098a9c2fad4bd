import { ConfigError } from '@crm/config';
import { createLogger } from '@crm/logging';
import { startTelemetry } from '@crm/telemetry';
import { loadLauncherConfig } from './config.js';
import { releaseForeignSignalHandlers } from './signals.js';
import { startCrm } from './runtime.js';

async function main(): Promise<void> {
  const config = loadLauncherConfig();
  if (process.argv.includes('--demo')) {
    throw new ConfigError('crm', [
      {
        variable: '--demo',
        message: 'demo data arrives with deals, tasks and time tracking; not available yet',
      },
    ]);
  }
  const telemetry = startTelemetry({
    serviceName: 'crm',
    otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
  });
  const logger = createLogger({ service: 'crm', level: config.LOG_LEVEL });
  const ownedSignals = releaseForeignSignalHandlers();
  const runtime = await startCrm(config, logger, { demo: process.argv.includes('--demo') });
  ownedSignals.release();
  logger.info(
    { url: runtime.url, dataDir: config.CRM_DATA_DIR, ...runtime.summary },
    `CRM ready at ${runtime.url}`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping the CRM');
    runtime
      .stop()
      .then(() => telemetry.shutdown())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'stop failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : String((error as Error)?.stack ?? error)}\n`,
  );
  process.exit(1);
});
