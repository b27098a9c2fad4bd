import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ContactsServiceClient } from '@crm/proto/crm/accounts/v1/contacts';
import { callUnary } from '@crm/grpc';
import { EXPORT_PAGE_SIZE, everyItem, sendCsv } from '../http/csv-collection.js';
import { problemSchema } from '../http/problem-schema.js';
import { idParamsSchema } from '../http/query-schemas.js';
import { withRecordExtensions } from '../http/record-extensions.js';
import {
  deleteQuerySchema,
  expectedVersion,
  ifMatchHeaders,
  mergeBodySchema,
  withEtag,
} from '../http/versioning.js';
import {
  contactConflictSchema,
  contactCsvColumns,
  contactDuplicatesQuerySchema,
  contactFromJson,
  contactItemsSchema,
  contactListSchema,
  contactSchema,
  createContactBodySchema,
  listContactsQuerySchema,
  toContactResponse,
  toCreateContactRequest,
  toUpdateContactRequest,
  updateContactBodySchema,
} from './contact-schemas.js';

export const contactsRoutes: FastifyPluginAsyncZod<{ contacts: ContactsServiceClient }> = async (
  app,
  { contacts },
) => {
  app.post('/contacts', {
    config: { access: { resource: 'contacts', action: 'create' } },
    schema: {
      tags: ['contacts'],
      summary: 'Create a contact',
      description:
        'An email address another contact already has answers 409 (`type` …:duplicate) listing those contacts in `duplicates`; send `allowDuplicate: true` to create it anyway.',
      body: createContactBodySchema,
      response: { 201: contactSchema, 400: problemSchema, 409: contactConflictSchema },
    },
    handler: async (request, reply) => {
      const { contact } = await withRecordExtensions(
        callUnary(contacts, contacts.createContact, toCreateContactRequest(request.body), {
          caller: request.caller,
        }),
        contactFromJson,
      );
      const body = toContactResponse(contact);
      withEtag(reply, body.version);
      return reply.code(201).header('location', `/api/v1/contacts/${body.id}`).send(body);
    },
  });

  app.get('/contacts', {
    config: { access: { resource: 'contacts', action: 'read' } },
    schema: {
      tags: ['contacts'],
      summary: 'List contacts (newest first, or best matches first when searching)',
      description: 'With `format=csv` the `account` column holds the account’s name.',
      querystring: listContactsQuerySchema,
      response: { 200: contactListSchema, 400: problemSchema },
    },
    handler: async (request, reply) => {
      const { q, sort, format, accountId, ownerId } = request.query;
      const fetchPage = async (cursor: string, limit: number) => {
        const { contacts: items, page } = await callUnary(
          contacts,
          contacts.listContacts,
          {
            page: { limit, cursor },
            query: q ?? '',
            sort: sort ?? '',
            accountIds: accountId ?? [],
            ownerIds: ownerId ?? [],
          },
          { caller: request.caller },
        );
        return { items: items.map(toContactResponse), nextCursor: page?.nextCursor || null };
      };
      if (format === 'csv') {
        return sendCsv(
          reply,
          'contacts',
          contactCsvColumns,
          everyItem((cursor) => fetchPage(cursor, EXPORT_PAGE_SIZE)),
        );
      }
      return fetchPage(request.query.cursor ?? '', request.query.limit ?? 0);
    },
  });

  app.get('/contacts/duplicates', {
    config: { access: { resource: 'contacts', action: 'read' } },
    schema: {
      tags: ['contacts'],
      summary: 'Contacts with any of these email addresses, to warn before creating another',
      querystring: contactDuplicatesQuerySchema,
      response: { 200: contactItemsSchema, 400: problemSchema },
    },
    handler: async (request) => {
      const { contacts: items } = await callUnary(
        contacts,
        contacts.findDuplicateContacts,
        { emails: request.query.email ?? [], excludeId: request.query.excludeId ?? '' },
        { caller: request.caller },
      );
      return { items: items.map(toContactResponse) };
    },
  });

  app.get('/contacts/:id', {
    config: { access: { resource: 'contacts', action: 'read' } },
    schema: {
      tags: ['contacts'],
      summary: 'Get one contact (its version is also the ETag)',
      params: idParamsSchema,
      response: { 200: contactSchema, 404: problemSchema },
    },
    handler: async (request, reply) => {
      const { contact } = await callUnary(
        contacts,
        contacts.getContact,
        { id: request.params.id },
        { caller: request.caller },
      );
      const body = toContactResponse(contact);
      return withEtag(reply, body.version).send(body);
    },
  });

  app.patch('/contacts/:id', {
    config: { access: { resource: 'contacts', action: 'update' } },
    schema: {
      tags: ['contacts'],
      summary: 'Change some fields of a contact',
      description:
        'Send the `version` last read (or If-Match). When someone changed the contact since, the answer is 409 with `currentVersion` and `current`.',
      params: idParamsSchema,
      headers: ifMatchHeaders,
      body: updateContactBodySchema,
      response: {
        200: contactSchema,
        400: problemSchema,
        404: problemSchema,
        409: contactConflictSchema,
      },
    },
    handler: async (request, reply) => {
      const { version, ...fields } = request.body;
      const expected = expectedVersion(version, request.headers['if-match'], { required: true });
      const { contact } = await withRecordExtensions(
        callUnary(
          contacts,
          contacts.updateContact,
          toUpdateContactRequest(request.params.id, expected, fields),
          { caller: request.caller },
        ),
        contactFromJson,
      );
      const body = toContactResponse(contact);
      return withEtag(reply, body.version).send(body);
    },
  });

  app.delete('/contacts/:id', {
    config: { access: { resource: 'contacts', action: 'delete' } },
    schema: {
      tags: ['contacts'],
      summary: 'Delete a contact',
      params: idParamsSchema,
      headers: ifMatchHeaders,
      querystring: deleteQuerySchema,
      response: { 204: z.null(), 404: problemSchema, 409: contactConflictSchema },
    },
    handler: async (request, reply) => {
      const expected = expectedVersion(request.query.version, request.headers['if-match'], {
        required: false,
      });
      await withRecordExtensions(
        callUnary(
          contacts,
          contacts.deleteContact,
          { id: request.params.id, expectedVersion: String(expected) },
          { caller: request.caller },
        ),
        contactFromJson,
      );
      return reply.code(204).send(null);
    },
  });

  app.post('/contacts/:id/merge', {
    config: { access: { resource: 'contacts', action: 'merge' } },
    schema: {
      tags: ['contacts'],
      summary: 'Fold another contact into this one',
      description:
        'Relations move to this contact, its empty fields take the other’s values, email addresses and phone numbers are united; the other contact is deleted.',
      params: idParamsSchema,
      body: mergeBodySchema,
      response: {
        200: contactSchema,
        400: problemSchema,
        404: problemSchema,
        409: contactConflictSchema,
      },
    },
    handler: async (request, reply) => {
      const { contact } = await withRecordExtensions(
        callUnary(
          contacts,
          contacts.mergeContacts,
          {
            survivorId: request.params.id,
            mergedId: request.body.mergedId,
            survivorVersion: String(request.body.version ?? 0),
            mergedVersion: String(request.body.mergedVersion ?? 0),
          },
          { caller: request.caller },
        ),
        contactFromJson,
      );
      const body = toContactResponse(contact);
      return withEtag(reply, body.version).send(body);
    },
  });
};
