/** Failures older than this no longer count, per account and per address. */
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
/** Failures per account tolerated before each attempt must wait. */
export const ACCOUNT_FAILURES_ALLOWED = 5;
/** Failures per client address tolerated in the window, across all accounts. */
export const ADDRESS_FAILURES_ALLOWED = 100;
const MAX_ACCOUNT_WAIT_MS = FAILURE_WINDOW_MS;

export interface FailureStats {
  /** Failures within the window. */
  count: number;
  oldestAt: Date | null;
  latestAt: Date | null;
}

/**
 * How long an account must wait before the next attempt is even checked: nothing up to the
 * allowed failures, then 1 s doubling per further failure, capped at the window.
 */
export function accountWaitMs(failures: FailureStats, now: Date): number {
  if (failures.count < ACCOUNT_FAILURES_ALLOWED || failures.latestAt === null) return 0;
  const exponent = failures.count - ACCOUNT_FAILURES_ALLOWED;
  const wait = Math.min(1000 * 2 ** exponent, MAX_ACCOUNT_WAIT_MS);
  return Math.max(0, failures.latestAt.getTime() + wait - now.getTime());
}

/** An address past its allowance waits until its oldest counted failure leaves the window. */
export function addressWaitMs(failures: FailureStats, now: Date): number {
  if (failures.count < ADDRESS_FAILURES_ALLOWED || failures.oldestAt === null) return 0;
  return Math.max(0, failures.oldestAt.getTime() + FAILURE_WINDOW_MS - now.getTime());
}
