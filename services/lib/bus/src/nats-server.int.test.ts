import { spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from './bus-contract.js';
import { findNatsServerBinary, NatsServerStartError, startNatsServer } from './nats-server.js';

const binary = findNatsServerBinary(process.env);
if (!binary)
  throw new Error('nats-server not found: set NATS_SERVER_BIN or install it on PATH / ~/go/bin');
const nats: string = binary;

const root = mkdtempSync(join(tmpdir(), 'crm-bus-nats-server-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;
function freshDir(name: string): string {
  const dir = join(root, `${name}-${++dirs}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** JetStream answers: the process on the port is the nats-server we started, not something else. */
async function jetStreamAnswers(url: string): Promise<boolean> {
  const nc = await connect({ servers: url, timeout: 2_000 });
  try {
    await (await jetstreamManager(nc, { timeout: 2_000 })).getAccountInfo();
    return true;
  } catch {
    return false;
  } finally {
    await nc.close();
  }
}

/** Field 5 of /proc/<pid>/stat (after the parenthesised command name); null once it is gone or a zombie. */
function processGroup(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return state === 'Z' ? null : Number(pgrp);
  } catch {
    return null;
  }
}

const pendingTimeouts = (): number =>
  process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;

describe.skipIf(process.platform !== 'linux')('startNatsServer', () => {
  it('lets nats-server pick the port, comes back on it after restart, and stops idempotently', async () => {
    const server = await startNatsServer({ binary: nats, dataDir: freshDir('restart') });
    try {
      expect(server.port).toBeGreaterThan(0);
      expect(server.url).toBe(`nats://127.0.0.1:${server.port}`);
      expect(await jetStreamAnswers(server.url)).toBe(true);
      const firstPid = server.pid;
      expect(firstPid).toBeGreaterThan(0);

      await server.restart();
      // A new process, answering on the same URL (and so the same port).
      expect(server.pid).not.toBe(firstPid);
      expect(await jetStreamAnswers(server.url)).toBe(true);
    } finally {
      const timeoutsBefore = pendingTimeouts();
      await Promise.all([server.stop(), server.stop()]);
      await server.stop();
      // No stop grace timer is left behind to hold the event loop open.
      expect(pendingTimeouts()).toBeLessThanOrEqual(timeoutsBefore);
    }
    expect(server.pid).toBeUndefined();
  });

  it('runs nats-server in its own process group, out of reach of a terminal Ctrl-C', async () => {
    const server = await startNatsServer({ binary: nats, dataDir: freshDir('group') });
    try {
      const pid = server.pid ?? -1;
      expect(processGroup(pid)).toBe(pid);
      expect(processGroup(process.pid)).not.toBe(pid);
    } finally {
      await server.stop();
    }
  });

  it('never reports ready on a port that another process took first', async () => {
    // A stand-in binary that loses the race for any port it is told to use: another nats-server
    // (without JetStream) binds that port first, as a parallel test run could.
    const thiefDir = freshDir('thief');
    const wrapper = join(freshDir('wrapper-bin'), 'nats-server');
    writeFileSync(
      wrapper,
      [
        '#!/bin/sh',
        'prev=""; port=""',
        'for arg in "$@"; do [ "$prev" = "-p" ] && port="$arg"; prev="$arg"; done',
        `if [ -n "$port" ] && [ "$port" != "-1" ] && [ ! -e '${thiefDir}/pid' ]; then`,
        `  '${nats}' -a 127.0.0.1 -p "$port" --ports_file_dir '${thiefDir}' >/dev/null 2>&1 &`,
        `  echo $! > '${thiefDir}/pid'`,
        '  i=0',
        `  while ! ls '${thiefDir}'/*.ports >/dev/null 2>&1 && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done`,
        'fi',
        `exec '${nats}' "$@"`,
        '',
      ].join('\n'),
    );
    chmodSync(wrapper, 0o755);
    const thiefPidFile = join(thiefDir, 'pid');
    const server = await startNatsServer({ binary: wrapper, dataDir: freshDir('stolen') });
    try {
      expect(await jetStreamAnswers(server.url)).toBe(true);
      // On restart the port is fixed; when it was taken meanwhile, that is an error, not "ready".
      await expect(server.restart()).rejects.toBeInstanceOf(NatsServerStartError);
      expect(existsSync(thiefPidFile)).toBe(true);
    } finally {
      await server.stop();
      if (existsSync(thiefPidFile)) {
        const thief = Number(readFileSync(thiefPidFile, 'utf8'));
        process.kill(thief, 'SIGKILL');
        await waitFor(() => processGroup(thief) === null, 'the thief to exit');
      }
    }
  });

  it('kills nats-server when the process that started it exits without stopping it', async () => {
    const script = join(freshDir('child'), 'child.mts');
    writeFileSync(
      script,
      [
        "import { registerHooks } from 'node:module';",
        // The sources import siblings as `.js`; run them from TypeScript directly.
        'registerHooks({',
        '  resolve(specifier, context, next) {',
        "    if (specifier.startsWith('.') && specifier.endsWith('.js') && context.parentURL?.endsWith('.ts'))",
        "      return next(specifier.slice(0, -3) + '.ts', context);",
        '    return next(specifier, context);',
        '  },',
        '});',
        'const { startNatsServer } = await import(process.argv[2]);',
        'const server = await startNatsServer({ binary: process.argv[3], dataDir: process.argv[4] });',
        'process.stdout.write(`${server.pid}\\n`);',
        'process.exit(0);',
        '',
      ].join('\n'),
    );
    const child = spawn(
      process.execPath,
      [
        '--experimental-transform-types',
        '--no-warnings',
        script,
        new URL('./nats-server.ts', import.meta.url).href,
        nats,
        freshDir('child-data'),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const stderr: string[] = [];
    createInterface({ input: child.stderr }).on('line', (line) => stderr.push(line));
    const lines = createInterface({ input: child.stdout });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const firstLine = new Promise<string>((resolve) => lines.once('line', resolve));
    const [code, pidLine] = await Promise.all([
      exited,
      Promise.race([firstLine, exited.then(() => '')]),
    ]);
    expect(stderr.join('\n')).toBe('');
    expect(code).toBe(0);
    const pid = Number(pidLine);
    expect(pid).toBeGreaterThan(0);
    try {
      await waitFor(() => processGroup(pid) === null, 'nats-server to die with its parent', 5_000);
      const portsFiles = readdirSync(tmpdir())
        .filter((dir) => dir.startsWith('crm-nats-ports-'))
        .flatMap((dir) => readdirSync(join(tmpdir(), dir), { withFileTypes: true }))
        .filter((entry) => entry.name.endsWith(`_${pid}.ports`));
      expect(portsFiles).toEqual([]);
    } finally {
      if (processGroup(pid) !== null) process.kill(pid, 'SIGKILL');
    }
  });
});
