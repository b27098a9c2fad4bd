import { ConfigError } from '@crm/config';
import { connectNatsBus } from '@crm/bus';
import { runMain, StopStack, stopOnSignals } from '@crm/lifecycle';
import { createLogger } from '@crm/logging';
import {
  createGrpcServerMetrics,
  createMetricsRegistry,
  startMetricsServer,
  startTelemetry,
} from '@crm/telemetry';
import { loadIdentityConfig } from './config.js';
import { startIdentityService } from './service.js';

runMain(async () => {
  const config = loadIdentityConfig();
  const telemetry = startTelemetry({
    serviceName: 'identity',
    otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
  });
  const logger = createLogger({ service: 'identity', level: config.LOG_LEVEL });
  const running = new StopStack(logger);
  running.push('telemetry', () => telemetry.shutdown());

  const metrics = createMetricsRegistry({ service: 'identity' });
  const grpcMetrics = createGrpcServerMetrics(metrics);
  if (config.METRICS_PORT !== undefined) {
    const metricsServer = await startMetricsServer({
      registry: metrics,
      port: config.METRICS_PORT,
    });
    running.push('metrics', () => metricsServer.close());
  }
  const bus = await connectNatsBus({ url: config.NATS_URL, name: 'identity', logger });
  running.push('bus', () => bus.close());
  const service = await startIdentityService(config, {
    logger,
    bus,
    observeCalls: (call) => grpcMetrics.record(call.method, call.code, call.durationMs / 1000),
  });
  running.push('identity', () => service.stop());
  stopOnSignals(logger, () => running.stopAll());

  try {
    const admin = await service.ensureInitialAdmin({
      email: config.CRM_ADMIN_EMAIL,
      password: () => {
        if (config.CRM_ADMIN_PASSWORD) return Promise.resolve(config.CRM_ADMIN_PASSWORD);
        return Promise.reject(
          new ConfigError('identity', [
            {
              variable: 'CRM_ADMIN_PASSWORD',
              message: 'is required while no active admin exists: the first admin signs in with it',
            },
          ]),
        );
      },
    });
    if (admin.created) logger.info({ email: admin.email }, 'initial admin created');
  } catch (error) {
    await running.stopAll();
    throw error;
  }

  logger.info(
    { grpc: service.grpcAddress, metricsPort: config.METRICS_PORT },
    'identity service ready',
  );
});
