import { spawn, type ChildProcess } from 'node:child_process';
import {
  accessSync,
  constants,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createConnection } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Logger } from '@crm/logging';
import { BusError } from './errors.js';
import { sleep } from './consumer-loop.js';

const BINARY_NAME = process.platform === 'win32' ? 'nats-server.exe' : 'nats-server';
const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 10_000;

export class NatsServerStartError extends BusError {}

function isExecutableFile(path: string): boolean {
  try {
    // X_OK alone also holds for directories.
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * `NATS_SERVER_BIN`, then `nats-server` on `PATH`, then `~/go/bin/nats-server`; null when none exists.
 * @throws NatsServerStartError when `NATS_SERVER_BIN` is set but is not an executable file, rather
 *   than silently running some other nats-server.
 */
export function findNatsServerBinary(
  env: Readonly<Record<string, string | undefined>>,
): string | null {
  const explicit = env['NATS_SERVER_BIN'];
  if (explicit) {
    if (isExecutableFile(explicit)) return explicit;
    throw new NatsServerStartError(
      `NATS_SERVER_BIN is set to ${explicit}, which is not an executable file`,
    );
  }
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, BINARY_NAME);
    if (isExecutableFile(candidate)) return candidate;
  }
  const goBin = join(env['HOME'] || homedir(), 'go', 'bin', BINARY_NAME);
  return isExecutableFile(goBin) ? goBin : null;
}

export interface NatsServerOptions {
  binary: string;
  /** JetStream storage directory; kept across `restart()`. */
  dataDir: string;
  /** nats-server picks a free port itself when omitted. */
  port?: number;
  logger?: Logger;
}

export interface NatsServerHandle {
  readonly url: string;
  readonly port: number;
  /** Process id of the running nats-server; undefined while stopped. */
  readonly pid: number | undefined;
  /** SIGTERM, then SIGKILL if it has not exited in time. Idempotent. */
  stop(): Promise<void>;
  /** Starts again on the same port and data directory (stopping first if still running). */
  restart(): Promise<void>;
}

/**
 * nats-server runs in its own process group, so a terminal's Ctrl-C reaches only us and we stop it
 * in order; these are killed if this process exits while they still run, so none outlives us.
 */
const runningServers = new Map<ChildProcess, { portsDir: string }>();
let exitHookInstalled = false;

function track(child: ChildProcess, portsDir: string): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const [server, { portsDir: dir }] of runningServers) {
        server.kill('SIGKILL');
        // Killed servers leave their ports file behind.
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
  runningServers.set(child, { portsDir });
}

interface Instance {
  proc: ChildProcess;
  hasExited: () => boolean;
  exited: Promise<void>;
  stopping?: Promise<void>;
}

/** Runs `nats-server` with JetStream on 127.0.0.1 and resolves once it accepts connections. */
export async function startNatsServer(options: NatsServerOptions): Promise<NatsServerHandle> {
  mkdirSync(options.dataDir, { recursive: true });
  const logger = options.logger?.child({ component: 'nats-server' });
  let instance: Instance | undefined;

  /** Spawns nats-server (`port` -1: it binds a free port itself) and resolves with the bound port. */
  const launch = async (port: number): Promise<number> => {
    // nats-server writes its bound ports here once it listens: no pick-then-bind race for a free
    // port, and readiness is this process's own report, not whatever answers on the port.
    const portsDir = mkdtempSync(join(tmpdir(), 'crm-nats-ports-'));
    const args = ['-js', '-sd', options.dataDir, '-a', HOST, '-p', String(port)];
    const proc = spawn(options.binary, [...args, '--ports_file_dir', portsDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    track(proc, portsDir);
    const output: string[] = [];
    for (const stream of [proc.stdout, proc.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        if (output.length > 20) output.shift();
        logger?.debug({ line }, 'nats-server');
      });
    }
    let exitedFlag = false;
    const exited = new Promise<void>((resolve) => {
      const ended = () => {
        exitedFlag = true;
        runningServers.delete(proc);
        rmSync(portsDir, { recursive: true, force: true });
        resolve();
      };
      proc.once('exit', (code, signal) => {
        logger?.info({ code, signal }, 'nats-server exited');
        ended();
      });
      proc.once('error', (error) => {
        logger?.error({ err: error }, 'nats-server failed to start');
        ended();
      });
    });
    const current: Instance = { proc, hasExited: () => exitedFlag, exited };
    instance = current;
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      if (current.hasExited())
        throw new NatsServerStartError(
          `nats-server exited before it was ready: ${output.join('\n')}`,
        );
      const bound = proc.pid === undefined ? null : readPortsFile(portsDir, proc.pid);
      if (bound !== null && (await accepts(bound))) {
        logger?.info({ port: bound, dataDir: options.dataDir }, 'nats-server ready');
        return bound;
      }
      if (Date.now() > deadline) {
        await terminate(current);
        throw new NatsServerStartError(`nats-server not ready within ${READY_TIMEOUT_MS} ms`);
      }
      await sleep(50);
    }
  };

  const stop = async (): Promise<void> => {
    const current = instance;
    if (!current) return;
    await terminate(current);
  };

  const port = await launch(options.port ?? -1);
  return {
    url: `nats://${HOST}:${port}`,
    port,
    get pid() {
      return instance && !instance.hasExited() ? instance.proc.pid : undefined;
    },
    stop,
    async restart() {
      await stop();
      await launch(port);
    },
  };
}

/** SIGTERM, then SIGKILL after the grace period; concurrent and repeated calls share one stop. */
function terminate(instance: Instance): Promise<void> {
  instance.stopping ??= (async () => {
    if (instance.hasExited()) return;
    instance.proc.kill('SIGTERM');
    // Cancelled once the process exits, so a stopped server does not hold the event loop open.
    const grace = new AbortController();
    const timedOut = await Promise.race([
      instance.exited.then(() => false),
      sleep(STOP_TIMEOUT_MS, grace.signal).then(() => true),
    ]);
    grace.abort();
    if (timedOut) {
      instance.proc.kill('SIGKILL');
      await instance.exited;
    }
  })();
  return instance.stopping;
}

/** The client port from the `<binary>_<pid>.ports` file nats-server writes; null until it is complete. */
function readPortsFile(dir: string, pid: number): number | null {
  const name = readdirSync(dir).find((file) => file.endsWith(`_${pid}.ports`));
  if (!name) return null;
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || !('nats' in parsed)) return null;
    const urls = parsed.nats;
    const first: unknown = Array.isArray(urls) ? urls[0] : undefined;
    if (typeof first !== 'string') return null;
    const port = Number(new URL(first).port);
    return Number.isInteger(port) && port > 0 ? port : null;
  } catch {
    return null; // still being written
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: HOST, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
