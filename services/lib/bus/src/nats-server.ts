import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Logger } from '@crm/logging';
import { BusError } from './errors.js';
import { sleep } from './consumer-loop.js';

const BINARY_NAME = process.platform === 'win32' ? 'nats-server.exe' : 'nats-server';
const READY_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 10_000;

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `NATS_SERVER_BIN`, then `nats-server` on `PATH`, then `~/go/bin/nats-server`; null when none exists. */
export function findNatsServerBinary(
  env: Readonly<Record<string, string | undefined>>,
): string | null {
  const explicit = env['NATS_SERVER_BIN'];
  if (explicit && isExecutable(explicit)) return explicit;
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, BINARY_NAME);
    if (isExecutable(candidate)) return candidate;
  }
  const goBin = join(env['HOME'] || homedir(), 'go', 'bin', BINARY_NAME);
  return isExecutable(goBin) ? goBin : null;
}

export interface NatsServerOptions {
  binary: string;
  /** JetStream storage directory; kept across `restart()`. */
  dataDir: string;
  /** A free port is picked when omitted. */
  port?: number;
  logger?: Logger;
}

export interface NatsServerHandle {
  readonly url: string;
  readonly port: number;
  /** SIGTERM, then SIGKILL if it has not exited in time. */
  stop(): Promise<void>;
  /** Starts again on the same port and data directory (stopping first if still running). */
  restart(): Promise<void>;
}

export class NatsServerStartError extends BusError {}

/** Runs `nats-server` with JetStream on 127.0.0.1 and resolves once it accepts connections. */
export async function startNatsServer(options: NatsServerOptions): Promise<NatsServerHandle> {
  mkdirSync(options.dataDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const logger = options.logger?.child({ component: 'nats-server' });
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const launch = async (): Promise<void> => {
    const args = ['-js', '-sd', options.dataDir, '-a', '127.0.0.1', '-p', String(port)];
    const proc = spawn(options.binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    const output: string[] = [];
    for (const stream of [proc.stdout, proc.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        if (output.length > 20) output.shift();
        logger?.debug({ line }, 'nats-server');
      });
    }
    let hasExited = false;
    exited = new Promise((resolve) => {
      proc.once('exit', (code, signal) => {
        hasExited = true;
        logger?.info({ code, signal }, 'nats-server exited');
        resolve();
      });
      proc.once('error', (error) => {
        hasExited = true;
        logger?.error({ err: error }, 'nats-server failed to start');
        resolve();
      });
    });
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!(await accepts(port))) {
      if (hasExited)
        throw new NatsServerStartError(
          `nats-server exited before it was ready: ${output.join('\n')}`,
        );
      if (Date.now() > deadline) {
        await stop();
        throw new NatsServerStartError(
          `nats-server not ready on port ${port} within ${READY_TIMEOUT_MS} ms`,
        );
      }
      await sleep(50);
    }
    logger?.info({ port, dataDir: options.dataDir }, 'nats-server ready');
  };

  const stop = async (): Promise<void> => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    running.kill('SIGTERM');
    const killed = await Promise.race([
      exited.then(() => false),
      sleep(STOP_TIMEOUT_MS).then(() => true),
    ]);
    if (killed) {
      running.kill('SIGKILL');
      await exited;
    }
  };

  await launch();
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    stop,
    async restart() {
      await stop();
      await launch();
    },
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
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

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() =>
        port ? resolve(port) : reject(new NatsServerStartError('no free port found')),
      );
    });
  });
}
