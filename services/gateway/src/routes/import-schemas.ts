import { z } from 'zod';
import type { CsvColumn } from '@crm/csv';
import {
  ImportStatus,
  type ImportJob as ImportJobMessage,
  type ImportRowError,
} from '@crm/proto/crm/accounts/v1/imports';
import { SubjectType } from '@crm/proto/crm/accounts/v1/timeline';
import { pageQuery, pageSchema } from '../http/query-schemas.js';
import {
  enumMapping,
  int64ToNumber,
  requiredEnum,
  requiredMessage,
  requiredTimestamp,
} from '../http/wire-values.js';

export const importStatuses = enumMapping([
  ['queued', ImportStatus.IMPORT_STATUS_QUEUED],
  ['running', ImportStatus.IMPORT_STATUS_RUNNING],
  ['completed', ImportStatus.IMPORT_STATUS_COMPLETED],
  ['failed', ImportStatus.IMPORT_STATUS_FAILED],
  ['undoing', ImportStatus.IMPORT_STATUS_UNDOING],
  ['undone', ImportStatus.IMPORT_STATUS_UNDONE],
]);

/** What an import creates or updates; the proto names it by the subject type. */
export const importEntities = enumMapping([
  ['accounts', SubjectType.SUBJECT_TYPE_ACCOUNT],
  ['contacts', SubjectType.SUBJECT_TYPE_CONTACT],
]);

export type ImportEntityName = (typeof importEntities.values)[number];

const columnMappingSchema = z
  .object({
    column: z.string().max(200).describe('A header of the file.'),
    field: z
      .string()
      .max(50)
      .describe('The field it fills (as the JSON names it); empty to leave the column out.'),
  })
  .meta({ id: 'ColumnMapping' });

export const importRowErrorSchema = z
  .object({
    row: z.number().int().describe('1-based data row (the header is row 0).'),
    field: z.string().nullable().describe('The field at fault; `null` for the row as a whole.'),
    message: z.string(),
  })
  .meta({ id: 'ImportRowError' });

export const importJobSchema = z
  .object({
    id: z.string(),
    entity: z.enum(importEntities.values),
    status: z.enum(importStatuses.values),
    dryRun: z.boolean().describe('Counted what would happen without changing anything.'),
    fileName: z.string(),
    mapping: z.array(columnMappingSchema),
    totalRows: z.number().int().describe('Known once the file has been read to the end.'),
    processedRows: z.number().int(),
    createdCount: z.number().int(),
    updatedCount: z.number().int(),
    errorCount: z.number().int().describe('Rows left out because of errors.'),
    unchangedCount: z.number().int().describe('Rows matching an existing record exactly.'),
    createdBy: z.string(),
    createdAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
    failure: z.string().nullable().describe('Why a failed job stopped.'),
    undoSkippedCount: z
      .number()
      .int()
      .describe('For an undone job: records kept because they changed after the import.'),
    errors: z.array(importRowErrorSchema).describe('The first row errors (up to 100).'),
  })
  .meta({ id: 'ImportJob' });

export type ImportJobResponse = z.output<typeof importJobSchema>;
type ImportRowErrorResponse = z.output<typeof importRowErrorSchema>;

export const importListQuerySchema = z.strictObject({ ...pageQuery });
export const importErrorsQuerySchema = z.strictObject({ ...pageQuery });
export const importListSchema = pageSchema(importJobSchema).meta({ id: 'ImportJobList' });
export const importErrorListSchema = pageSchema(importRowErrorSchema).meta({
  id: 'ImportRowErrorList',
});

const entityField = z.enum(importEntities.values).describe('What the rows are.');

/** `mapping` arrives as JSON text in a form field. */
const mappingField = z
  .string()
  .transform((text, context) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      context.addIssue({ code: 'custom', message: 'must be JSON: [{"column", "field"}]' });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .array(z.strictObject({ column: z.string().min(1).max(200), field: z.string().max(50) }))
      .max(200),
  );

/** The text fields of POST /imports. */
export const importFormFieldsSchema = z.strictObject({
  entity: entityField,
  mapping: mappingField.optional(),
  dryRun: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
});

/** The text fields of POST /imports/preview. */
export const previewFormFieldsSchema = z.strictObject({ entity: entityField });

/** The forms, for OpenAPI: the requests themselves are read as streams. */
export const importUploadSchema = z
  .object({
    file: z.string().meta({ format: 'binary' }).describe('The CSV file (UTF-8).'),
    entity: entityField,
    mapping: z
      .string()
      .optional()
      .describe(
        'JSON text `[{"column", "field"}]`; without it, columns named like fields (as exports name them) map to those fields.',
      ),
    dryRun: z
      .enum(['true', 'false'])
      .optional()
      .describe('`true` counts what would happen without changing anything.'),
  })
  .meta({ id: 'ImportUpload' });

export const previewUploadSchema = z
  .object({
    file: z.string().meta({ format: 'binary' }).describe('The CSV file; only its head is read.'),
    entity: entityField,
  })
  .meta({ id: 'ImportPreviewUpload' });

export const importPreviewSchema = z
  .object({
    columns: z.array(z.string()).describe('The header line.'),
    sampleRows: z.array(z.array(z.string())).describe('The first rows (at most 5).'),
    suggestedMapping: z
      .array(columnMappingSchema)
      .describe('Columns whose header names a field (or a usual spelling of one).'),
    fields: z.array(z.string()).describe('Every field an import of this entity can fill.'),
  })
  .meta({ id: 'ImportPreview' });

export const importCsvColumns: ReadonlyArray<CsvColumn<ImportJobResponse>> = [
  { header: 'id', value: (job) => job.id },
  { header: 'entity', value: (job) => job.entity },
  { header: 'status', value: (job) => job.status },
  { header: 'dryRun', value: (job) => job.dryRun },
  { header: 'fileName', value: (job) => job.fileName },
  { header: 'totalRows', value: (job) => job.totalRows },
  { header: 'processedRows', value: (job) => job.processedRows },
  { header: 'createdCount', value: (job) => job.createdCount },
  { header: 'updatedCount', value: (job) => job.updatedCount },
  { header: 'unchangedCount', value: (job) => job.unchangedCount },
  { header: 'errorCount', value: (job) => job.errorCount },
  { header: 'undoSkippedCount', value: (job) => job.undoSkippedCount },
  { header: 'createdBy', value: (job) => job.createdBy },
  { header: 'createdAt', value: (job) => job.createdAt },
  { header: 'finishedAt', value: (job) => job.finishedAt },
  { header: 'failure', value: (job) => job.failure },
];

export const importErrorCsvColumns: ReadonlyArray<CsvColumn<ImportRowErrorResponse>> = [
  { header: 'row', value: (error) => error.row },
  { header: 'field', value: (error) => error.field },
  { header: 'message', value: (error) => error.message },
];

export function toImportRowErrorResponse(error: ImportRowError): ImportRowErrorResponse {
  return {
    row: int64ToNumber(error.row, 'row'),
    field: error.field || null,
    message: error.message,
  };
}

export function toImportJobResponse(job: ImportJobMessage | undefined): ImportJobResponse {
  const message = requiredMessage(job, 'an import job');
  return {
    id: message.id,
    entity: requiredEnum(importEntities, message.entity, 'import entity'),
    status: requiredEnum(importStatuses, message.status, 'import status'),
    dryRun: message.dryRun,
    fileName: message.fileName,
    mapping: message.mapping.map(({ column, field }) => ({ column, field })),
    totalRows: int64ToNumber(message.totalRows, 'totalRows'),
    processedRows: int64ToNumber(message.processedRows, 'processedRows'),
    createdCount: int64ToNumber(message.createdCount, 'createdCount'),
    updatedCount: int64ToNumber(message.updatedCount, 'updatedCount'),
    errorCount: int64ToNumber(message.errorCount, 'errorCount'),
    unchangedCount: int64ToNumber(message.unchangedCount, 'unchangedCount'),
    createdBy: message.createdBy,
    createdAt: requiredTimestamp(message.createdAt, 'createdAt'),
    finishedAt: message.finishedAt ?? null,
    failure: message.failure || null,
    undoSkippedCount: int64ToNumber(message.undoSkippedCount, 'undoSkippedCount'),
    errors: message.errors.map(toImportRowErrorResponse),
  };
}
