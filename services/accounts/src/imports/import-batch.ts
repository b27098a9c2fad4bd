import type { FieldChange } from '../domain/index.js';
import type { BatchOutcome, UndoOutcome } from './entity-importer.js';
import type { RowErrorInput } from './import-job-repository.js';
import type { ImportJobRow } from './import-job.js';
import {
  addMarks,
  appendImported,
  changedEarlier,
  idMark,
  logCreated,
  logPrevious,
  markedEarlier,
  recordsJson,
  recordType,
  RepeatGuard,
  type BulkColumn,
  type Touched,
} from './import-log.js';
import { rowErrorsOf } from './import-rows.js';
import type { ImportTables, SqlClient } from './sql.js';
import { undoChanges, type UndoTarget } from './undo.js';

/** A record a batch creates or updates: the row it came from, the version read, its fields. */
export interface RecordWrite<Fields> {
  id: string;
  row: number;
  version: number;
  fields: Fields;
  changes: FieldChange[];
}

/**
 * `step` of each row, in order; a row whose step fails validation is left out of the result and
 * its errors are added to `errors`.
 */
export function eachRow<Row extends { row: number }, Result>(
  rows: readonly Row[],
  errors: RowErrorInput[],
  step: (row: Row) => Result,
): Result[] {
  const results: Result[] = [];
  for (const row of rows) {
    try {
      results.push(step(row));
    } catch (error) {
      errors.push(...rowErrorsOf(row.row, error));
    }
  }
  return results;
}

/**
 * What a batch decides, row by row, before anything is written: the records to create and to
 * update, the rows that change nothing, and the marks that let later rows (and batches) see which
 * row already named a record.
 */
export class BatchPlan<Fields> {
  readonly created: Array<RecordWrite<Fields>> = [];
  readonly updated: Array<RecordWrite<Fields>> = [];
  readonly marks: Array<{ mark: string; row: number }> = [];
  unchanged = 0;

  constructor(private readonly guard: RepeatGuard) {}

  /** The earlier row of the file that already named a record by one of `marks`. */
  earlierRow(marks: readonly string[]): number | undefined {
    return this.guard.firstRow(marks);
  }

  add(write: RecordWrite<Fields>, kind: 'created' | 'updated', marks: readonly string[]): void {
    this.guard.add(marks, write.row);
    this.marks.push(...marks.map((mark) => ({ mark, row: write.row })));
    this[kind].push(write);
  }
}

/** The table an entity's import writes, with its writable columns as bulk statements fill them. */
export interface ImportTargetTable<Fields> {
  table: string;
  subjectType: 'account' | 'contact';
  columns: ReadonlyArray<BulkColumn<Fields>>;
}

/**
 * The steps of an import batch that do not depend on the entity: finding which rows of the file
 * already named a record, writing a plan in bulk with its undo log and timeline entries (or, for
 * a dry run, its marks), and undoing.
 */
export class ImportTarget<Fields> {
  private readonly writeColumns: ReadonlyArray<BulkColumn<RecordWrite<Fields>>>;
  private readonly columnList: string;

  constructor(
    private readonly tables: ImportTables,
    private readonly target: ImportTargetTable<Fields>,
  ) {
    this.writeColumns = [
      { column: 'id', type: 'uuid', value: (w) => w.id },
      { column: 'version', type: 'integer', value: (w) => w.version },
      ...target.columns.map((c) => ({
        ...c,
        value: (w: RecordWrite<Fields>) => c.value(w.fields),
      })),
    ];
    this.columnList = target.columns.map((c) => `"${c.column}"`).join(', ');
  }

  /**
   * A plan that knows the rows of earlier batches: in a dry run by the marks they left
   * (`candidates`, a superset of what rows of this batch may leave, and the ids of `existing`),
   * in a real run by the changes they logged to `existing`.
   */
  async plan(
    tx: SqlClient,
    job: ImportJobRow,
    candidates: readonly string[],
    existing: ReadonlyArray<{ id: string }>,
  ): Promise<BatchPlan<Fields>> {
    const ids = existing.map((record) => record.id);
    const earlier = job.dryRun
      ? await markedEarlier(tx, this.tables, job, [...candidates, ...ids.map(idMark)])
      : await changedEarlier(tx, this.tables, job, ids);
    return new BatchPlan(new RepeatGuard(earlier));
  }

  /** Carries out the plan (a dry run only notes its marks) and counts the batch. */
  async finish(
    tx: SqlClient,
    job: ImportJobRow,
    rows: number,
    plan: BatchPlan<Fields>,
    errors: RowErrorInput[],
  ): Promise<BatchOutcome> {
    if (job.dryRun) await addMarks(tx, this.tables, job, plan.marks);
    else await this.write(tx, job, plan);
    return {
      progress: {
        processed: rows,
        created: plan.created.length,
        updated: plan.updated.length,
        unchanged: plan.unchanged,
        errors: new Set(errors.map((e) => e.row)).size,
      },
      errors,
    };
  }

  /** Reverts up to `limit` of the job's changes; `conditions` say which records must stay. */
  undo(
    tx: SqlClient,
    job: ImportJobRow,
    limit: number,
    conditions: Pick<UndoTarget, 'deletable' | 'restorable'>,
  ): Promise<UndoOutcome> {
    return undoChanges(tx, this.tables, job, limit, {
      table: this.target.table,
      subjectType: this.target.subjectType,
      columns: this.target.columns.map((c) => c.column),
      ...conditions,
    });
  }

  private async write(tx: SqlClient, job: ImportJobRow, plan: BatchPlan<Fields>): Promise<void> {
    const { table, subjectType } = this.target;
    const { created, updated } = plan;
    const touched = (writes: ReadonlyArray<RecordWrite<Fields>>): Touched[] =>
      writes.map(({ id, row }) => ({ id, row }));
    const recordset = `jsonb_to_recordset($1::jsonb) as v(${recordType(this.writeColumns)})`;
    if (updated.length > 0) {
      await logPrevious(tx, this.tables, table, job, touched(updated));
      const values = this.target.columns.map((c) => `v."${c.column}"`).join(', ');
      const { rowCount } = await tx.query(
        `update ${table} t
         set (${this.columnList}) = (${values}), "version" = t."version" + 1, "updated_at" = now()
         from ${recordset}
         where t."id" = v."id" and t."version" = v."version"`,
        [recordsJson(updated, this.writeColumns)],
      );
      // The rows were locked when read, so every one must still be at the version read.
      if (rowCount !== updated.length)
        throw new Error(`${subjectType}s changed under an import batch`);
    }
    if (created.length > 0) {
      await tx.query(
        `insert into ${table} ("id", ${this.columnList})
         select "id", ${this.columnList} from ${recordset}`,
        [recordsJson(created, this.writeColumns)],
      );
      await logCreated(tx, this.tables, job, touched(created));
    }
    await appendImported(
      tx,
      this.tables,
      job,
      subjectType,
      [...created, ...updated].map(({ id, row, changes }) => ({ id, row, changes })),
    );
  }
}
