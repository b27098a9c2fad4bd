import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requiredRoleFromMessage, visibilityOf } from '@crm/authz';
import { DomainError, isDomainError } from '@crm/errors';
import { callUnary, type Caller } from '@crm/grpc';
import type { IdentityServiceClient, Principal } from '@crm/proto/crm/identity/v1/identity';
import {
  CSRF_HEADER,
  CsrfError,
  GATEWAY_CALLER,
  SESSION_COOKIE,
  type RouteAccess,
} from './access.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const API_PREFIX = '/api/v1/';

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function callerFrom(principal: Principal, address: string): Caller {
  const scopes =
    principal.credential === 'token'
      ? (principal.scopes as Array<'read' | 'write' | 'ingest' | 'admin'>)
      : undefined;
  return {
    kind: 'user',
    userId: principal.userId,
    role: requiredRoleFromMessage(principal.role),
    address,
    ...(scopes ? { scopes } : {}),
  };
}

/**
 * Who is calling: a bearer API token, else the session cookie, else nobody. Credentials that
 * identity refuses (expired, revoked, unknown) make the request anonymous; the route's access
 * rule then answers 401.
 */
async function resolveCaller(
  request: FastifyRequest,
  identity: IdentityServiceClient,
): Promise<void> {
  const address = request.ip;
  const apiToken = bearerToken(request);
  const sessionToken = apiToken ? undefined : request.cookies[SESSION_COOKIE];
  if (!apiToken && !sessionToken) return;
  try {
    const { principal } = await callUnary(
      identity,
      identity.authenticate,
      apiToken ? { apiToken } : { sessionToken },
      { caller: GATEWAY_CALLER },
    );
    if (!principal) return;
    request.caller = callerFrom(principal, address);
    if (sessionToken && principal.credential === 'session') {
      request.session = { token: sessionToken, csrfToken: principal.csrfToken };
    }
  } catch (error) {
    if (isDomainError(error) && error.code === 'unauthenticated') {
      if (sessionToken) request.staleSessionCookie = true;
      return;
    }
    throw error;
  }
}

/**
 * Browsers say where a request comes from; a state change from another site is refused before
 * anything else (login included), whatever credentials ride along.
 */
function assertSameOrigin(request: FastifyRequest): void {
  if (SAFE_METHODS.has(request.method)) return;
  if (request.headers['sec-fetch-site'] === 'cross-site') throw new CsrfError();
  const origin = request.headers.origin;
  if (origin === undefined) return;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new CsrfError();
  }
  if (originHost !== request.host) throw new CsrfError();
}

function enforce(request: FastifyRequest, access: RouteAccess): void {
  assertSameOrigin(request);
  if (access === 'public') return;
  if (request.caller.kind === 'anonymous')
    throw new DomainError('unauthenticated', 'Sign in first.');
  // A browser session must prove each state change came from our pages (the cookie alone would not).
  if (request.session && !SAFE_METHODS.has(request.method)) {
    const header = request.headers[CSRF_HEADER];
    if (typeof header !== 'string' || !sameSecret(header, request.session.csrfToken)) {
      throw new CsrfError();
    }
  }
  if (access === 'signed-in') return;
  const sessionOnly = access === 'session' || access.sessionOnly === true;
  if (sessionOnly && !request.session) {
    throw new DomainError(
      'permission_denied',
      'Only a person signed in through the web UI may do this.',
    );
  }
  if (access === 'session') return;
  // The services decide again on the original caller; this spares them calls the matrix refuses.
  if (visibilityOf(request.caller, access.resource, access.action as never) === 'none') {
    throw new DomainError('permission_denied', 'You may not do this.');
  }
}

/** Authentication, CSRF protection and the route-level permission check for the whole API. */
export function registerAuthentication(
  app: FastifyInstance,
  identity: IdentityServiceClient,
): void {
  // Reference-type decorations start empty; onRequest sets them per request.
  app.decorateRequest('caller');
  app.decorateRequest('session');
  app.decorateRequest('staleSessionCookie', false);

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith(API_PREFIX) && route.config?.access === undefined) {
      throw new Error(`${String(route.method)} ${route.url} declares no access rule`);
    }
  });

  app.addHook('onRequest', async (request) => {
    request.caller = { kind: 'anonymous' };
    request.session = null;
    request.staleSessionCookie = false;
    const access = request.routeOptions.config.access;
    if (access === undefined) return;
    await resolveCaller(request, identity);
  });

  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config.access;
    if (access !== undefined) enforce(request, access);
  });

  app.addHook('onSend', async (request, reply) => {
    if (request.staleSessionCookie && !reply.hasHeader('set-cookie'))
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    // Answers about people, sessions and tokens must not sit in any cache.
    if (request.url.startsWith(API_PREFIX) && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'no-store');
  });
}
