import { createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

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

/**
 * The key failed sign-ins name their email under, derived with a fixed label so the secret it
 * comes from (shared by every replica, which must agree on digests) is used for nothing else.
 */
export function loginFailureKey(secret: string): Buffer {
  return Buffer.from(
    hkdfSync('sha256', secret, '', 'crm identity login_failures email_digest v1', 32),
  );
}

/**
 * What the throttle counts failures of an email under: a keyed digest, since the typed text may
 * be a mistyped password and an unkeyed hash of it could be guessed offline.
 */
export function emailDigest(key: Buffer, email: string): string {
  return createHmac('sha256', key).update(email.toLowerCase(), 'utf8').digest('hex');
}
