import type { Action, Resource } from '@crm/authz';
import type { Caller } from '@crm/grpc';

/**
 * Every API route declares who may call it; a route without a declaration does not boot (and the
 * role-matrix test replays each declaration against the permission matrix).
 * - `public`: anyone (sign-in);
 * - `signed-in`: any signed-in user, whatever the matrix (their own profile);
 * - `session`: a person in a browser session, never an API token (sign-out, own password);
 * - a resource and action of the permission matrix; `sessionOnly` keeps tokens out (minting tokens).
 */
export type RouteAccess =
  | 'public'
  | 'signed-in'
  | 'session'
  | { resource: Resource; action: Action; sessionOnly?: boolean };

/** The browser session behind a request, when it came with the session cookie. */
export interface SessionCredential {
  token: string;
  csrfToken: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    caller: Caller;
    session: SessionCredential | null;
    /** The request came with a session cookie identity no longer accepts; the answer clears it. */
    staleSessionCookie: boolean;
  }
}

export const SESSION_COOKIE = 'crm_session';

/** How the gateway identifies itself to identity for sign-in, sign-out and resolving credentials. */
export const GATEWAY_CALLER = { kind: 'service', service: 'gateway' } as const;
export const CSRF_HEADER = 'x-csrf-token';

/** A state change authenticated by the session cookie without the matching X-CSRF-Token. */
export class CsrfError extends Error {
  constructor() {
    super('Missing or invalid CSRF token: send the X-CSRF-Token header (GET /api/v1/auth/csrf).');
    this.name = 'CsrfError';
  }
}
