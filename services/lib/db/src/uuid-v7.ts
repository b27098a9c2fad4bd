import { randomBytes } from 'node:crypto';

const MAX_SEQUENCE = 0xfff;

let lastMs = 0;
let sequence = 0;

/**
 * A UUID version 7 (RFC 9562): 48-bit Unix milliseconds, then a 12-bit counter, then randomness.
 * Ids made by one process are strictly increasing — the counter (method 1 of the RFC) orders ids
 * created within the same millisecond, and a clock that steps back does not step the ids back —
 * so ordering outbox rows by id is ordering them by creation.
 */
export function uuidv7(): string {
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    // Start low in the counter space so a burst within one millisecond rarely overflows it.
    sequence = randomBytes(2).readUInt16BE(0) & 0x3ff;
  } else {
    sequence += 1;
    if (sequence > MAX_SEQUENCE) {
      lastMs += 1;
      sequence = 0;
    }
  }
  const bytes = randomBytes(16);
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
