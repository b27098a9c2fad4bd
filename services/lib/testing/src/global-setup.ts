import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { findNatsServerBinary, startNatsServer } from '@crm/bus';
import { startEmbeddedPostgres } from '@crm/db';
import { createLogger } from '@crm/logging';
import './provided-context.js';

/**
 * Vitest global setup for integration suites: PostgreSQL from DATABASE_URL or an embedded server,
 * NATS from NATS_URL or a `nats-server` binary, both started once per test run.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const logger = createLogger({
    service: 'test-harness',
    level: process.env.TEST_LOG_LEVEL ?? 'warn',
  });
  const cleanups: Array<() => Promise<void>> = [];
  // Every step runs even when one fails, so a stuck server never leaves the others behind.
  const teardown = async () => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        logger.error({ err: error }, 'test harness cleanup failed');
      }
    }
  };
  try {
    let postgresAdminUrl = process.env.DATABASE_URL;
    if (!postgresAdminUrl) {
      const dataDir = await mkdtemp(join(tmpdir(), 'crm-test-pg-'));
      // As root the server runs as the `postgres` user, which must reach the data directory.
      await chmod(dataDir, 0o755);
      cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
      const postgres = await startEmbeddedPostgres({ dataDir: join(dataDir, 'data'), logger });
      cleanups.push(() => postgres.stop());
      postgresAdminUrl = postgres.url();
    }
    project.provide('postgresAdminUrl', postgresAdminUrl);

    let natsUrl = process.env.NATS_URL;
    if (!natsUrl) {
      const binary = findNatsServerBinary(process.env);
      if (!binary) {
        throw new Error(
          'Integration tests need NATS: set NATS_URL, or install nats-server ' +
            '(go install github.com/nats-io/nats-server/v2@latest) or set NATS_SERVER_BIN.',
        );
      }
      const dataDir = await mkdtemp(join(tmpdir(), 'crm-test-nats-'));
      cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
      const nats = await startNatsServer({ binary, dataDir, logger });
      cleanups.push(() => nats.stop());
      natsUrl = nats.url;
    }
    project.provide('natsUrl', natsUrl);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
