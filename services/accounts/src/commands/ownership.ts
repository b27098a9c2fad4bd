import type { Visibility } from '@crm/authz';
import { DomainError } from '@crm/errors';
import type { Caller } from '@crm/grpc';
import { isUuid } from '../domain/ids.js';

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
  if (visibility === 'all') return;
  if (caller.kind === 'user' && ownerId !== null && ownerId === caller.userId) return;
  throw new DomainError('permission_denied', message);
}

/** The person creating a record owns it unless the request names another owner. */
export function defaultOwner(requested: string | undefined, caller: Caller): string | undefined {
  if (requested !== undefined && requested !== '') return requested;
  return caller.kind === 'user' && isUuid(caller.userId) ? caller.userId : undefined;
}
