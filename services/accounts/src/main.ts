import { connectNatsBus } from '@crm/bus';
import { ConfigError } from '@crm/config';
import { createLogger } from '@crm/logging';
import { loadAccountsConfig } from './config.js';
import { startAccountsService } from './service.js';

async function main(): Promise<void> {
  const config = loadAccountsConfig();
  const logger = createLogger({ service: 'accounts', level: config.LOG_LEVEL });
  const bus = await connectNatsBus({ url: config.NATS_URL, name: 'accounts', logger });
  const service = await startAccountsService(config, { logger, bus });
  logger.info({ grpc: service.grpcAddress }, 'accounts service ready');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    service
      .stop()
      .then(() => bus.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
