import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { ActionOf } from '@crm/authz';
import type { JsonObject, JsonValue } from '@crm/errors';
import type { CallOptions, Caller } from '@crm/grpc';
import type {
  DeleteAccountRequest,
  MergeAccountsRequest,
} from '@crm/proto/crm/accounts/v1/accounts';
import type {
  DeleteContactRequest,
  MergeContactsRequest,
} from '@crm/proto/crm/accounts/v1/contacts';
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

/** Every record answer names the record and its version, which is also its ETag. */
type VersionedRecord = JsonObject & { id: string; version: number };

/**
 * A kind of address-book record whose routes share one shape (accounts, contacts): the collection
 * is the path below /api/v1, the OpenAPI tag and the matrix resource.
 */
export interface RecordKind<Message, Record extends VersionedRecord> {
  collection: 'accounts' | 'contacts';
  schema: z.ZodType<Record>;
  /** The 409 of its writes, naming the current record or the duplicates. */
  conflictSchema: z.ZodType;
  toResponse: (message: Message | undefined) => Record;
  /** A record an error's extensions name, in proto JSON. */
  fromJson: (raw: JsonValue) => Record;
}

interface RouteText {
  summary: string;
  description?: string;
}

/** Accounts and contacts are deleted and merged with requests of one shape. */
export type DeleteRecordRequest = DeleteAccountRequest & DeleteContactRequest;
export type MergeRecordsRequest = MergeAccountsRequest & MergeContactsRequest;

/** What the handlers read of a request; Fastify's, typed by the route's schemas, fits. */
interface RecordRequest<Params = { id: string }, Body = unknown> {
  params: Params;
  body: Body;
  headers: { 'if-match'?: string | undefined };
  caller: Caller;
}

/** The route's access declaration and the head of its OpenAPI operation. */
function recordRouteHead<Message, Record extends VersionedRecord>(
  kind: RecordKind<Message, Record>,
  action: ActionOf<'accounts'> & ActionOf<'contacts'>,
  text: RouteText,
) {
  return {
    config: { access: { resource: kind.collection, action } },
    docs: { tags: [kind.collection], summary: text.summary, description: text.description },
  };
}

/** The answers of a change to a record: the record, or why not (409 for a stale version). */
function changeResponses<Message, Record extends VersionedRecord>(
  kind: RecordKind<Message, Record>,
) {
  return { 200: kind.schema, 400: problemSchema, 404: problemSchema, 409: kind.conflictSchema };
}

function sendWithEtag(reply: FastifyReply, record: VersionedRecord): FastifyReply {
  return withEtag(reply, record.version).send(record);
}

/** Sends the record a change answers with its ETag; records its errors name are translated. */
async function sendChanged<Message, Record extends VersionedRecord>(
  reply: FastifyReply,
  kind: RecordKind<Message, Record>,
  change: Promise<Message | undefined>,
): Promise<FastifyReply> {
  return sendWithEtag(reply, kind.toResponse(await withRecordExtensions(change, kind.fromJson)));
}

/** `POST /{collection}`: 201 with the new record, its ETag and Location. */
export function createRecordRoute<Message, Record extends VersionedRecord, Body extends z.ZodType>(
  kind: RecordKind<Message, Record>,
  route: RouteText & {
    body: Body;
    create: (body: z.output<Body>, options: CallOptions) => Promise<Message | undefined>;
  },
) {
  const { config, docs } = recordRouteHead(kind, 'create', route);
  return {
    config,
    schema: {
      ...docs,
      body: route.body,
      response: { 201: kind.schema, 400: problemSchema, 409: kind.conflictSchema },
    },
    handler: async (request: RecordRequest<unknown, z.output<Body>>, reply: FastifyReply) => {
      const created = route.create(request.body, { caller: request.caller });
      const body = kind.toResponse(await withRecordExtensions(created, kind.fromJson));
      withEtag(reply, body.version);
      return reply.code(201).header('location', `/api/v1/${kind.collection}/${body.id}`).send(body);
    },
  };
}

/** `GET /{collection}/:id`, with the version as ETag. */
export function getRecordRoute<Message, Record extends VersionedRecord>(
  kind: RecordKind<Message, Record>,
  route: RouteText & { get: (id: string, options: CallOptions) => Promise<Message | undefined> },
) {
  const { config, docs } = recordRouteHead(kind, 'read', route);
  return {
    config,
    schema: { ...docs, params: idParamsSchema, response: { 200: kind.schema, 404: problemSchema } },
    handler: async (request: RecordRequest, reply: FastifyReply) => {
      const message = await route.get(request.params.id, { caller: request.caller });
      return sendWithEtag(reply, kind.toResponse(message));
    },
  };
}

/**
 * `PATCH /{collection}/:id`: the version last read comes in the body or as If-Match and must be
 * given; the changed record answers with its new ETag, a stale version with 409.
 */
export function updateRecordRoute<
  Message,
  Record extends VersionedRecord,
  Body extends z.ZodType<{ version?: number | undefined }>,
>(
  kind: RecordKind<Message, Record>,
  route: RouteText & {
    body: Body;
    update: (
      change: { id: string; expectedVersion: number; fields: Omit<z.output<Body>, 'version'> },
      options: CallOptions,
    ) => Promise<Message | undefined>;
  },
) {
  const { config, docs } = recordRouteHead(kind, 'update', route);
  return {
    config,
    schema: {
      ...docs,
      params: idParamsSchema,
      headers: ifMatchHeaders,
      body: route.body,
      response: changeResponses(kind),
    },
    handler: async (
      request: RecordRequest<{ id: string }, z.output<Body>>,
      reply: FastifyReply,
    ) => {
      const { version, ...fields } = request.body;
      const expected = expectedVersion(version, request.headers['if-match'], { required: true });
      const change = { id: request.params.id, expectedVersion: expected, fields };
      return sendChanged(reply, kind, route.update(change, { caller: request.caller }));
    },
  };
}

/** `DELETE /{collection}/:id`: 204; a version (query or If-Match) makes it conditional. */
export function deleteRecordRoute<Message, Record extends VersionedRecord>(
  kind: RecordKind<Message, Record>,
  route: RouteText & {
    delete: (request: DeleteRecordRequest, options: CallOptions) => Promise<unknown>;
  },
) {
  const { config, docs } = recordRouteHead(kind, 'delete', route);
  return {
    config,
    schema: {
      ...docs,
      params: idParamsSchema,
      headers: ifMatchHeaders,
      querystring: deleteQuerySchema,
      response: { 204: z.null(), 404: problemSchema, 409: kind.conflictSchema },
    },
    handler: async (
      request: RecordRequest & { query: { version?: number | undefined } },
      reply: FastifyReply,
    ) => {
      const expected = expectedVersion(request.query.version, request.headers['if-match'], {
        required: false,
      });
      const deleted = route.delete(
        { id: request.params.id, expectedVersion: String(expected) },
        { caller: request.caller },
      );
      await withRecordExtensions(deleted, kind.fromJson);
      return reply.code(204).send(null);
    },
  };
}

/** `POST /{collection}/:id/merge`: folds `mergedId` into the record in the path. */
export function mergeRecordRoute<Message, Record extends VersionedRecord>(
  kind: RecordKind<Message, Record>,
  route: RouteText & {
    merge: (request: MergeRecordsRequest, options: CallOptions) => Promise<Message | undefined>;
  },
) {
  const { config, docs } = recordRouteHead(kind, 'merge', route);
  return {
    config,
    schema: {
      ...docs,
      params: idParamsSchema,
      body: mergeBodySchema,
      response: changeResponses(kind),
    },
    handler: async (
      request: RecordRequest<{ id: string }, z.output<typeof mergeBodySchema>>,
      reply: FastifyReply,
    ) => {
      const { mergedId, version, mergedVersion } = request.body;
      const merge = {
        survivorId: request.params.id,
        mergedId,
        survivorVersion: String(version ?? 0),
        mergedVersion: String(mergedVersion ?? 0),
      };
      return sendChanged(reply, kind, route.merge(merge, { caller: request.caller }));
    },
  };
}
