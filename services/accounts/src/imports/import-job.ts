import {
  ImportStatus,
  type ColumnMapping,
  type ImportJob,
  type ImportRowError,
} from '@crm/proto/crm/accounts/v1/imports';
import { SubjectType } from '@crm/proto/crm/accounts/v1/timeline';

export type ImportEntity = 'accounts' | 'contacts';
export type ImportJobStatus = 'queued' | 'running' | 'completed' | 'failed' | 'undoing' | 'undone';

/** A job as the repository reads it; counters are int8, which `pg` hands over as strings. */
export interface ImportJobRow {
  id: string;
  entity: ImportEntity;
  status: ImportJobStatus;
  dryRun: boolean;
  fileName: string;
  objectKey: string;
  mapping: ColumnMapping[];
  totalRows: string;
  processedRows: string;
  createdCount: string;
  updatedCount: string;
  unchangedCount: string;
  errorCount: string;
  undoSkippedCount: string;
  createdBy: string;
  createdFrom: string;
  undoneBy: string | null;
  undoneFrom: string | null;
  /** ISO 8601. */
  createdAt: string;
  finishedAt: string | null;
  failure: string;
  attempts: number;
}

export interface RowErrorRow {
  row: string;
  field: string;
  message: string;
}

const statuses: Record<ImportJobStatus, ImportStatus> = {
  queued: ImportStatus.IMPORT_STATUS_QUEUED,
  running: ImportStatus.IMPORT_STATUS_RUNNING,
  completed: ImportStatus.IMPORT_STATUS_COMPLETED,
  failed: ImportStatus.IMPORT_STATUS_FAILED,
  undoing: ImportStatus.IMPORT_STATUS_UNDOING,
  undone: ImportStatus.IMPORT_STATUS_UNDONE,
};

export function entityOf(subject: SubjectType): ImportEntity | undefined {
  if (subject === SubjectType.SUBJECT_TYPE_ACCOUNT) return 'accounts';
  if (subject === SubjectType.SUBJECT_TYPE_CONTACT) return 'contacts';
  return undefined;
}

export function toImportJobMessage(job: ImportJobRow, errors: readonly RowErrorRow[]): ImportJob {
  return {
    id: job.id,
    entity:
      job.entity === 'accounts'
        ? SubjectType.SUBJECT_TYPE_ACCOUNT
        : SubjectType.SUBJECT_TYPE_CONTACT,
    status: statuses[job.status],
    dryRun: job.dryRun,
    fileName: job.fileName,
    mapping: job.mapping.map(({ column, field }) => ({ column, field })),
    totalRows: job.totalRows,
    processedRows: job.processedRows,
    createdCount: job.createdCount,
    updatedCount: job.updatedCount,
    errorCount: job.errorCount,
    unchangedCount: job.unchangedCount,
    createdBy: job.createdBy,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt ?? undefined,
    failure: job.failure,
    undoSkippedCount: job.undoSkippedCount,
    errors: errors.map(toRowErrorMessage),
  };
}

export function toRowErrorMessage(error: RowErrorRow): ImportRowError {
  return { row: error.row, field: error.field, message: error.message };
}
