import { z } from 'zod';
import { int64Schema, parseWith, timestampSchema } from './decode.js';
import { apiRequest } from './http.js';
import { pageSchema, type Page } from './page.js';

export const IMPORT_ENTITIES = ['accounts', 'contacts'] as const;
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];

export const IMPORT_STATUSES = [
  'queued',
  'running',
  'completed',
  'failed',
  'undoing',
  'undone',
] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** Statuses after which a job no longer changes by itself. */
const SETTLED_STATUSES: ReadonlySet<ImportStatus> = new Set(['completed', 'failed', 'undone']);

export function isSettled(status: ImportStatus): boolean {
  return SETTLED_STATUSES.has(status);
}

const columnMappingSchema = z.object({ column: z.string(), field: z.string() });
/** Which CSV column fills which field (the HTTP API's field names). */
export type ColumnMapping = z.output<typeof columnMappingSchema>;

const importRowErrorSchema = z.object({
  /** 1-based data row (the header is row 0). */
  row: int64Schema,
  /** The field at fault; null (or empty) for the row as a whole. */
  field: z.string().nullable(),
  message: z.string(),
});
export type ImportRowError = z.output<typeof importRowErrorSchema>;

export const importJobSchema = z.object({
  id: z.string(),
  entity: z.enum(IMPORT_ENTITIES),
  status: z.enum(IMPORT_STATUSES),
  dryRun: z.boolean(),
  fileName: z.string(),
  mapping: z.array(columnMappingSchema),
  /** Known once the whole file has been read. */
  totalRows: int64Schema,
  processedRows: int64Schema,
  createdCount: int64Schema,
  updatedCount: int64Schema,
  errorCount: int64Schema,
  unchangedCount: int64Schema,
  createdBy: z.string(),
  createdAt: timestampSchema,
  // Unset until the job ends: absent or null, depending on how the gateway writes an unset field.
  finishedAt: timestampSchema.nullish().transform((value) => value ?? null),
  /** Why a failed job stopped. */
  failure: z.string().nullable(),
  /** For an undone job: records kept because they changed after the import. */
  undoSkippedCount: int64Schema,
  /** The first row errors; the rest through listImportErrors. */
  errors: z.array(importRowErrorSchema),
});
export type ImportJob = z.output<typeof importJobSchema>;

const importJobPageSchema = pageSchema(importJobSchema);
const importErrorPageSchema = pageSchema(importRowErrorSchema);

export const importPreviewSchema = z.object({
  columns: z.array(z.string()),
  /** The first rows, cell by cell in column order. */
  sampleRows: z.array(z.array(z.string())),
  suggestedMapping: z.array(columnMappingSchema),
});
export type ImportPreview = z.output<typeof importPreviewSchema>;

function importPath(id: string): string {
  return `/imports/${encodeURIComponent(id)}`;
}

/** Reads the file's header and first rows and suggests which field each column fills. */
export async function previewImport(entity: ImportEntity, file: File): Promise<ImportPreview> {
  const form = new FormData();
  form.append('entity', entity);
  form.append('file', file, file.name);
  const body = await apiRequest('/imports/preview', { method: 'POST', form });
  return parseWith(importPreviewSchema, body, 'import preview');
}

export interface StartImportInput {
  readonly entity: ImportEntity;
  readonly file: File;
  readonly mapping: readonly ColumnMapping[];
  /** Validates and counts what would happen, changing nothing. */
  readonly dryRun: boolean;
}

/** Queues the job and answers at once; follow it with getImport. */
export async function startImport(input: StartImportInput): Promise<ImportJob> {
  const form = new FormData();
  form.append('entity', input.entity);
  form.append('mapping', JSON.stringify(input.mapping));
  form.append('dryRun', String(input.dryRun));
  // The file goes last: the gateway can read the fields before streaming the file to storage.
  form.append('file', input.file, input.file.name);
  const body = await apiRequest('/imports', { method: 'POST', form });
  return parseWith(importJobSchema, body, 'import job');
}

export async function getImport(id: string, signal?: AbortSignal): Promise<ImportJob> {
  return parseWith(importJobSchema, await apiRequest(importPath(id), { signal }), 'import job');
}

export async function listImports(
  params: { readonly cursor?: string | null; readonly limit?: number },
  signal?: AbortSignal,
): Promise<Page<ImportJob>> {
  const body = await apiRequest('/imports', {
    query: { cursor: params.cursor, limit: params.limit },
    signal,
  });
  return parseWith(importJobPageSchema, body, 'imports page');
}

export async function listImportErrors(
  id: string,
  params: { readonly cursor?: string | null; readonly limit?: number },
  signal?: AbortSignal,
): Promise<Page<ImportRowError>> {
  const body = await apiRequest(`${importPath(id)}/errors`, {
    query: { cursor: params.cursor, limit: params.limit },
    signal,
  });
  return parseWith(importErrorPageSchema, body, 'import errors page');
}

/** Starts reverting a completed import; the job answers with status `undoing`. */
export async function undoImport(id: string): Promise<ImportJob> {
  const body = await apiRequest(`${importPath(id)}/undo`, { method: 'POST' });
  return parseWith(importJobSchema, body, 'import job');
}
