import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { permissionsOf } from '@crm/authz';
import { DomainError } from '@crm/errors';
import { callUnary } from '@crm/grpc';
import type { IdentityServiceClient } from '@crm/proto/crm/identity/v1/identity';
import { GATEWAY_CALLER, SESSION_COOKIE } from '../http/access.js';
import { problemSchema } from '../http/problem-schema.js';
import {
  changePasswordBodySchema,
  csrfSchema,
  loginBodySchema,
  meSchema,
  sessionSchema,
  toUserResponse,
} from './identity-schemas.js';

/** Sign-in, sign-out, the CSRF token and the signed-in user's own profile. */
export const authRoutes: FastifyPluginAsyncZod<{
  identity: IdentityServiceClient;
  /** `auto`: Secure when the request came over TLS (as seen through TRUST_PROXY). */
  secureCookies: boolean | 'auto';
}> = async (app, { identity, secureCookies }) => {
  app.post('/auth/login', {
    config: { access: 'public' },
    schema: {
      tags: ['auth'],
      summary: 'Sign in; sets the HttpOnly session cookie',
      body: loginBodySchema,
      response: { 200: sessionSchema, 401: problemSchema, 429: problemSchema },
    },
    handler: async (request, reply) => {
      const session = await callUnary(
        identity,
        identity.login,
        {
          email: request.body.email,
          password: request.body.password,
          address: request.ip,
          userAgent: request.headers['user-agent'] ?? '',
          // Signing in again ends the session this browser still had (session rotation).
          previousSessionToken: request.cookies[SESSION_COOKIE] ?? '',
        },
        { caller: GATEWAY_CALLER },
      );
      reply.setCookie(SESSION_COOKIE, session.sessionToken, {
        httpOnly: true,
        sameSite: 'lax',
        secure: secureCookies === 'auto' ? request.protocol === 'https' : secureCookies,
        path: '/',
        ...(session.expiresAt ? { expires: new Date(session.expiresAt) } : {}),
      });
      return { user: toUserResponse(session.user), csrfToken: session.csrfToken };
    },
  });

  app.post('/auth/logout', {
    config: { access: 'session' },
    schema: {
      tags: ['auth'],
      summary: 'Sign out (ends this session)',
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      if (request.session) {
        await callUnary(
          identity,
          identity.logout,
          { sessionToken: request.session.token },
          // Sessions are the gateway's business with identity: it asks as itself.
          { caller: GATEWAY_CALLER },
        );
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  });

  app.get('/auth/csrf', {
    config: { access: 'session' },
    schema: {
      tags: ['auth'],
      summary: 'The CSRF token of this browser session',
      response: { 200: csrfSchema },
    },
    handler: async (request) => {
      if (!request.session) {
        throw new DomainError(
          'failed_precondition',
          'CSRF tokens belong to browser sessions; API tokens need none.',
        );
      }
      return { csrfToken: request.session.csrfToken };
    },
  });

  app.get('/me', {
    config: { access: 'signed-in' },
    schema: {
      tags: ['auth'],
      summary: 'The signed-in user, their team and permissions',
      response: { 200: meSchema },
    },
    handler: async (request) => {
      const me = await callUnary(identity, identity.getMe, {}, { caller: request.caller });
      return {
        user: toUserResponse(me.user),
        team: { manager: me.manager ?? null, reports: me.reports },
        permissions: permissionsOf(request.caller),
      };
    },
  });

  app.put('/me/password', {
    config: { access: 'session' },
    schema: {
      tags: ['auth'],
      summary: 'Change your own password (ends your other sessions)',
      body: changePasswordBodySchema,
      response: { 204: z.null(), 400: problemSchema },
    },
    handler: async (request, reply) => {
      await callUnary(
        identity,
        identity.changePassword,
        {
          currentPassword: request.body.currentPassword,
          newPassword: request.body.newPassword,
          keepSessionToken: request.session?.token ?? '',
        },
        { caller: request.caller },
      );
      return reply.code(204).send(null);
    },
  });
};
