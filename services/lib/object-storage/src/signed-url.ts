// SigV4 presigned URLs cannot outlive a week; every store keeps to that so callers need not care.
export const maxSignedUrlSeconds = 7 * 24 * 3600;

export function assertValidExpiry(expiresInSeconds: number): void {
  if (
    !Number.isInteger(expiresInSeconds) ||
    expiresInSeconds < 1 ||
    expiresInSeconds > maxSignedUrlSeconds
  ) {
    throw new RangeError(`expiresInSeconds must be an integer from 1 to ${maxSignedUrlSeconds}`);
  }
}
