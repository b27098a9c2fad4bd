import { createHash, randomBytes } from 'node:crypto';

export const API_TOKEN_PREFIX = 'crm_';

/** 32 random bytes, URL-safe: session cookies and CSRF tokens. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The prefix lets secret scanners and people recognise a leaked token. */
export function newApiTokenSecret(): string {
  return `${API_TOKEN_PREFIX}${randomSecret()}`;
}

/** Secrets are high-entropy, so a plain SHA-256 is enough to keep them out of the database. */
export function secretDigest(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/**
 * Names a tried email in the audit log without storing what was typed: people type passwords
 * into the email field. Short and unsalted on purpose: enough to correlate attempts, not a secret.
 */
export function emailFingerprint(email: string): string {
  return secretDigest(email.toLowerCase()).slice(0, 16);
}
