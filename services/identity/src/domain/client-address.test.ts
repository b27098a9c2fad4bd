import { describe, expect, it } from 'vitest';
import { addressThrottleKey, normaliseAddress } from './client-address.js';

describe('normaliseAddress', () => {
  it('turns IPv4-mapped IPv6 addresses into plain IPv4', () => {
    expect(normaliseAddress('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(normaliseAddress(' ::FFFF:203.0.113.7 ')).toBe('203.0.113.7');
    expect(normaliseAddress('0:0:0:0:0:ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(normaliseAddress('::ffff:cb00:7107')).toBe('203.0.113.7');
    expect(normaliseAddress('[::ffff:203.0.113.7]')).toBe('203.0.113.7');
  });

  it('keeps other addresses, lower-cased, without brackets or zone', () => {
    expect(normaliseAddress('203.0.113.7')).toBe('203.0.113.7');
    expect(normaliseAddress('2001:DB8::1')).toBe('2001:db8::1');
    expect(normaliseAddress('[2001:db8::1]')).toBe('2001:db8::1');
    expect(normaliseAddress('fe80::1%eth0')).toBe('fe80::1');
    // Not mapped: only ::ffff:0:0/96 is.
    expect(normaliseAddress('::1')).toBe('::1');
    expect(normaliseAddress('64:ff9b::203.0.113.7')).toBe('64:ff9b::203.0.113.7');
  });

  it('bounds anything else to the column and maps blank to null', () => {
    expect(normaliseAddress('  ')).toBeNull();
    expect(normaliseAddress('x'.repeat(100))).toBe('x'.repeat(64));
  });
});

describe('addressThrottleKey', () => {
  it('counts IPv6 addresses by their /64', () => {
    const key = addressThrottleKey('2001:db8:1:2::5');
    expect(key).toBe('2001:db8:1:2::/64');
    expect(addressThrottleKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe(key);
    expect(addressThrottleKey('2001:db8:1:3::5')).not.toBe(key);
    expect(addressThrottleKey('::1')).toBe('0:0:0:0::/64');
    expect(addressThrottleKey('2001:db8::203.0.113.7')).toBe('2001:db8:0:0::/64');
  });

  it('counts IPv4 addresses one by one', () => {
    expect(addressThrottleKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressThrottleKey(normaliseAddress('::ffff:203.0.113.7') ?? '')).toBe('203.0.113.7');
    expect(addressThrottleKey('not an address')).toBe('not an address');
  });
});
