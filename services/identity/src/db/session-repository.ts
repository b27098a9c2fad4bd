import { uuidv7, type OrmEntityManager } from '@crm/db';
import { SessionEntity, type Session } from './session.entity.js';

export class SessionRepository {
  constructor(private readonly em: OrmEntityManager) {}

  create(session: {
    userId: string;
    tokenDigest: string;
    csrfToken: string;
    now: Date;
    expiresAt: Date;
    address: string | null;
    userAgent: string | null;
  }): Session {
    return this.em.create(SessionEntity, {
      id: uuidv7(),
      userId: session.userId,
      tokenDigest: session.tokenDigest,
      csrfToken: session.csrfToken,
      createdAt: session.now,
      lastSeenAt: session.now,
      expiresAt: session.expiresAt,
      endedAt: null,
      address: session.address,
      userAgent: session.userAgent,
    });
  }

  /** An open (not ended) session by its token's digest. */
  findOpen(tokenDigest: string): Promise<Session | null> {
    return this.em.findOne(SessionEntity, { tokenDigest, endedAt: null });
  }

  /** Ends every open session of the user, except the one with `keepDigest`; returns how many. */
  endAllOf(userId: string, now: Date, keepDigest?: string): Promise<number> {
    return this.em.nativeUpdate(
      SessionEntity,
      keepDigest === undefined
        ? { userId, endedAt: null }
        : { userId, endedAt: null, tokenDigest: { $ne: keepDigest } },
      { endedAt: now },
    );
  }

  /** Ends the open session with this token's digest, if there is one; returns how many (0 or 1). */
  endByToken(tokenDigest: string, now: Date): Promise<number> {
    return this.em.nativeUpdate(SessionEntity, { tokenDigest, endedAt: null }, { endedAt: now });
  }

  end(id: string, now: Date): Promise<number> {
    return this.em.nativeUpdate(SessionEntity, { id, endedAt: null }, { endedAt: now });
  }

  touch(id: string, now: Date): Promise<number> {
    return this.em.nativeUpdate(SessionEntity, { id }, { lastSeenAt: now });
  }
}
