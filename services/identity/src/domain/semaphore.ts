import { DomainError } from '@crm/errors';

/**
 * Runs at most `limit` tasks at once, with at most `maxWaiting` more queued; beyond that a task is
 * refused at once (`unavailable`) rather than piling up memory and latency.
 */
export class Semaphore {
  #running = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(
    readonly limit: number,
    readonly maxWaiting: number,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be 1 or more');
    if (!Number.isInteger(maxWaiting) || maxWaiting < 0)
      throw new RangeError('maxWaiting must be 0 or more');
  }

  /** Tasks running now; tests assert it never exceeds the limit. */
  get running(): number {
    return this.#running;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.#acquire();
    try {
      return await task();
    } finally {
      this.#release();
    }
  }

  #acquire(): Promise<void> {
    if (this.#running < this.limit) {
      this.#running += 1;
      return Promise.resolve();
    }
    if (this.#waiting.length >= this.maxWaiting)
      return Promise.reject(
        new DomainError('unavailable', 'The service is busy; try again shortly.'),
      );
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #release(): void {
    const next = this.#waiting.shift();
    // The slot passes straight to the next waiter, so `running` stays the same.
    if (next) next();
    else this.#running -= 1;
  }
}
