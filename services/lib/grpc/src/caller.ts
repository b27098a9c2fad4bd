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

export function callerToMetadata(caller: Caller, metadata: Metadata = new Metadata()): Metadata {
  metadata.set(CALLER_KEY, Buffer.from(JSON.stringify(caller), 'utf8'));
  return metadata;
}

/** Missing or malformed caller metadata means anonymous: never trust a half-parsed identity. */
export function callerFromMetadata(metadata: Metadata): Caller {
  const [raw] = metadata.get(CALLER_KEY);
  if (!Buffer.isBuffer(raw)) return { kind: 'anonymous' };
  try {
    const parsed = callerSchema.safeParse(JSON.parse(raw.toString('utf8')));
    return parsed.success ? parsed.data : { kind: 'anonymous' };
  } catch {
    return { kind: 'anonymous' };
  }
}
