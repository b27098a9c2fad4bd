import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, type Logger } from '@crm/logging';
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from '../src/embedded-postgres.js';

export interface PostgresFixture {
  server: EmbeddedPostgresServer;
  dataDir: string;
  logger: Logger;
  /** Restart the server on the same data directory (and port). */
  restart(): Promise<EmbeddedPostgresServer>;
  cleanup(): Promise<void>;
}

/** `LOG_LEVEL=debug` shows the server's and the ORM's output while debugging a test. */
export function testLogger(): Logger {
  return createLogger({ service: 'db-test', level: process.env.LOG_LEVEL ?? 'silent' });
}

/** A real PostgreSQL server in a fresh temporary directory, for one test suite. */
export async function startPostgresFixture(): Promise<PostgresFixture> {
  const root = await mkdtemp(join(tmpdir(), 'crm-db-test-'));
  // When tests run as root the server runs as "postgres", which must be able to enter the dir.
  await chmod(root, 0o755);
  const dataDir = join(root, 'postgres');
  const logger = testLogger();
  const fixture: PostgresFixture = {
    server: await startEmbeddedPostgres({ dataDir, logger }),
    dataDir,
    logger,
    async restart() {
      await fixture.server.stop();
      fixture.server = await startEmbeddedPostgres({ dataDir, logger, port: fixture.server.port });
      return fixture.server;
    },
    async cleanup() {
      await fixture.server.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
  return fixture;
}

/** Polls `condition` until it holds or `timeoutMs` passes. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
