import { Metadata } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { callerFromMetadata, callerToMetadata } from './caller.js';

const KEY = 'k'.repeat(40);
const admin = { kind: 'user', userId: 'u1', role: 'admin' } as const;

describe('signed caller metadata', () => {
  it('round-trips with the shared key', () => {
    expect(callerFromMetadata(callerToMetadata(admin, KEY), KEY)).toEqual(admin);
  });

  it('reads unsigned, tampered, foreign-key and expired callers as anonymous', () => {
    const unsigned = new Metadata();
    unsigned.set(
      'crm-caller-bin',
      Buffer.from(JSON.stringify({ caller: admin, expiresAt: Date.now() + 60_000 })),
    );
    expect(callerFromMetadata(unsigned, KEY)).toEqual({ kind: 'anonymous' });

    const tampered = callerToMetadata({ ...admin, role: 'staff' }, KEY);
    const forged = Buffer.from(
      (tampered.get('crm-caller-bin')[0] as Buffer).toString().replace('staff', 'admin'),
    );
    tampered.set('crm-caller-bin', forged);
    expect(callerFromMetadata(tampered, KEY)).toEqual({ kind: 'anonymous' });

    expect(callerFromMetadata(callerToMetadata(admin, 'x'.repeat(40)), KEY)).toEqual({
      kind: 'anonymous',
    });
    expect(callerFromMetadata(callerToMetadata(admin, KEY), KEY, Date.now() + 61_000)).toEqual({
      kind: 'anonymous',
    });
  });
});
