import { isHostName } from './host-name.js';
import { invalid, valid, type Normalised } from './normalised.js';

export const WEBSITE_MAX_LENGTH = 2048;

/**
 * An absolute http(s) URL from what people type ("acme.com" → "https://acme.com"); null when
 * blank. Credentials and other schemes (`javascript:`) are refused: the UI renders it as a link.
 */
export function normaliseWebsite(raw: string | undefined): Normalised<string | null> {
  const value = raw?.trim() ?? '';
  if (value === '') return valid(null);
  if (value.length > WEBSITE_MAX_LENGTH)
    return invalid(`must be at most ${WEBSITE_MAX_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(value.includes('://') ? value : `https://${value}`);
  } catch {
    return invalid('must be a web address such as https://example.com');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return invalid('must be an http or https address');
  if (url.username || url.password) return invalid('must not contain a user name or password');
  if (!isHostName(url.hostname)) return invalid('must name a host such as example.com');
  const bareHost = url.pathname === '/' && !url.search && !url.hash;
  const href = bareHost ? url.href.slice(0, -1) : url.href;
  // Percent-encoding can make the stored address several times longer than what was typed.
  if (href.length > WEBSITE_MAX_LENGTH)
    return invalid(`must be at most ${WEBSITE_MAX_LENGTH} characters once percent-encoded`);
  return valid(href);
}
