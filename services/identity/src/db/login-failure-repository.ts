import { uuidv7, type OrmEntityManager } from '@crm/db';
import { FAILURE_WINDOW_MS, type FailureStats } from '../domain/login-throttle.js';
import { LoginFailureEntity } from './login-failure.entity.js';
import { tableName, toDate } from './sql.js';

export class LoginFailureRepository {
  constructor(private readonly em: OrmEntityManager) {}

  record(email: string, address: string | null, now: Date): void {
    this.em.create(LoginFailureEntity, { id: uuidv7(), email, address, at: now });
  }

  /** Counts only this account's failures: one account's attempts never slow another's. */
  forEmail(email: string, now: Date): Promise<FailureStats> {
    return this.stats('email', email, now);
  }

  forAddress(address: string, now: Date): Promise<FailureStats> {
    return this.stats('address', address, now);
  }

  /** A successful sign-in forgives the account's failures (not the address's). */
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
