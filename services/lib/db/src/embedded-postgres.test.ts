import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
