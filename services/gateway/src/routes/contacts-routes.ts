import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type {
  Contact as ContactMessage,
  ContactsServiceClient,
} from '@crm/proto/crm/accounts/v1/contacts';
import { callUnary } from '@crm/grpc';
import { collectionPage, pageOrCsv } from '../http/csv-collection.js';
import { problemSchema } from '../http/problem-schema.js';
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
  type ContactResponse,
} from './contact-schemas.js';
import {
  createRecordRoute,
  deleteRecordRoute,
  getRecordRoute,
  mergeRecordRoute,
  updateRecordRoute,
  type RecordKind,
} from './record-routes.js';

const contactKind: RecordKind<ContactMessage, ContactResponse> = {
  collection: 'contacts',
  schema: contactSchema,
  conflictSchema: contactConflictSchema,
  toResponse: toContactResponse,
  fromJson: contactFromJson,
};

export const contactsRoutes: FastifyPluginAsyncZod<{ contacts: ContactsServiceClient }> = async (
  app,
  { contacts },
) => {
  app.post(
    '/contacts',
    createRecordRoute(contactKind, {
      summary: 'Create a contact',
      description:
        'An email address another contact already has answers 409 (`type` …:duplicate) listing those contacts in `duplicates`; send `allowDuplicate: true` to create it anyway.',
      body: createContactBodySchema,
      create: async (body, options) =>
        (await callUnary(contacts, contacts.createContact, toCreateContactRequest(body), options))
          .contact,
    }),
  );

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
      const { q, sort, accountId, ownerId } = request.query;
      const csv = { name: 'contacts', columns: contactCsvColumns };
      return pageOrCsv(reply, request.query, csv, async (cursor, limit) => {
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
        return collectionPage(items, page, toContactResponse);
      });
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

  app.get(
    '/contacts/:id',
    getRecordRoute(contactKind, {
      summary: 'Get one contact (its version is also the ETag)',
      get: async (id, options) =>
        (await callUnary(contacts, contacts.getContact, { id }, options)).contact,
    }),
  );

  app.patch(
    '/contacts/:id',
    updateRecordRoute(contactKind, {
      summary: 'Change some fields of a contact',
      description:
        'Send the `version` last read (or If-Match). When someone changed the contact since, the answer is 409 with `currentVersion` and `current`.',
      body: updateContactBodySchema,
      update: async ({ id, expectedVersion, fields }, options) => {
        const request = toUpdateContactRequest(id, expectedVersion, fields);
        return (await callUnary(contacts, contacts.updateContact, request, options)).contact;
      },
    }),
  );

  app.delete(
    '/contacts/:id',
    deleteRecordRoute(contactKind, {
      summary: 'Delete a contact',
      delete: (request, options) => callUnary(contacts, contacts.deleteContact, request, options),
    }),
  );

  app.post(
    '/contacts/:id/merge',
    mergeRecordRoute(contactKind, {
      summary: 'Fold another contact into this one',
      description:
        'Relations move to this contact, its empty fields take the other’s values, email addresses and phone numbers are united; the other contact is deleted.',
      merge: async (request, options) =>
        (await callUnary(contacts, contacts.mergeContacts, request, options)).contact,
    }),
  );
};
