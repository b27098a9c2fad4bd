import { CONTENT_TYPE_HEADER, jsonCodec } from '@crm/bus';
import { User as UserMessage } from '@crm/proto/crm/identity/v1/identity';

/** One JetStream stream per producing service (design.md). */
export const IDENTITY_STREAM = { name: 'CRM_IDENTITY', subjects: ['crm.identity.v1.>'] };

export const identitySubjects = {
  userUpserted: 'crm.identity.v1.user.upserted',
} as const;

/** Events travel as the proto3 JSON mapping, the bus contract's default encoding. */
const userCodec = jsonCodec(UserMessage);

export function encodeUserUpserted(user: UserMessage): {
  payload: Uint8Array;
  headers: Record<string, string>;
} {
  return {
    payload: userCodec.encode(user),
    headers: { [CONTENT_TYPE_HEADER]: userCodec.contentType },
  };
}

export function decodeUserUpserted(payload: Uint8Array): UserMessage {
  return userCodec.decode(payload);
}
