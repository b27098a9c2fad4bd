import { DomainError } from '@crm/errors';
import type { Caller } from '@crm/grpc';
import {
  permissionMatrix,
  type ActionOf,
  type Resource,
  type Visibility,
} from './permission-matrix.js';
import { requiredScope } from './scopes.js';

/** What the caller may see for `resource`/`action`, without throwing: `none` when refused. */
export function visibilityOf<R extends Resource>(
  caller: Caller,
  resource: R,
  action: ActionOf<R>,
): Visibility {
  switch (caller.kind) {
    case 'anonymous':
      return 'none';
    case 'service':
      // Internal callers (the demo loader, other services' consumers) act for the organisation.
      return 'all';
    case 'user': {
      const row = (permissionMatrix[resource] as Record<string, Record<string, Visibility>>)[
        action
      ];
      const visibility = row?.[caller.role] ?? 'none';
      if (visibility === 'none') return 'none';
      if (caller.scopes && !caller.scopes.includes(requiredScope(resource, action))) return 'none';
      return visibility;
    }
  }
}

/**
 * The one authorisation check: returns the visibility to apply, or throws `unauthenticated` for
 * anonymous callers and `permission_denied` for everyone else who may not.
 */
export function authorize<R extends Resource>(
  caller: Caller,
  resource: R,
  action: ActionOf<R>,
): Exclude<Visibility, 'none'> {
  if (caller.kind === 'anonymous') throw new DomainError('unauthenticated', 'Sign in first.');
  const visibility = visibilityOf(caller, resource, action);
  if (visibility === 'none') {
    const scoped = caller.kind === 'user' && caller.scopes !== undefined;
    throw new DomainError(
      'permission_denied',
      scoped
        ? `This token lacks the ${requiredScope(resource, action)} scope or its user may not do this.`
        : 'You may not do this.',
    );
  }
  return visibility;
}

/** The whole matrix as it applies to one caller (GET /me: the UI builds its navigation from it). */
export function permissionsOf(caller: Caller): Record<string, Record<string, Visibility>> {
  const result: Record<string, Record<string, Visibility>> = {};
  for (const [resource, actions] of Object.entries(permissionMatrix)) {
    result[resource] = {};
    for (const action of Object.keys(actions)) {
      result[resource][action] = visibilityOf(caller, resource as Resource, action as never);
    }
  }
  return result;
}
