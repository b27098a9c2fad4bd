import type { Visibility } from '@crm/authz';
import { DomainError } from '@crm/errors';
import type { Caller } from '@crm/grpc';
import { isUuid } from '../domain/ids.js';

function owns(caller: Caller, ownerId: string | null): boolean {
  return caller.kind === 'user' && ownerId !== null && ownerId === caller.userId;
}

/**
 * Where the matrix grants only `own`, the record must be the caller's: its owner, author or
 * uploader. No row of the address book grants `team`; it would need the manager chain, which
 * identity holds, so it is held to `own` here.
 */
export function assertOwn(
  visibility: Exclude<Visibility, 'none'>,
  caller: Caller,
  ownerId: string | null,
  message: string,
): void {
  if (visibility === 'all' || owns(caller, ownerId)) return;
  throw new DomainError('permission_denied', message);
}

/**
 * Who may hand a record to someone else: whoever may delete any record of its kind, or its owner.
 * Otherwise staff, who may delete only their own, could take a record over and then delete it.
 * `deleteVisibility` is the caller's visibility for deleting that kind of record.
 */
export function assertMayChangeOwner(
  deleteVisibility: Visibility,
  caller: Caller,
  currentOwnerId: string | null,
  what: 'accounts' | 'contacts',
): void {
  if (deleteVisibility === 'all' || owns(caller, currentOwnerId)) return;
  const message = `You may change the ownerId only of ${what} you own.`;
  throw new DomainError('permission_denied', message, {
    fieldErrors: [{ path: '/ownerId', message: 'may be changed only by the owner' }],
  });
}

/** The person creating a record owns it unless the request names another owner. */
export function defaultOwner(requested: string | undefined, caller: Caller): string | undefined {
  if (requested !== undefined && requested !== '') return requested;
  return caller.kind === 'user' && isUuid(caller.userId) ? caller.userId : undefined;
}
