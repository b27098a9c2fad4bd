import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const mainJs = fileURLToPath(new URL('../dist/main.js', import.meta.url));

describe('accounts process start-up', () => {
  it('stops with a message naming every bad or missing variable', () => {
    const result = spawnSync(process.execPath, [mainJs], {
      env: { PATH: process.env.PATH, GRPC_PORT: 'not-a-port', MIGRATE_ON_START: 'maybe' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('accounts: invalid configuration');
    for (const variable of ['DATABASE_URL', 'NATS_URL', 'GRPC_PORT', 'MIGRATE_ON_START']) {
      expect(result.stderr).toContain(`- ${variable}:`);
    }
    expect(result.stderr).not.toContain('not-a-port');
  });
});
