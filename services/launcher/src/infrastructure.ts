import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  connectNatsBus,
  createInProcessBus,
  findNatsServerBinary,
  startNatsServer,
  type Bus,
} from '@crm/bus';
import { createAnalyticsStore, type AnalyticsStore } from '@crm/clickhouse';
import { ensureDatabase, startEmbeddedPostgres } from '@crm/db';
import { StopStack } from '@crm/lifecycle';
import type { Logger } from '@crm/logging';
import type { LauncherConfig } from './config.js';

export interface Infrastructure {
  databaseUrl: string;
  bus: Bus;
  analytics: AnalyticsStore;
  /** What is embedded and what is external, for the start-up banner. */
  summary: Record<'postgres' | 'nats' | 'clickhouse', string>;
  stop(): Promise<void>;
}

const DATABASE_NAME = 'crm';

/**
 * The embedded server's superuser password: generated on first start and kept (mode 0600) beside
 * the data, so no well-known password guards a server that any local user can reach.
 */
async function localSecret(path: string): Promise<string> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(24).toString('base64url');
  await writeFile(path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}

/**
 * Brings up PostgreSQL, NATS and ClickHouse: the configured ones by URL, the rest embedded with
 * data under CRM_DATA_DIR. Everything started is stopped by `stop()`, in reverse order.
 */
export async function startInfrastructure(
  config: LauncherConfig,
  logger: Logger,
): Promise<Infrastructure> {
  const started = new StopStack(logger);
  const stop = () => started.stopAll();
  const summary = { postgres: '', nats: '', clickhouse: '' };
  try {
    await mkdir(config.CRM_DATA_DIR, { recursive: true });
    // As root the embedded PostgreSQL runs as the `postgres` user, which must reach its folder.
    if (process.getuid?.() === 0) await chmod(config.CRM_DATA_DIR, 0o755);

    let databaseUrl = config.DATABASE_URL;
    if (databaseUrl) {
      summary.postgres = 'external (DATABASE_URL)';
    } else {
      const postgres = await startEmbeddedPostgres({
        dataDir: join(config.CRM_DATA_DIR, 'postgres'),
        password: await localSecret(join(config.CRM_DATA_DIR, 'postgres-password')),
        logger,
      });
      started.push('postgres', () => postgres.stop());
      await ensureDatabase(postgres.url(), DATABASE_NAME);
      databaseUrl = postgres.url(DATABASE_NAME);
      summary.postgres = `embedded on port ${postgres.port}`;
    }

    let bus: Bus;
    const binary = config.NATS_URL
      ? null
      : findNatsServerBinary({ ...process.env, NATS_SERVER_BIN: config.NATS_SERVER_BIN });
    if (config.NATS_URL) {
      bus = await connectNatsBus({ url: config.NATS_URL, name: 'crm', logger });
      summary.nats = 'external (NATS_URL)';
    } else if (binary) {
      const dataDir = join(config.CRM_DATA_DIR, 'nats');
      await mkdir(dataDir, { recursive: true });
      const nats = await startNatsServer({ binary, dataDir, logger });
      started.push('nats-server', () => nats.stop());
      bus = await connectNatsBus({ url: nats.url, name: 'crm', logger });
      summary.nats = `nats-server ${binary} on ${nats.url}`;
    } else {
      logger.warn(
        'no NATS_URL and no nats-server binary: using the in-process bus. Events live in memory only ' +
          'and the productivity platform cannot connect. Install nats-server ' +
          '(go install github.com/nats-io/nats-server/v2@latest) or set NATS_URL.',
      );
      bus = createInProcessBus({ logger });
      summary.nats = 'in-process bus (no persistence)';
    }
    started.push('bus', () => bus.close());

    const analytics = await createAnalyticsStore({
      clickhouseUrl: config.CLICKHOUSE_URL,
      clickhouseUser: config.CLICKHOUSE_USER,
      clickhousePassword: config.CLICKHOUSE_PASSWORD,
      clickhouseDatabase: config.CLICKHOUSE_DATABASE,
      dataDir: config.CRM_DATA_DIR,
    });
    started.push('analytics', () => analytics.close());
    await analytics.ping();
    summary.clickhouse = config.CLICKHOUSE_URL
      ? 'external (CLICKHOUSE_URL)'
      : `embedded chdb in ${join(config.CRM_DATA_DIR, 'clickhouse')}`;

    return { databaseUrl, bus, analytics, summary, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
