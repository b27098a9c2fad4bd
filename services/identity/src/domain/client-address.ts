import { isIPv4, isIPv6 } from 'node:net';

/** The address columns' width. */
export const ADDRESS_MAX_LENGTH = 64;

/** The eight 16-bit groups of an IPv6 address, or undefined when it is not one. */
function ipv6Groups(text: string): number[] | undefined {
  if (!isIPv6(text)) return undefined;
  let rest = text;
  const tail: number[] = [];
  const lastColon = rest.lastIndexOf(':');
  const embedded = rest.slice(lastColon + 1);
  if (isIPv4(embedded)) {
    const [a = 0, b = 0, c = 0, d = 0] = embedded.split('.').map(Number);
    tail.push((a << 8) | b, (c << 8) | d);
    // Keep a "::" intact; drop the single colon that separated the IPv4 part.
    rest = rest.endsWith(`::${embedded}`) ? rest.slice(0, lastColon + 1) : rest.slice(0, lastColon);
  }
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const gap = rest.indexOf('::');
  const head = parse(gap === -1 ? rest : rest.slice(0, gap));
  const after = gap === -1 ? [] : parse(rest.slice(gap + 2));
  const zeros = Array<number>(8 - head.length - after.length - tail.length).fill(0);
  return [...head, ...zeros, ...after, ...tail];
}

/**
 * The client address as stored and compared: trimmed, lower-cased, without brackets or an IPv6
 * zone, and an IPv4-mapped IPv6 address (`::ffff:1.2.3.4`, how dual-stack sockets report IPv4
 * clients) as the plain IPv4 address, so one client is one address. Null when empty.
 */
export function normaliseAddress(raw: string): string | null {
  let text = raw.trim().toLowerCase();
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  const zone = text.indexOf('%');
  if (zone !== -1 && isIPv6(text.slice(0, zone))) text = text.slice(0, zone);
  const groups = ipv6Groups(text);
  if (groups && groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [high = 0, low = 0] = groups.slice(6);
    return `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
  }
  return text.slice(0, ADDRESS_MAX_LENGTH) || null;
}

/**
 * The key failures are counted under per address. An IPv6 client typically holds a whole /64,
 * so counting single IPv6 addresses would let it rotate through them; its /64 is one client.
 */
export function addressThrottleKey(address: string): string {
  const groups = ipv6Groups(address);
  if (!groups) return address;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}
