import { runMain, stopOnSignals } from '@crm/lifecycle';
import { createLogger } from '@crm/logging';
import { startTelemetry } from '@crm/telemetry';
import { loadLauncherConfig } from './config.js';
import { startCrm, type CrmRuntime } from './runtime.js';

runMain(async () => {
  const config = loadLauncherConfig();
  const telemetry = startTelemetry({
    serviceName: 'crm',
    otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
  });
  const logger = createLogger({ service: 'crm', level: config.LOG_LEVEL });

  let runtime: CrmRuntime | undefined;
  const starting = startCrm(config, logger, { demo: process.argv.includes('--demo') }).then(
    (started) => {
      runtime = started;
      return started;
    },
  );
  // Installed before start-up, so Ctrl-C while starting waits for what has started and stops it.
  // The launcher alone decides how the process stops: gateway → services → bus → servers.
  stopOnSignals(logger, async () => {
    await starting.catch(() => undefined);
    await runtime?.stop();
    await telemetry.shutdown();
  });
  const started = await starting;
  logger.info(
    { url: started.url, dataDir: config.CRM_DATA_DIR, ...started.summary },
    `CRM ready at ${started.url}`,
  );
});
