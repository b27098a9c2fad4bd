import { uuidv7, type OrmEntityManager } from '@crm/db';
import {
  accountWaitMs,
  addressWaitMs,
  FAILURE_WINDOW_MS,
  type FailureStats,
} from '../domain/login-throttle.js';
import { LoginFailureEntity } from './login-failure.entity.js';
import { lockFor, tableName, toDate } from './sql.js';

/**
 * Failed password checks, sign-in and password change alike, counted per account and per client
 * address (its throttle key, see `addressThrottleKey`).
 */
export class LoginFailureRepository {
  constructor(private readonly em: OrmEntityManager) {}

  /**
   * One password check per account at a time, until the transaction ends, so parallel guesses
   * cannot outrun the counter.
   */
  async lockAccount(email: string): Promise<void> {
    await lockFor(this.em, `identity:login:${email}`);
  }

  /** How long the next check for this account (and address) must wait; 0 when it may proceed. */
  async waitMs(email: string, address: string | null, now: Date): Promise<number> {
    return Math.max(
      accountWaitMs(await this.forEmail(email, now), now),
      address === null ? 0 : addressWaitMs(await this.forAddress(address, now), now),
    );
  }

  record(email: string, address: string | null, now: Date): void {
    this.em.create(LoginFailureEntity, { id: uuidv7(), email, address, at: now });
  }

  /** Counts only this account's failures: one account's attempts never slow another's. */
  private forEmail(email: string, now: Date): Promise<FailureStats> {
    return this.stats('email', email, now);
  }

  private forAddress(address: string, now: Date): Promise<FailureStats> {
    return this.stats('address', address, now);
  }

  /** A successful sign-in or password change forgives the account's failures (not the address's). */
  async clearEmail(email: string): Promise<void> {
    await this.em.nativeDelete(LoginFailureEntity, { email });
  }

  private async stats(
    column: 'email' | 'address',
    value: string,
    now: Date,
  ): Promise<FailureStats> {
    const since = new Date(now.getTime() - FAILURE_WINDOW_MS);
    const [row] = await this.em.execute<
      Array<{ count: number | string; oldest: unknown; latest: unknown }>
    >(
      `select count(*) as count, min("at") as oldest, max("at") as latest
         from ${tableName(this.em, 'login_failures')} where "${column}" = ? and "at" > ?`,
      [value, since],
    );
    return {
      count: Number(row?.count ?? 0),
      oldestAt: toDate(row?.oldest),
      latestAt: toDate(row?.latest),
    };
  }
}
