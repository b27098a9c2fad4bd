import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A failed sign-in, counted per tried email and per client address for rate limiting. */
export const LoginFailureEntity = defineEntity({
  name: 'LoginFailure',
  tableName: 'login_failures',
  properties: {
    id: p.uuid().primary(),
    email: p.string().length(254),
    address: p.string().length(64).nullable(),
    at: p.datetime(),
  },
});

export type LoginFailure = InferEntity<typeof LoginFailureEntity>;
