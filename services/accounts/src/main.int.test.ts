import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkHealth } from '@crm/grpc';
import { createTestDatabase, testNatsUrl, TEST_INTERNAL_SECRET, waitFor } from '@crm/testing';

const mainJs = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const migrateJs = fileURLToPath(new URL('../dist/migrate.js', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

describe('accounts process (cluster mode)', () => {
  it('stops with a message naming every bad or missing variable', () => {
    const result = spawnSync(process.execPath, [mainJs], {
      env: { PATH: process.env.PATH, GRPC_PORT: 'not-a-port', MIGRATE_ON_START: 'maybe' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('accounts: invalid configuration');
    for (const variable of [
      'DATABASE_URL',
      'NATS_URL',
      'CRM_INTERNAL_SECRET',
      'GRPC_PORT',
      'MIGRATE_ON_START',
    ]) {
      expect(result.stderr).toContain(`- ${variable}:`);
    }
    expect(result.stderr).not.toContain('not-a-port');
  });

  it('migrates with the one-shot command, serves gRPC health, and stops cleanly on SIGTERM', async () => {
    const database = await createTestDatabase('accounts_main');
    try {
      const migrate = spawnSync(process.execPath, [migrateJs], {
        env: { PATH: process.env.PATH, DATABASE_URL: database.url, LOG_LEVEL: 'silent' },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(migrate.status).toBe(0);

      const port = await freePort();
      const child = spawn(process.execPath, [mainJs], {
        env: {
          PATH: process.env.PATH,
          DATABASE_URL: database.url,
          NATS_URL: testNatsUrl(),
          CRM_INTERNAL_SECRET: TEST_INTERNAL_SECRET,
          GRPC_HOST: '127.0.0.1',
          GRPC_PORT: String(port),
          LOG_LEVEL: 'silent',
        },
        stdio: 'ignore',
      });
      try {
        await waitFor(
          async () =>
            (await checkHealth(`127.0.0.1:${port}`, 'crm.accounts.v1.AccountsService')) ===
            'SERVING',
          {
            timeoutMs: 20_000,
            what: 'the accounts process to serve',
          },
        );
      } finally {
        child.kill('SIGTERM');
      }
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(0);
    } finally {
      await database.drop();
    }
  });
});
