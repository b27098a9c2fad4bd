export const SIGN_IN_PATH = '/sign-in';
export const DEFAULT_PATH_AFTER_SIGN_IN = '/accounts';

// Any absolute URL works as the base: only whether `next` stays on it matters.
const BASE = 'http://app.invalid';

/** The sign-in page, remembering where to return to afterwards. */
export function signInPath(next: string): string {
  return `${SIGN_IN_PATH}?${new URLSearchParams({ next }).toString()}`;
}

/**
 * Where to go after signing in: `next` when it is a path on this site, else the default. Absolute
 * and protocol-relative URLs (`//evil.example`, `/\evil.example`) are refused: an open redirect
 * would let a crafted link send a freshly signed-in user anywhere.
 */
export function safeNextPath(next: string | null): string {
  if (next === null || !next.startsWith('/')) return DEFAULT_PATH_AFTER_SIGN_IN;
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return DEFAULT_PATH_AFTER_SIGN_IN;
  }
  if (url.origin !== BASE || url.pathname === SIGN_IN_PATH) return DEFAULT_PATH_AFTER_SIGN_IN;
  return `${url.pathname}${url.search}${url.hash}`;
}
