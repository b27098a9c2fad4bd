import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findHelm, HelmCommandError, HelmNotFoundError, runHelm } from './helm.js';

let dir = '';
let fakeHelm = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crm-helm-'));
  await mkdir(join(dir, 'bin'));
  fakeHelm = join(dir, 'bin', 'helm');
  // Stands in for helm: echoes its arguments, or fails like helm does on `fail`.
  await writeFile(
    fakeHelm,
    '#!/bin/sh\nif [ "$1" = fail ]; then echo "Error: bad values" >&2; exit 3; fi\necho "$@"\n',
  );
  await chmod(fakeHelm, 0o755);
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('findHelm', () => {
  it('uses HELM_BIN when set', async () => {
    await expect(findHelm({ HELM_BIN: fakeHelm, PATH: '' })).resolves.toBe(fakeHelm);
  });

  it('does not fall back to PATH when HELM_BIN is wrong', async () => {
    const missing = join(dir, 'missing-helm');
    const search = findHelm({ HELM_BIN: missing, PATH: join(dir, 'bin') });
    await expect(search).rejects.toBeInstanceOf(HelmNotFoundError);
    await expect(search).rejects.toThrow(/go install helm\.sh\/helm\/v3\/cmd\/helm@latest/);
  });

  it('finds helm on PATH, then in ~/go/bin', async () => {
    await expect(
      findHelm({ PATH: `/nonexistent:${join(dir, 'bin')}`, HOME: '/nonexistent' }),
    ).resolves.toBe(fakeHelm);
    const home = join(dir, 'home');
    await mkdir(join(home, 'go', 'bin'), { recursive: true });
    const goHelm = join(home, 'go', 'bin', 'helm');
    await writeFile(goHelm, '#!/bin/sh\n');
    await chmod(goHelm, 0o755);
    await expect(findHelm({ PATH: '/nonexistent', HOME: home })).resolves.toBe(goHelm);
  });

  it('lists every place it looked when helm is nowhere', async () => {
    const search = findHelm({ PATH: '/nonexistent', HOME: '/nonexistent-home' });
    await expect(search).rejects.toThrow('/nonexistent/helm, /nonexistent-home/go/bin/helm');
  });
});

describe('runHelm', () => {
  it('returns stdout', async () => {
    await expect(runHelm(fakeHelm, ['template', 'crm'])).resolves.toBe('template crm\n');
  });

  it('turns a failure into a HelmCommandError carrying exit code and stderr', async () => {
    const error: unknown = await runHelm(fakeHelm, ['fail']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HelmCommandError);
    expect(error).toMatchObject({ exitCode: 3, stderr: 'Error: bad values\n', args: ['fail'] });
  });
});
