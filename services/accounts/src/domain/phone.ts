import { invalid, quoted, valid, type Normalised } from './normalised.js';

export const PHONE_MAX_LENGTH = 50;
/** Digits with the usual separators, an optional leading `+` and an extension ("x12", "ext. 12"). */
const PHONE = /^\+?[0-9(][0-9 ()./-]*(?: ?(?:x|ext\.?|#) ?[0-9]{1,6})?$/;

/** The digits that identify a number, for comparing numbers written differently. */
export function phoneDigits(phone: string): string {
  return phone.replace(/(?: ?(?:x|ext\.?|#) ?[0-9]{1,6})$/, '').replace(/[^0-9]/g, '');
}

/** A phone number as typed, with runs of spaces collapsed; null when blank. */
export function normalisePhone(raw: string | undefined): Normalised<string | null> {
  const value = raw?.trim().replace(/\s+/g, ' ').toLowerCase() ?? '';
  if (value === '') return valid(null);
  const digits = phoneDigits(value).length;
  if (value.length > PHONE_MAX_LENGTH || !PHONE.test(value) || digits < 3 || digits > 20) {
    return invalid('must be a phone number such as +44 20 7946 0958');
  }
  return valid(value);
}

/** Several numbers: each normalised, blanks dropped, repeats (same digits, or `exclude`) left out. */
export function normalisePhones(
  raw: readonly string[],
  exclude: string | null = null,
): Normalised<string[]> {
  const phones: string[] = [];
  const seen = new Set(exclude === null ? [] : [phoneDigits(exclude)]);
  for (const item of raw) {
    const phone = normalisePhone(item);
    if (!phone.ok) return invalid(`${quoted(item.trim())} ${phone.message}`);
    if (phone.value !== null && !seen.has(phoneDigits(phone.value))) {
      seen.add(phoneDigits(phone.value));
      phones.push(phone.value);
    }
  }
  return valid(phones);
}
