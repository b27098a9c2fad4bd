import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { roleToMessage } from '@crm/authz';
import { callUnary } from '@crm/grpc';
import type { IdentityServiceClient } from '@crm/proto/crm/identity/v1/identity';
import { Role } from '@crm/proto/crm/identity/v1/identity';
import { collectionPage, pageOrCsv } from '../http/csv-collection.js';
import { problemSchema } from '../http/problem-schema.js';
import { idParamsSchema } from '../http/query-schemas.js';
import {
  createUserBodySchema,
  listQuerySchema,
  toUserResponse,
  updateUserBodySchema,
  userCsvColumns,
  userListSchema,
  userSchema,
} from './identity-schemas.js';

/** User administration; identity decides per record what the caller may see. */
export const usersRoutes: FastifyPluginAsyncZod<{ identity: IdentityServiceClient }> = async (
  app,
  { identity },
) => {
  app.get('/users', {
    config: { access: { resource: 'users', action: 'read' } },
    schema: {
      tags: ['users'],
      summary: 'Users the caller may see (admins all, managers their team, staff themselves)',
      querystring: listQuerySchema,
      response: { 200: userListSchema },
    },
    handler: async (request, reply) => {
      const csv = { name: 'users', columns: userCsvColumns };
      return pageOrCsv(reply, request.query, csv, async (cursor, limit) => {
        const { users, page } = await callUnary(
          identity,
          identity.listUsers,
          { page: { limit, cursor }, query: request.query.q ?? '' },
          { caller: request.caller },
        );
        return collectionPage(users, page, toUserResponse);
      });
    },
  });

  app.post('/users', {
    config: { access: { resource: 'users', action: 'create' } },
    schema: {
      tags: ['users'],
      summary: 'Create a user with an initial password',
      body: createUserBodySchema,
      response: { 201: userSchema, 400: problemSchema, 409: problemSchema },
    },
    handler: async (request, reply) => {
      const { user } = await callUnary(
        identity,
        identity.createUser,
        {
          email: request.body.email,
          name: request.body.name,
          role: roleToMessage(request.body.role),
          managerId: request.body.managerId ?? undefined,
          password: request.body.password,
        },
        { caller: request.caller },
      );
      const body = toUserResponse(user);
      return reply.code(201).header('location', `/api/v1/users/${body.id}`).send(body);
    },
  });

  app.get('/users/:id', {
    config: { access: { resource: 'users', action: 'read' } },
    schema: {
      tags: ['users'],
      params: idParamsSchema,
      response: { 200: userSchema, 404: problemSchema },
    },
    handler: async (request) => {
      const { user } = await callUnary(
        identity,
        identity.getUser,
        { id: request.params.id },
        { caller: request.caller },
      );
      return toUserResponse(user);
    },
  });

  app.patch('/users/:id', {
    config: { access: { resource: 'users', action: 'update' } },
    schema: {
      tags: ['users'],
      summary: 'Change name, role, manager or deactivate (`active: false` ends their sessions)',
      params: idParamsSchema,
      body: updateUserBodySchema,
      response: { 200: userSchema, 400: problemSchema, 404: problemSchema },
    },
    handler: async (request) => {
      const { name, role, managerId, active } = request.body;
      const { user } = await callUnary(
        identity,
        identity.updateUser,
        {
          id: request.params.id,
          name,
          role: role ? roleToMessage(role) : Role.ROLE_UNSPECIFIED,
          managerId: managerId ?? undefined,
          clearManager: managerId === null,
          active,
        },
        { caller: request.caller },
      );
      return toUserResponse(user);
    },
  });

  app.delete('/users/:id/sessions', {
    config: { access: { resource: 'sessions', action: 'delete' } },
    schema: {
      tags: ['users'],
      summary: "End all of a user's sessions",
      params: idParamsSchema,
      response: { 204: z.null(), 404: problemSchema },
    },
    handler: async (request, reply) => {
      await callUnary(
        identity,
        identity.endUserSessions,
        { userId: request.params.id },
        { caller: request.caller },
      );
      return reply.code(204).send(null);
    },
  });
};
