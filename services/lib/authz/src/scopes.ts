import type { Resource } from './permission-matrix.js';

export const apiScopes = ['read', 'write', 'ingest', 'admin'] as const;
export type ApiScope = (typeof apiScopes)[number];

/** Administration stays behind the `admin` scope even for reads: tokens are for integrations. */
const administrative: ReadonlySet<Resource> = new Set([
  'users',
  'sessions',
  'api-tokens',
  'audit-events',
]);

/** The scope an API token needs for an action, on top of what its user's role allows. */
export function requiredScope(resource: Resource, action: string): ApiScope {
  if (administrative.has(resource)) return 'admin';
  return action === 'read' ? 'read' : 'write';
}
