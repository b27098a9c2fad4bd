import { User as UserMessage } from '@crm/proto/crm/identity/v1/identity';

/** One JetStream stream per producing service (design.md). */
export const IDENTITY_STREAM = { name: 'CRM_IDENTITY', subjects: ['crm.identity.v1.>'] };

export const identitySubjects = {
  userUpserted: 'crm.identity.v1.user.upserted',
} as const;

/** Events travel as the proto3 JSON mapping, like the other services' events. */
export function encodeUserUpserted(user: UserMessage): {
  payload: Uint8Array;
  headers: Record<string, string>;
} {
  return {
    payload: new TextEncoder().encode(JSON.stringify(UserMessage.toJSON(user))),
    headers: { 'Content-Type': 'application/json' },
  };
}

export function decodeUserUpserted(payload: Uint8Array): UserMessage {
  return UserMessage.fromJSON(JSON.parse(new TextDecoder().decode(payload)));
}
