import { describe, expect, it } from 'vitest';
import { uniqueName, waitFor } from './helpers.js';

describe('test helpers', () => {
  it('makes names that are unique and safe as SQL identifiers and stream names', () => {
    const names = new Set(Array.from({ length: 100 }, () => uniqueName('Suite')));
    expect(names.size).toBe(100);
    for (const name of names) expect(name).toMatch(/^suite_[a-z0-9_]+$/);
  });

  it('waits for a condition and returns its value', async () => {
    let calls = 0;
    await expect(
      waitFor(() => (++calls >= 3 ? 'ready' : undefined), { intervalMs: 1 }),
    ).resolves.toBe('ready');
  });

  it('fails with the last error once the deadline passes', async () => {
    await expect(
      waitFor(
        () => {
          throw new Error('still down');
        },
        { timeoutMs: 30, intervalMs: 5, what: 'the server' },
      ),
    ).rejects.toThrow(/timed out waiting for the server/);
  });
});
