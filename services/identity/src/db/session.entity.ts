import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** One browser sign-in. The token itself is never stored, only its SHA-256. */
export const SessionEntity = defineEntity({
  name: 'Session',
  tableName: 'sessions',
  properties: {
    id: p.uuid().primary(),
    userId: p.uuid(),
    tokenDigest: p.string().length(64).unique(),
    csrfToken: p.string().length(64),
    createdAt: p.datetime(),
    lastSeenAt: p.datetime(),
    /** The absolute end; the idle end is lastSeenAt + the idle timeout. */
    expiresAt: p.datetime(),
    endedAt: p.datetime().nullable(),
    address: p.string().length(64).nullable(),
    userAgent: p.string().length(512).nullable(),
  },
});

export type Session = InferEntity<typeof SessionEntity>;
