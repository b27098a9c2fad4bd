import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DomainError } from '@crm/errors';
import { callUnary } from '@crm/grpc';
import type { ObjectStorage } from '@crm/object-storage';
import type { ImportsServiceClient } from '@crm/proto/crm/accounts/v1/imports';
import { collectionPage, pageOrCsv } from '../http/csv-collection.js';
import { readCsvHead } from '../http/csv-head.js';
import {
  checkedFileContent,
  parseFormFields,
  readForm,
  registerUpload,
  storeUpload,
  streamedFormValidator,
} from '../http/multipart-form.js';
import { problemSchema } from '../http/problem-schema.js';
import { idParamsSchema } from '../http/query-schemas.js';
import { csvContentTypes } from '../http/upload-content.js';
import {
  importCsvColumns,
  importEntities,
  importErrorCsvColumns,
  importErrorListSchema,
  importErrorsQuerySchema,
  importFormFieldsSchema,
  importJobSchema,
  importListQuerySchema,
  importListSchema,
  importPreviewSchema,
  importUploadSchema,
  previewFormFieldsSchema,
  previewUploadSchema,
  toImportJobResponse,
  toImportRowErrorResponse,
} from './import-schemas.js';

export interface ImportsRoutesOptions {
  imports: ImportsServiceClient;
  storage: ObjectStorage;
  /** Largest CSV file accepted (413 beyond). */
  maxBytes: number;
}

/** The service reads uploads only under this prefix. */
const IMPORT_PREFIX = 'imports/';
/** A preview shows the header and this many rows. */
const PREVIEW_ROWS = 5;
/** How far a preview reads into the file at most. */
const PREVIEW_MAX_BYTES = 1_048_576;

/** CSV imports of accounts and contacts: background jobs that can be watched and undone. */
export const importsRoutes: FastifyPluginAsyncZod<ImportsRoutesOptions> = async (
  app,
  { imports, storage, maxBytes },
) => {
  app.post('/imports', {
    config: { access: { resource: 'imports', action: 'create' } },
    validatorCompiler: streamedFormValidator,
    schema: {
      tags: ['imports'],
      summary: 'Start importing a CSV file of accounts or contacts',
      description: `multipart/form-data: the file (at most ${maxBytes} bytes) in a part named \`file\`, and the fields \`entity\`, \`mapping\` and \`dryRun\`. Answers at once with the queued job; poll GET /imports/{id} for progress.`,
      consumes: ['multipart/form-data'],
      body: importUploadSchema,
      response: {
        202: importJobSchema,
        400: problemSchema,
        413: problemSchema,
        415: problemSchema,
      },
    },
    handler: async (request, reply) => {
      const key = `${IMPORT_PREFIX}${randomUUID()}.csv`;
      const { file, fields } = await storeUpload(request, {
        storage,
        key,
        maxBytes,
        allowedTypes: csvContentTypes,
      });
      const { job } = await registerUpload(request, storage, key, async () => {
        const form = parseFormFields(importFormFieldsSchema, fields);
        return callUnary(
          imports,
          imports.startImport,
          {
            entity: importEntities.toMessage(form.entity),
            objectKey: key,
            fileName: file.fileName,
            mapping: form.mapping ?? [],
            dryRun: form.dryRun ?? false,
          },
          { caller: request.caller },
        );
      });
      const body = toImportJobResponse(job);
      return reply.code(202).header('location', `/api/v1/imports/${body.id}`).send(body);
    },
  });

  app.post('/imports/preview', {
    config: { access: { resource: 'imports', action: 'create' } },
    validatorCompiler: streamedFormValidator,
    schema: {
      tags: ['imports'],
      summary: 'The columns and first rows of a CSV file, with a suggested mapping',
      description:
        'multipart/form-data with the file in `file` and `entity`. Only the head of the file is read and nothing is kept; sending just the first few KiB is enough.',
      consumes: ['multipart/form-data'],
      body: previewUploadSchema,
      response: {
        200: importPreviewSchema,
        400: problemSchema,
        413: problemSchema,
        415: problemSchema,
      },
    },
    handler: async (request) => {
      const { file: records, fields } = await readForm(
        request,
        { maxFileBytes: maxBytes },
        async (part) => {
          const { body } = await checkedFileContent(part, csvContentTypes);
          const head = await readCsvHead(body, {
            maxRecords: PREVIEW_ROWS + 1,
            maxBytes: PREVIEW_MAX_BYTES,
          });
          // The rest of the file is not needed, only read past.
          body.resume();
          return head;
        },
      );
      const { entity } = parseFormFields(previewFormFieldsSchema, fields);
      const [columns, ...sampleRows] = records;
      if (!columns) {
        throw DomainError.validation([{ path: '/file', message: 'needs a header line' }]);
      }
      // The importer knows its fields and their usual spellings; it suggests, the user decides.
      const { mapping, fields: importable } = await callUnary(
        imports,
        imports.suggestImportMapping,
        { entity: importEntities.toMessage(entity), columns },
        { caller: request.caller },
      );
      return { columns, sampleRows, suggestedMapping: mapping, fields: importable };
    },
  });

  app.get('/imports', {
    config: { access: { resource: 'imports', action: 'read' } },
    schema: {
      tags: ['imports'],
      summary: 'Import jobs, newest first (admins all, managers their own)',
      querystring: importListQuerySchema,
      response: { 200: importListSchema, 400: problemSchema },
    },
    handler: async (request, reply) => {
      const csv = { name: 'imports', columns: importCsvColumns };
      return pageOrCsv(reply, request.query, csv, async (cursor, limit) => {
        const { jobs, page } = await callUnary(
          imports,
          imports.listImports,
          { page: { limit, cursor } },
          { caller: request.caller },
        );
        return collectionPage(jobs, page, toImportJobResponse);
      });
    },
  });

  app.get('/imports/:id', {
    config: { access: { resource: 'imports', action: 'read' } },
    schema: {
      tags: ['imports'],
      summary: 'One import job, with its progress',
      params: idParamsSchema,
      response: { 200: importJobSchema, 404: problemSchema },
    },
    handler: async (request) => {
      const { job } = await callUnary(
        imports,
        imports.getImport,
        { id: request.params.id },
        { caller: request.caller },
      );
      return toImportJobResponse(job);
    },
  });

  app.get('/imports/:id/errors', {
    config: { access: { resource: 'imports', action: 'read' } },
    schema: {
      tags: ['imports'],
      summary: 'The rows an import left out, and why, in row order',
      params: idParamsSchema,
      querystring: importErrorsQuerySchema,
      response: { 200: importErrorListSchema, 400: problemSchema, 404: problemSchema },
    },
    handler: async (request, reply) => {
      const csv = { name: 'import-errors', columns: importErrorCsvColumns };
      return pageOrCsv(reply, request.query, csv, async (cursor, limit) => {
        const { errors, page } = await callUnary(
          imports,
          imports.listImportErrors,
          { id: request.params.id, page: { limit, cursor } },
          { caller: request.caller },
        );
        return collectionPage(errors, page, toImportRowErrorResponse);
      });
    },
  });

  app.post('/imports/:id/undo', {
    config: { access: { resource: 'imports', action: 'undo' } },
    schema: {
      tags: ['imports'],
      summary: 'Undo a completed import',
      description:
        'Records it created are deleted and records it updated get their previous values back, except those changed since (counted in `undoSkippedCount`). Runs in the background.',
      params: idParamsSchema,
      response: { 202: importJobSchema, 404: problemSchema, 409: problemSchema },
    },
    handler: async (request, reply) => {
      const { job } = await callUnary(
        imports,
        imports.undoImport,
        { id: request.params.id },
        { caller: request.caller },
      );
      return reply.code(202).send(toImportJobResponse(job));
    },
  });
};
