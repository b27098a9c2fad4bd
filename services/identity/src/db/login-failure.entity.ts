import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A failed password check (sign-in or password change), counted per tried email and per client
 * address for rate limiting; `emailDigest` is the keyed digest of the email (never its text),
 * `address` the throttle key (an IPv6 client's /64). Rows leave once out of the window.
 */
export const LoginFailureEntity = defineEntity({
  name: 'LoginFailure',
  tableName: 'login_failures',
  properties: {
    id: p.uuid().primary(),
    emailDigest: p.string().length(64),
    address: p.string().length(64).nullable(),
    at: p.datetime(),
  },
});

export type LoginFailure = InferEntity<typeof LoginFailureEntity>;
