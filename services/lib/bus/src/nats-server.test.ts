import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findNatsServerBinary, NatsServerStartError } from './nats-server.js';

const root = mkdtempSync(join(tmpdir(), 'crm-bus-find-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function executable(path: string): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, 0o755);
  return path;
}

describe('findNatsServerBinary', () => {
  const explicit = executable(join(root, 'explicit', 'my-nats'));
  const onPath = executable(join(root, 'bin', 'nats-server'));
  const goBin = executable(join(root, 'home', 'go', 'bin', 'nats-server'));
  const home = join(root, 'home');

  it('prefers NATS_SERVER_BIN, then PATH, then ~/go/bin', () => {
    expect(
      findNatsServerBinary({ NATS_SERVER_BIN: explicit, PATH: join(root, 'bin'), HOME: home }),
    ).toBe(explicit);
    expect(
      findNatsServerBinary({ PATH: `${join(root, 'none')}:${join(root, 'bin')}`, HOME: home }),
    ).toBe(onPath);
    expect(findNatsServerBinary({ PATH: join(root, 'none'), HOME: home })).toBe(goBin);
  });

  it('refuses a NATS_SERVER_BIN that is not an executable file instead of falling back', () => {
    const notExecutable = join(root, 'explicit', 'plain-file');
    writeFileSync(notExecutable, '');
    for (const value of [join(root, 'missing'), notExecutable, join(root, 'explicit')]) {
      expect(() =>
        findNatsServerBinary({ NATS_SERVER_BIN: value, PATH: join(root, 'bin'), HOME: home }),
      ).toThrow(NatsServerStartError);
      expect(() => findNatsServerBinary({ NATS_SERVER_BIN: value })).toThrow(/NATS_SERVER_BIN/);
    }
  });

  it('skips a directory named nats-server on PATH', () => {
    mkdirSync(join(root, 'dir-bin', 'nats-server'), { recursive: true });
    expect(findNatsServerBinary({ PATH: join(root, 'dir-bin'), HOME: home })).toBe(goBin);
  });

  it('returns null when there is none', () => {
    expect(
      findNatsServerBinary({ PATH: join(root, 'none'), HOME: join(root, 'nobody') }),
    ).toBeNull();
  });
});
