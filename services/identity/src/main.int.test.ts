import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  testNatsUrl,
  type TestDatabase,
  TEST_INTERNAL_SECRET,
} from '@crm/testing';

const mainJs = fileURLToPath(new URL('../dist/main.js', import.meta.url));

describe('identity process start-up', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('identity_main');
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('stops with a message naming every bad or missing variable', () => {
    const result = spawnSync(process.execPath, [mainJs], {
      env: {
        PATH: process.env.PATH,
        GRPC_PORT: 'not-a-port',
        SESSION_IDLE_TIMEOUT_SECONDS: '1h',
        CRM_ADMIN_PASSWORD: 'too-short',
      },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('identity: invalid configuration');
    for (const variable of [
      'DATABASE_URL',
      'NATS_URL',
      'GRPC_PORT',
      'SESSION_IDLE_TIMEOUT_SECONDS',
      'CRM_ADMIN_PASSWORD',
    ]) {
      expect(result.stderr).toContain(`- ${variable}:`);
    }
    expect(result.stderr).not.toContain('too-short');
    expect(result.stderr).not.toContain('not-a-port');
  });

  it('refuses to start without an admin when CRM_ADMIN_PASSWORD is unset', () => {
    const result = spawnSync(process.execPath, [mainJs], {
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: database.url,
        NATS_URL: testNatsUrl(),
        GRPC_HOST: '127.0.0.1',
        GRPC_PORT: '0',
        MIGRATE_ON_START: 'true',
        LOG_LEVEL: 'silent',
        CRM_INTERNAL_SECRET: TEST_INTERNAL_SECRET,
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      '- CRM_ADMIN_PASSWORD: is required while no active admin exists',
    );
  });
});
