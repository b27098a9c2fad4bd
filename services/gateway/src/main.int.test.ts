import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const mainJs = fileURLToPath(new URL('../dist/main.js', import.meta.url));

describe('gateway process start-up', () => {
  it('stops with a message naming the bad variable', () => {
    const result = spawnSync(process.execPath, [mainJs], {
      env: { PATH: process.env.PATH, ACCOUNTS_GRPC_URL: 'accounts', PORT: '99999' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('gateway: invalid configuration');
    expect(result.stderr).toContain('- ACCOUNTS_GRPC_URL: expected host:port or dns:///host:port');
    expect(result.stderr).toContain('- PORT:');
  });
});
