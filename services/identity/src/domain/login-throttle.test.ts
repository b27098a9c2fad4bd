import { describe, expect, it } from 'vitest';
import { accountWaitMs, addressWaitMs, FAILURE_WINDOW_MS } from './login-throttle.js';

const now = new Date('2026-12-01T10:00:00.000Z');
const at = (msAgo: number) => new Date(now.getTime() - msAgo);

describe('login throttling', () => {
  it('lets an account try freely below five failures', () => {
    expect(accountWaitMs({ count: 4, oldestAt: at(5000), latestAt: at(0) }, now)).toBe(0);
  });

  it('waits 1 s after the fifth failure, doubling per further failure, capped at 15 minutes', () => {
    expect(accountWaitMs({ count: 5, oldestAt: at(5000), latestAt: at(0) }, now)).toBe(1000);
    expect(accountWaitMs({ count: 7, oldestAt: at(5000), latestAt: at(0) }, now)).toBe(4000);
    expect(accountWaitMs({ count: 40, oldestAt: at(5000), latestAt: at(0) }, now)).toBe(
      FAILURE_WINDOW_MS,
    );
    expect(accountWaitMs({ count: 6, oldestAt: at(5000), latestAt: at(1500) }, now)).toBe(500);
    expect(accountWaitMs({ count: 6, oldestAt: at(5000), latestAt: at(2500) }, now)).toBe(0);
  });

  it('stops an address after 100 failures until the oldest leaves the window', () => {
    expect(addressWaitMs({ count: 99, oldestAt: at(1000), latestAt: at(0) }, now)).toBe(0);
    expect(addressWaitMs({ count: 100, oldestAt: at(60_000), latestAt: at(0) }, now)).toBe(
      FAILURE_WINDOW_MS - 60_000,
    );
  });
});
