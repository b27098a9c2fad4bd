import type { BatchProgress, RowErrorInput } from './import-job-repository.js';
import type { ImportJobRow } from './import-job.js';
import type { SqlClient } from './sql.js';

/** One data row of the file: its 1-based number and the text of each mapped field. */
export interface ImportRow {
  row: number;
  cells: Readonly<Record<string, string>>;
}

export interface BatchOutcome {
  progress: BatchProgress;
  errors: RowErrorInput[];
}

/** What an undo batch did: how many changes it looked at and how many it had to leave. */
export interface UndoOutcome {
  handled: number;
  skipped: number;
}

/** The entity-specific half of an import: accounts and contacts each have one. */
export interface EntityImporter {
  /**
   * Validates and matches `rows`, and unless the job is a dry run writes them and their undo log,
   * all inside `tx`. Row problems become errors; a thrown data error means a row the checks let
   * through was refused by the database.
   */
  importBatch(tx: SqlClient, job: ImportJobRow, rows: readonly ImportRow[]): Promise<BatchOutcome>;
  /** Reverts up to `limit` of the job's remaining changes inside `tx`, and forgets them. */
  undoBatch(tx: SqlClient, job: ImportJobRow, limit: number): Promise<UndoOutcome>;
}
