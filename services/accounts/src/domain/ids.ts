import { invalid, valid, type Normalised } from './normalised.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Record and user ids are UUIDs; anything else cannot name one. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** An optional id (an owner, an account): lower-cased; null when blank. */
export function normaliseId(raw: string | undefined, what: string): Normalised<string | null> {
  const value = raw?.trim().toLowerCase() ?? '';
  if (value === '') return valid(null);
  return isUuid(value) ? valid(value) : invalid(`must be ${what} id`);
}
