import { describe, expect, it } from 'vitest';
import { PasswordHasher } from './password-hasher.js';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('writes argon2id PHC strings with a fresh salt each time', async () => {
    const first = await hasher.hash('correct horse battery');
    const second = await hasher.hash('correct horse battery');
    expect(first).toMatch(
      /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/,
    );
    expect(first).not.toBe(second);
  });

  it('verifies the right password only', async () => {
    const phc = await hasher.hash('correct horse battery');
    expect(await hasher.verify('correct horse battery', phc)).toBe(true);
    expect(await hasher.verify('correct horse batterz', phc)).toBe(false);
  });

  it('never matches a malformed hash', async () => {
    expect(await hasher.verify('anything at all', 'plain text')).toBe(false);
    expect(
      await hasher.verify('anything at all', '$argon2i$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaA'),
    ).toBe(false);
  });

  it('refuses computations beyond its queue as unavailable, finishing the others', async () => {
    const phc = await hasher.hash('correct horse battery');
    const bounded = new PasswordHasher({ concurrency: 1, maxWaiting: 1 });
    const settled = await Promise.allSettled([
      bounded.verify('correct horse battery', phc),
      bounded.verify('correct horse batterz', phc),
      bounded.hash('one too many'),
    ]);
    expect(settled.slice(0, 2)).toEqual([
      { status: 'fulfilled', value: true },
      { status: 'fulfilled', value: false },
    ]);
    expect(settled[2]).toMatchObject({ status: 'rejected', reason: { code: 'unavailable' } });
  });

  it('counts verifications against the dummy hash', async () => {
    const fresh = new PasswordHasher();
    expect(await fresh.verifyAgainstDummy('whatever it is')).toBe(false);
    expect(fresh.dummyVerifications).toBe(1);
  });
});
