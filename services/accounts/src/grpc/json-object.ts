import type { JsonObject } from '@crm/errors';

/** A message's proto3 JSON (from ts-proto's `toJSON`) as an error extension value. */
export function asJsonObject(json: unknown): JsonObject {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new Error('expected the JSON mapping of a message');
  // toJSON builds plain objects of JSON values only.
  return json as JsonObject;
}
