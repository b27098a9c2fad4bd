import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '@crm/errors';
import { callUnary } from '@crm/grpc';
import { ObjectNotFoundError, type ObjectStorage } from '@crm/object-storage';
import type { AttachmentsServiceClient } from '@crm/proto/crm/accounts/v1/attachments';
import { collectionPage, pageOrCsv } from '../http/csv-collection.js';
import {
  discardObject,
  parseFormFields,
  registerUpload,
  storeUpload,
  streamedFormValidator,
} from '../http/multipart-form.js';
import { problemSchema } from '../http/problem-schema.js';
import { idParamsSchema } from '../http/query-schemas.js';
import { attachmentContentTypes, attachmentDisposition } from '../http/upload-content.js';
import {
  attachmentCsvColumns,
  attachmentListSchema,
  attachmentQuerySchema,
  attachmentSchema,
  attachmentUploadSchema,
  toAttachmentResponse,
} from './attachment-schemas.js';
import { subjectCollections, toSubject } from './subjects.js';

export interface AttachmentsRoutesOptions {
  attachments: AttachmentsServiceClient;
  storage: ObjectStorage;
  /** Largest file accepted (413 beyond). */
  maxBytes: number;
}

/** An upload is the file alone: the subject is in the path, the name and type in the part. */
const uploadFieldsSchema = z.strictObject({});

/**
 * Files on accounts and contacts: the bytes stream into object storage, the accounts service keeps
 * what they are and who may see them.
 */
export const attachmentsRoutes: FastifyPluginAsyncZod<AttachmentsRoutesOptions> = async (
  app,
  { attachments, storage, maxBytes },
) => {
  for (const collection of subjectCollections) {
    app.post(`/${collection.path}/:id/attachments`, {
      config: { access: { resource: 'attachments', action: 'create' } },
      validatorCompiler: streamedFormValidator,
      schema: {
        tags: [collection.path],
        summary: `Attach a file to the ${collection.type}`,
        description: `multipart/form-data with one part named \`file\`, at most ${maxBytes} bytes (413 beyond). The declared type must be one the API takes and agree with the content; programs and scripts are refused (415).`,
        consumes: ['multipart/form-data'],
        params: idParamsSchema,
        body: attachmentUploadSchema,
        response: {
          201: attachmentSchema,
          400: problemSchema,
          404: problemSchema,
          413: problemSchema,
          415: problemSchema,
        },
      },
      handler: async (request, reply) => {
        const key = `attachments/${randomUUID()}`;
        const { file, fields } = await storeUpload(request, {
          storage,
          key,
          maxBytes,
          allowedTypes: attachmentContentTypes,
        });
        const { attachment } = await registerUpload(request, storage, key, async () => {
          parseFormFields(uploadFieldsSchema, fields);
          return callUnary(
            attachments,
            attachments.registerAttachment,
            {
              subject: toSubject(collection.type, request.params.id),
              fileName: file.fileName,
              contentType: file.contentType,
              sizeBytes: String(file.sizeBytes),
              sha256: file.sha256,
              objectKey: key,
            },
            { caller: request.caller },
          );
        });
        const body = toAttachmentResponse(attachment);
        return reply.code(201).header('location', `/api/v1/attachments/${body.id}`).send(body);
      },
    });

    app.get(`/${collection.path}/:id/attachments`, {
      config: { access: { resource: 'attachments', action: 'read' } },
      schema: {
        tags: [collection.path],
        summary: `Files attached to the ${collection.type}, newest first`,
        params: idParamsSchema,
        querystring: attachmentQuerySchema,
        response: { 200: attachmentListSchema, 400: problemSchema, 404: problemSchema },
      },
      handler: async (request, reply) => {
        const subject = toSubject(collection.type, request.params.id);
        const csv = { name: `${collection.type}-attachments`, columns: attachmentCsvColumns };
        return pageOrCsv(reply, request.query, csv, async (cursor, limit) => {
          const { attachments: items, page } = await callUnary(
            attachments,
            attachments.listAttachments,
            { subject, page: { limit, cursor } },
            { caller: request.caller },
          );
          return collectionPage(items, page, toAttachmentResponse);
        });
      },
    });
  }

  app.get('/attachments/:id', {
    config: { access: { resource: 'attachments', action: 'read' } },
    schema: {
      tags: ['attachments'],
      summary: 'What a file is (name, type, size, checksum)',
      params: idParamsSchema,
      response: { 200: attachmentSchema, 404: problemSchema },
    },
    handler: async (request) => {
      const { attachment } = await callUnary(
        attachments,
        attachments.getAttachment,
        { id: request.params.id },
        { caller: request.caller },
      );
      return toAttachmentResponse(attachment);
    },
  });

  app.get('/attachments/:id/content', {
    config: { access: { resource: 'attachments', action: 'read' } },
    schema: {
      tags: ['attachments'],
      summary: 'Download a file',
      description:
        'Always a download (Content-Disposition: attachment), never rendered by the browser.',
      params: idParamsSchema,
      response: {
        200: z.unknown().describe("The file's bytes, in its own content type."),
        404: problemSchema,
      },
    },
    handler: async (request, reply) => {
      const { attachment } = await callUnary(
        attachments,
        attachments.getAttachment,
        { id: request.params.id },
        { caller: request.caller },
      );
      const metadata = toAttachmentResponse(attachment);
      if (!attachment?.objectKey) throw new Error('accounts service answered without objectKey');
      let download;
      try {
        download = await storage.get(attachment.objectKey);
      } catch (error) {
        if (!(error instanceof ObjectNotFoundError)) throw error;
        request.log.error({ attachmentId: metadata.id }, 'attachment content is missing');
        throw DomainError.notFound('The attachment content');
      }
      return (
        reply
          .header('content-type', metadata.contentType)
          .header('content-length', String(download.size))
          .header('content-disposition', attachmentDisposition(metadata.fileName))
          // Even a file a browser could render stays inert: no sniffing, no scripts, no origin.
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .send(download.body)
      );
    },
  });

  app.delete('/attachments/:id', {
    config: { access: { resource: 'attachments', action: 'delete' } },
    schema: {
      tags: ['attachments'],
      summary: 'Delete a file (uploaders their own; admins and managers any)',
      params: idParamsSchema,
      response: { 204: z.null(), 404: problemSchema },
    },
    handler: async (request, reply) => {
      const { objectKey } = await callUnary(
        attachments,
        attachments.deleteAttachment,
        { id: request.params.id },
        { caller: request.caller },
      );
      // The record is gone: the file is unreachable even if removing its bytes fails now.
      await discardObject(storage, objectKey, request.log);
      return reply.code(204).send(null);
    },
  });
};
