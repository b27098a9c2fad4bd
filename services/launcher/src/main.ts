import { runMain, stopOnSignals } from '@crm/lifecycle';
import { createLogger } from '@crm/logging';
import { startTelemetry } from '@crm/telemetry';
import { loadLauncherConfig } from './config.js';
import { releaseForeignSignalHandlers } from './signals.js';
import { startCrm } from './runtime.js';

runMain(async () => {
  const config = loadLauncherConfig();
  const telemetry = startTelemetry({
    serviceName: 'crm',
    otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
  });
  const logger = createLogger({ service: 'crm', level: config.LOG_LEVEL });
  const foreignSignalHandlers = releaseForeignSignalHandlers();
  const runtime = await startCrm(config, logger, { demo: process.argv.includes('--demo') });
  foreignSignalHandlers.release();

  stopOnSignals(logger, async () => {
    await runtime.stop();
    await telemetry.shutdown();
  });
  logger.info(
    { url: runtime.url, dataDir: config.CRM_DATA_DIR, ...runtime.summary },
    `CRM ready at ${runtime.url}`,
  );
});
