import type { CreateApiTokenInput, TokenScope } from '../../api/api-tokens.js';
import { TOKEN_SCOPES } from '../../api/api-tokens.js';

export interface ApiTokenFormValues {
  name: string;
  /** Checkbox values; only TOKEN_SCOPES are offered. */
  scopes: string[];
  /** `YYYY-MM-DD` from a date input, or '' for a token that does not expire. */
  expiresOn: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The last moment of the chosen local day: a token "expiring on" a day works all of that day. */
export function endOfLocalDay(date: string): Date | null {
  const match = DATE.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const end = new Date(year, month - 1, day, 23, 59, 59, 999);
  // Date rolls invalid days and months over (Feb 30 → Mar 2); such a date was not what was typed.
  return end.getMonth() === month - 1 && end.getDate() === day ? end : null;
}

export function validateTokenName(value: string): string | null {
  return value.trim() === '' ? 'Name is required' : null;
}

export function validateScopes(value: readonly string[]): string | null {
  return value.length === 0 ? 'Choose at least one scope' : null;
}

export function validateExpiresOn(value: string, now: Date = new Date()): string | null {
  if (value === '') return null;
  const end = endOfLocalDay(value);
  if (end === null) return 'Enter a date';
  return end.getTime() <= now.getTime() ? 'Choose a date from today on' : null;
}

export function toCreateApiTokenInput(values: ApiTokenFormValues): CreateApiTokenInput {
  const scopes = TOKEN_SCOPES.filter((scope: TokenScope) => values.scopes.includes(scope));
  const input = { name: values.name.trim(), scopes };
  const end = endOfLocalDay(values.expiresOn);
  return end === null ? input : { ...input, expiresAt: end.toISOString() };
}
