import { createHmac, timingSafeEqual } from 'node:crypto';
import { Metadata } from '@grpc/grpc-js';
import { z } from 'zod';

/**
 * Who originally asked. The gateway puts it in metadata; services authorise on it, never on the
 * identity of the service that forwarded the call.
 */
export const callerSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('user'),
    userId: z.string().min(1),
    role: z.enum(['admin', 'manager', 'staff']),
    /** Present when acting through an API token: only these scopes apply. */
    scopes: z.array(z.enum(['read', 'write', 'ingest', 'admin'])).optional(),
    /** The client address the gateway saw, for rate limits and the audit log. */
    address: z.string().max(64).optional(),
  }),
  z.object({ kind: z.literal('service'), service: z.string().min(1) }),
  z.object({ kind: z.literal('anonymous') }),
]);

export type Caller = z.infer<typeof callerSchema>;

const CALLER_KEY = 'crm-caller-bin';
const SIGNATURE_KEY = 'crm-caller-sig';
/** A signed caller is good for this long: enough for a call chain, short for a replay. */
const CALLER_TTL_MS = 60_000;

const signedCallerSchema = z.object({ caller: callerSchema, expiresAt: z.number().int() });

function sign(key: string, payload: Buffer): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}

/**
 * Puts the original caller in metadata, signed with the services' shared key (HMAC-SHA256 over the
 * caller and an expiry), so a pod that can reach a gRPC port cannot claim to be someone else.
 */
export function callerToMetadata(
  caller: Caller,
  key: string,
  metadata: Metadata = new Metadata(),
): Metadata {
  const payload = Buffer.from(
    JSON.stringify({ caller, expiresAt: Date.now() + CALLER_TTL_MS }),
    'utf8',
  );
  metadata.set(CALLER_KEY, payload);
  metadata.set(SIGNATURE_KEY, sign(key, payload));
  return metadata;
}

/**
 * The caller a request carries. Missing, malformed, unsigned, wrongly signed or expired caller
 * metadata all mean anonymous: never trust a half-verified identity.
 */
export function callerFromMetadata(metadata: Metadata, key: string, now = Date.now()): Caller {
  const [raw] = metadata.get(CALLER_KEY);
  const [signature] = metadata.get(SIGNATURE_KEY);
  if (!Buffer.isBuffer(raw) || typeof signature !== 'string') return { kind: 'anonymous' };
  const expected = Buffer.from(sign(key, raw));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { kind: 'anonymous' };
  try {
    const parsed = signedCallerSchema.safeParse(JSON.parse(raw.toString('utf8')));
    if (!parsed.success || parsed.data.expiresAt < now) return { kind: 'anonymous' };
    return parsed.data.caller;
  } catch {
    return { kind: 'anonymous' };
  }
}
