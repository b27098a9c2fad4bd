import { resolve } from 'node:path';
import { Session, drainPending } from 'chdb';
import { AnalyticsError } from './analytics-error.js';
import { querySettings } from './analytics-store.js';

/** Engine arguments for every chdb connection we open; output settings cannot vary per query in chdb. */
export const chdbConnectionArgs: readonly string[] = [
  `--output_format_json_quote_64bit_integers=${querySettings.output_format_json_quote_64bit_integers}`,
];

export interface ChdbLease {
  readonly path: string;
  readonly session: Session;
  /** Gives the lease back; the session closes when the last lease on it is released. */
  release(): Promise<void>;
}

interface OpenEngine {
  path: string;
  session: Session;
  leases: number;
}

// libchdb binds one data directory per process. Every store and fixture on the same path shares
// one Session; a different path has to wait until the current one is fully closed.
let open: OpenEngine | undefined;
let closing: Promise<void> = Promise.resolve();

function openSession(path: string): Session {
  try {
    return new Session(path, { connectionArgs: chdbConnectionArgs });
  } catch (error) {
    throw new AnalyticsError(`could not open the embedded ClickHouse engine at ${path}`, {
      kind: 'unavailable',
      cause: error,
    });
  }
}

export async function acquireChdbSession(dataPath: string): Promise<ChdbLease> {
  const path = resolve(dataPath);
  await closing;
  if (open !== undefined && open.path !== path) {
    throw new AnalyticsError(
      `the embedded ClickHouse engine is already open at ${open.path}; chdb allows one data directory per process`,
      { kind: 'unavailable' },
    );
  }
  const engine: OpenEngine = open ?? { path, session: openSession(path), leases: 0 };
  open = engine;
  engine.leases += 1;
  let released = false;
  return {
    path,
    session: engine.session,
    release: async () => {
      if (released) return;
      released = true;
      engine.leases -= 1;
      if (engine.leases > 0) return;
      open = undefined;
      engine.session.close();
      // close() returns before native work still in flight has finished; opening another path
      // before that is refused by chdb, so the next acquire waits for the drain.
      closing = drainPending();
      await closing;
    },
  };
}

/** Opens an extra connection on the already leased path (chdb lets connections share a path). */
export function openExtraChdbConnection(lease: ChdbLease): Session {
  return openSession(lease.path);
}
