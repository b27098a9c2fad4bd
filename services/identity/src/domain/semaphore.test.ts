import { describe, expect, it } from 'vitest';
import { DomainError } from '@crm/errors';
import { Semaphore } from './semaphore.js';

/** A task that finishes when the test says so. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

describe('Semaphore', () => {
  it('never runs more than its limit at once, and runs every queued task in turn', async () => {
    const semaphore = new Semaphore(2, 10);
    let peak = 0;
    const gates = Array.from({ length: 6 }, gate);
    const results = gates.map((g, index) =>
      semaphore.run(async () => {
        peak = Math.max(peak, semaphore.running);
        await g.promise;
        return index;
      }),
    );
    expect(semaphore.running).toBe(2);
    expect(semaphore.waiting).toBe(4);
    // Finish them out of order; each finish lets exactly one waiter in.
    for (const index of [1, 0, 3, 2, 5, 4]) {
      gates[index]!.open();
      await new Promise((resolve) => setImmediate(resolve));
      expect(semaphore.running).toBeLessThanOrEqual(2);
    }
    expect(await Promise.all(results)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
    expect(semaphore.running).toBe(0);
    expect(semaphore.waiting).toBe(0);
  });

  it('refuses at once as unavailable when the queue is full, and frees slots on failure', async () => {
    const semaphore = new Semaphore(1, 1);
    const first = gate();
    const running = semaphore.run(() => first.promise);
    const queued = semaphore.run(() => Promise.reject(new Error('task failed')));
    const refused = await semaphore.run(() => Promise.resolve()).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'unavailable' });

    first.open();
    await running;
    await expect(queued).rejects.toThrow('task failed');
    // The failed task released its slot.
    expect(semaphore.running).toBe(0);
    expect(await semaphore.run(() => Promise.resolve('after'))).toBe('after');
  });

  it('rejects a limit below one', () => {
    expect(() => new Semaphore(0, 1)).toThrow(RangeError);
  });
});
