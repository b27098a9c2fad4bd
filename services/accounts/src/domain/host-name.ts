import { invalid, valid, type Normalised } from './normalised.js';

/** RFC 1123 host name: labels of letters, digits and inner hyphens, at least one dot. */
const HOST_NAME =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

export function isHostName(value: string): boolean {
  return HOST_NAME.test(value);
}

/**
 * A company's domain from what people paste ("https://WWW.Acme.com/about"): the lower-cased host
 * without `www.`; null when blank.
 */
export function normaliseDomain(raw: string | undefined): Normalised<string | null> {
  const trimmed = raw?.trim().toLowerCase();
  if (!trimmed) return valid(null);
  const host = trimmed
    .replace(/^https?:\/\//, '')
    .replace(/[/?#].*$/, '')
    .replace(/^www\./, '');
  return isHostName(host) ? valid(host) : invalid('must be a host name such as example.com');
}
