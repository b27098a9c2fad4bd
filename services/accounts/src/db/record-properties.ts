import { p } from '@mikro-orm/core';

/**
 * The last properties of an address-book record (accounts, contacts): when it was created and last
 * changed, and the version every change bumps (optimistic concurrency).
 */
export function recordStampProperties() {
  return {
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
    version: p.integer().version(),
  };
}
