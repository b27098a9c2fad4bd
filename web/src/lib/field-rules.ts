// Mirrors services/accounts/src/domain (text-field, host-name, phone, email, website, tags) so the
// forms refuse what the server would refuse before sending it. The server stays the authority:
// its field errors are shown on the same fields.

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;
// Free text keeps its line breaks and tabs.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** RFC 1123 host name: labels of letters, digits and inner hyphens, at least one dot. */
const HOST_NAME =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/** Digits with the usual separators, an optional leading `+` and an extension ("x12", "ext. 12"). */
const PHONE = /^\+?[0-9(][0-9 ()./-]*(?: ?(?:x|ext\.?|#) ?[0-9]{1,6})?$/;
const PHONE_EXTENSION = /(?: ?(?:x|ext\.?|#) ?[0-9]{1,6})$/;
const EMAIL_LOCAL_PART = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}$/;
// `;` joins tags in CSV files and `,` is how people type lists: neither can be part of one.
// eslint-disable-next-line no-control-regex
const TAG_FORBIDDEN = /[;,\u0000-\u001f\u007f-\u009f]/;

export const DOMAIN_MAX_LENGTH = 253;
export const PHONE_MAX_LENGTH = 50;
export const EMAIL_MAX_LENGTH = 254;
export const WEBSITE_MAX_LENGTH = 2048;
export const TAG_MAX_LENGTH = 50;
export const TAGS_MAX_COUNT = 50;

export function isHostName(value: string): boolean {
  return HOST_NAME.test(value);
}

/** One line (a name, a title); `required` refuses a blank one. */
export function validateLine(
  label: string,
  value: string,
  maxLength: number,
  required = false,
): string | null {
  const line = value.trim();
  if (line === '') return required ? `${label} is required` : null;
  if (line.length > maxLength) return `${label} must be at most ${maxLength} characters`;
  if (CONTROL_CHARACTERS.test(line)) return `${label} must not contain control characters`;
  return null;
}

/** Free text (notes): line breaks allowed. */
export function validateText(label: string, value: string, maxLength: number): string | null {
  const text = value.trim();
  if (text.length > maxLength) return `${label} must be at most ${maxLength} characters`;
  if (CONTROL_CHARACTERS_BUT_LINES.test(text)) {
    return `${label} must not contain control characters`;
  }
  return null;
}

/**
 * The host name the server stores for a pasted domain ("https://WWW.Acme.com/about" →
 * "acme.com"), or null when blank.
 */
export function normaliseDomain(raw: string): string | null {
  const trimmed = raw.trim().toLowerCase();
  if (trimmed === '') return null;
  return trimmed
    .replace(/^https?:\/\//, '')
    .replace(/[/?#].*$/, '')
    .replace(/^www\./, '');
}

export function validateDomain(value: string): string | null {
  if (value.trim().length > DOMAIN_MAX_LENGTH) {
    return `Domain must be at most ${DOMAIN_MAX_LENGTH} characters`;
  }
  const domain = normaliseDomain(value);
  if (domain === null || isHostName(domain)) return null;
  return 'Enter a domain such as acme.com';
}

/** The digits that identify a number, for comparing numbers written differently. */
export function phoneDigits(phone: string): string {
  return phone.replace(PHONE_EXTENSION, '').replace(/[^0-9]/g, '');
}

/** A cleared field ('') as the API takes "clear": null. */
export function orNull(text: string): string | null {
  return text === '' ? null : text;
}

export function validatePhone(value: string): string | null {
  const phone = value.trim().replace(/\s+/g, ' ').toLowerCase();
  if (phone === '') return null;
  const digits = phoneDigits(phone).length;
  if (phone.length > PHONE_MAX_LENGTH || !PHONE.test(phone) || digits < 3 || digits > 20) {
    return 'Enter a phone number such as +44 20 7946 0958';
  }
  return null;
}

/** The address as stored and compared: trimmed, lower-cased, without `mailto:`; null when blank. */
export function normaliseEmail(raw: string): string | null {
  const email = raw
    .trim()
    .toLowerCase()
    .replace(/^mailto:/, '');
  return email === '' ? null : email;
}

export function isEmail(value: string): boolean {
  const email = normaliseEmail(value);
  if (email === null) return false;
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  return (
    at >= 1 &&
    email.length <= EMAIL_MAX_LENGTH &&
    EMAIL_LOCAL_PART.test(local) &&
    !local.startsWith('.') &&
    !local.endsWith('.') &&
    !local.includes('..') &&
    isHostName(email.slice(at + 1))
  );
}

export function validateEmail(value: string): string | null {
  if (value.trim() === '' || isEmail(value)) return null;
  return 'Enter an email address such as ada@example.com';
}

/** Several values checked one by one; the first fault names the value at fault. */
export function validateEach(
  values: readonly string[],
  validate: (value: string) => string | null,
  maxCount: number,
  what: string,
): string | null {
  const given = values.filter((value) => value.trim() !== '');
  if (given.length > maxCount) return `Enter at most ${maxCount} ${what}`;
  for (const value of given) {
    if (validate(value) !== null) return `“${value.trim()}”: ${validate(value)}`;
  }
  return null;
}

/** An absolute http(s) URL from what people type ("acme.com" is taken as https://acme.com). */
export function validateWebsite(value: string): string | null {
  const text = value.trim();
  if (text === '') return null;
  if (text.length > WEBSITE_MAX_LENGTH) {
    return `Website must be at most ${WEBSITE_MAX_LENGTH} characters`;
  }
  let url: URL;
  try {
    url = new URL(text.includes('://') ? text : `https://${text}`);
  } catch {
    return 'Enter a web address such as https://acme.com';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return 'Enter an http or https address';
  }
  if (url.username || url.password) return 'Leave the user name and password out of the address';
  if (!isHostName(url.hostname)) return 'Enter a web address such as https://acme.com';
  return null;
}

/** Tags as stored: trimmed, lower-case, single-spaced, unique and sorted; blanks dropped. */
export function normaliseTags(values: readonly string[]): string[] {
  const tags = values.map((tag) => tag.trim().replace(/\s+/g, ' ').toLowerCase());
  return [...new Set(tags.filter((tag) => tag !== ''))].sort();
}

export function validateTags(values: readonly string[]): string | null {
  const tags = normaliseTags(values);
  const long = tags.find((tag) => tag.length > TAG_MAX_LENGTH);
  if (long !== undefined) return `“${long}” is longer than ${TAG_MAX_LENGTH} characters`;
  const forbidden = tags.find((tag) => TAG_FORBIDDEN.test(tag));
  if (forbidden !== undefined) return `“${forbidden}” must not contain “;” or “,”`;
  if (tags.length > TAGS_MAX_COUNT) return `Use at most ${TAGS_MAX_COUNT} tags`;
  return null;
}

export function validateCountry(value: string): string | null {
  const country = value.trim().toUpperCase();
  return country === '' || /^[A-Z]{2}$/.test(country)
    ? null
    : 'Enter a two-letter country code such as DE';
}

/** `values` in order, blanks dropped, each kept once by `key` (the first one written wins). */
export function unite(
  values: ReadonlyArray<string | null>,
  key: (value: string) => string = (value) => value,
): string[] {
  const seen = new Set<string>();
  const united: string[] = [];
  for (const value of values) {
    if (!value || seen.has(key(value))) continue;
    seen.add(key(value));
    united.push(value);
  }
  return united;
}
