import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { callUnary } from '@crm/grpc';
import type { TimelineServiceClient } from '@crm/proto/crm/accounts/v1/timeline';
import { collectionPage, pageOrCsv } from '../http/csv-collection.js';
import { problemSchema } from '../http/problem-schema.js';
import { idParamsSchema } from '../http/query-schemas.js';
import { subjectCollections, toSubject } from './subjects.js';
import {
  noteBodySchema,
  timelineCsvColumns,
  timelineEntrySchema,
  timelineListSchema,
  timelineQuerySchema,
  toTimelineEntryResponse,
} from './timeline-schemas.js';

/** What happened to accounts and contacts, newest first, and the notes people add to it. */
export const timelineRoutes: FastifyPluginAsyncZod<{ timeline: TimelineServiceClient }> = async (
  app,
  { timeline },
) => {
  for (const collection of subjectCollections) {
    app.get(`/${collection.path}/:id/timeline`, {
      config: { access: { resource: collection.resource, action: 'read' } },
      schema: {
        tags: [collection.path],
        summary: `The ${collection.type}'s timeline: notes, changes, merges, files, newest first`,
        params: idParamsSchema,
        querystring: timelineQuerySchema,
        response: { 200: timelineListSchema, 400: problemSchema, 404: problemSchema },
      },
      handler: async (request, reply) => {
        const subject = toSubject(collection.type, request.params.id);
        const csv = { name: `${collection.type}-timeline`, columns: timelineCsvColumns };
        return pageOrCsv(reply, request.query, csv, async (cursor, limit) => {
          const { entries, page } = await callUnary(
            timeline,
            timeline.listTimeline,
            { subject, page: { limit, cursor } },
            { caller: request.caller },
          );
          return collectionPage(entries, page, toTimelineEntryResponse);
        });
      },
    });

    app.post(`/${collection.path}/:id/notes`, {
      config: { access: { resource: 'notes', action: 'create' } },
      schema: {
        tags: [collection.path],
        summary: `Add a note to the ${collection.type}'s timeline`,
        params: idParamsSchema,
        body: noteBodySchema,
        response: { 201: timelineEntrySchema, 400: problemSchema, 404: problemSchema },
      },
      handler: async (request, reply) => {
        const { entry } = await callUnary(
          timeline,
          timeline.addNote,
          { subject: toSubject(collection.type, request.params.id), body: request.body.body },
          { caller: request.caller },
        );
        return reply.code(201).send(toTimelineEntryResponse(entry));
      },
    });
  }

  app.delete('/notes/:id', {
    config: { access: { resource: 'notes', action: 'delete' } },
    schema: {
      tags: ['notes'],
      summary: 'Delete a note (authors their own; admins any)',
      params: idParamsSchema,
      response: { 204: z.null(), 404: problemSchema },
    },
    handler: async (request, reply) => {
      await callUnary(
        timeline,
        timeline.deleteNote,
        { id: request.params.id },
        { caller: request.caller },
      );
      return reply.code(204).send(null);
    },
  });
};
