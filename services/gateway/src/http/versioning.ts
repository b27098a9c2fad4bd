import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { DomainError } from '@crm/errors';
import { versionField, versionQuery } from './query-schemas.js';

/** `If-Match: "<version>"`: the version the caller last read, as the ETag header gave it. */
export const ifMatchHeaders = z.looseObject({
  'if-match': z
    .string()
    .regex(/^"[1-9]\d{0,15}"$/, 'must be a quoted version such as "3"')
    .optional()
    .describe('The version last read (the ETag of the GET), instead of `version` in the body.'),
});

/**
 * The version a change expects, from the body or If-Match (both may be given when they agree).
 * `required` changes refuse to run blind; the rest send 0, which the services read as "any".
 */
export function expectedVersion(
  bodyVersion: number | undefined,
  ifMatch: string | undefined,
  options: { required: boolean },
): number {
  const headerVersion = ifMatch === undefined ? undefined : Number(ifMatch.slice(1, -1));
  if (bodyVersion !== undefined && headerVersion !== undefined && bodyVersion !== headerVersion) {
    throw DomainError.validation([{ path: '/version', message: 'disagrees with If-Match' }]);
  }
  const version = bodyVersion ?? headerVersion;
  if (version === undefined && options.required) {
    throw DomainError.validation([
      {
        path: '/version',
        message: 'is required: send the version you last read (or an If-Match header)',
      },
    ]);
  }
  return version ?? 0;
}

/** Lets clients send the version back with If-Match without reading the body. */
export function withEtag(reply: FastifyReply, version: number): FastifyReply {
  return reply.header('etag', `"${version}"`);
}

/** Merging two records: each version, when given, must still be current. */
export const mergeBodySchema = z
  .strictObject({
    mergedId: z.string().min(1).max(64).describe('The record folded into this one, then deleted.'),
    version: versionField.optional().describe('Version last read of the surviving record.'),
    mergedVersion: versionField.optional().describe('Version last read of the merged record.'),
  })
  .meta({ id: 'Merge' });

export const deleteQuerySchema = z.strictObject({ version: versionQuery });
