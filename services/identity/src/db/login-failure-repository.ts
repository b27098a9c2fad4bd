import { uuidv7, type OrmEntityManager } from '@crm/db';
import {
  accountWaitMs,
  addressWaitMs,
  FAILURE_WINDOW_MS,
  type FailureStats,
} from '../domain/login-throttle.js';
import { emailDigest } from '../domain/secrets.js';
import { LoginFailureEntity } from './login-failure.entity.js';
import { lockFor, tableName, toDate } from './sql.js';

/** Rows one purge removes at most, so a backlog never makes a sign-in slow. */
const PURGE_BATCH = 500;

/**
 * Failed password checks, sign-in and password change alike, counted per account (by the keyed
 * digest of its email, see `emailDigest`) and per client address (its throttle key, see
 * `addressThrottleKey`).
 */
export class LoginFailureRepository {
  constructor(
    private readonly em: OrmEntityManager,
    /** See `loginFailureKey`. */
    private readonly key: Buffer,
  ) {}

  /**
   * One outcome per account at a time, until the transaction ends, so parallel guesses cannot
   * outrun the counter.
   */
  async lockAccount(email: string): Promise<void> {
    await lockFor(this.em, `identity:login:${this.digest(email)}`);
  }

  /** How long the next check for this account (and address) must wait; 0 when it may proceed. */
  async waitMs(email: string, address: string | null, now: Date): Promise<number> {
    return Math.max(
      accountWaitMs(await this.stats('email_digest', this.digest(email), now), now),
      address === null ? 0 : addressWaitMs(await this.stats('address', address, now), now),
    );
  }

  record(email: string, address: string | null, now: Date): void {
    this.em.create(LoginFailureEntity, {
      id: uuidv7(),
      emailDigest: this.digest(email),
      address,
      at: now,
    });
  }

  /** A successful sign-in or password change forgives the account's failures (not the address's). */
  async clearEmail(email: string): Promise<void> {
    await this.em.nativeDelete(LoginFailureEntity, { emailDigest: this.digest(email) });
  }

  /**
   * Deletes a batch of failures that no longer count. Rows another transaction is deleting are
   * skipped rather than waited for: the next purge gets them.
   */
  async purgeExpired(now: Date): Promise<void> {
    const table = tableName(this.em, 'login_failures');
    await this.em.execute(
      `delete from ${table} where "id" in (
         select "id" from ${table} where "at" <= ? order by "at" limit ? for update skip locked)`,
      [new Date(now.getTime() - FAILURE_WINDOW_MS), PURGE_BATCH],
    );
  }

  private digest(email: string): string {
    return emailDigest(this.key, email);
  }

  /** Per account: only this account's failures, so one account's attempts never slow another's. */
  private async stats(
    column: 'email_digest' | 'address',
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
