import { randomUUID } from 'node:crypto';
import type { ColumnMapping } from '@crm/proto/crm/accounts/v1/imports';
import { uuidv7 } from '@crm/db';
import type { ImportEntity, ImportJobRow, RowErrorRow } from './import-job.js';
import type { ImportSql, ImportTables, SqlClient } from './sql.js';

/** Every column of a job under the names `ImportJobRow` uses; timestamps as ISO 8601 text. */
export const JOB_COLUMNS = `"id", "entity", "status", "dry_run" as "dryRun", "file_name" as "fileName",
  "object_key" as "objectKey", "mapping", "total_rows" as "totalRows",
  "processed_rows" as "processedRows", "created_count" as "createdCount",
  "updated_count" as "updatedCount", "unchanged_count" as "unchangedCount",
  "error_count" as "errorCount", "undo_skipped_count" as "undoSkippedCount",
  "created_by" as "createdBy", "created_from" as "createdFrom", "undone_by" as "undoneBy",
  "undone_from" as "undoneFrom", to_json("created_at") #>> '{}' as "createdAt",
  to_json("finished_at") #>> '{}' as "finishedAt", "failure", "attempts"`;

/** How many row errors a job carries inline; the rest are paged through ListImportErrors. */
export const INLINE_ERRORS = 100;

export interface NewImportJob {
  entity: ImportEntity;
  dryRun: boolean;
  fileName: string;
  objectKey: string;
  mapping: ColumnMapping[];
  createdBy: string;
  createdFrom: string;
}

/** What one batch adds to a job's counters. */
export interface BatchProgress {
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: number;
}

export interface RowErrorInput {
  row: number;
  field: string;
  message: string;
}

/** A job a worker holds: `token` fences every write against a worker that lost the lease. */
export interface ClaimedJob {
  job: ImportJobRow;
  token: string;
}

export interface JobPageCursor {
  createdAt: string;
  id: string;
}

export interface ErrorPageCursor {
  row: number;
  seq: number;
}

/** Normalises what `pg` returns for a timestamp so cursors compare exactly. */
function iso(value: string): string {
  return new Date(value).toISOString();
}

export function withIsoTimes(job: ImportJobRow): ImportJobRow {
  return {
    ...job,
    createdAt: iso(job.createdAt),
    finishedAt: job.finishedAt === null ? null : iso(job.finishedAt),
  };
}

export class ImportJobRepository {
  private readonly t: ImportTables;

  constructor(private readonly sql: ImportSql) {
    this.t = sql.tables;
  }

  async insert(input: NewImportJob): Promise<ImportJobRow> {
    const [job] = await this.sql.rows<ImportJobRow>(
      `insert into ${this.t.jobs} ("id", "entity", "status", "dry_run", "file_name", "object_key",
         "mapping", "created_by", "created_from", "created_at")
       values ($1, $2, 'queued', $3, $4, $5, $6::jsonb, $7, $8, $9)
       returning ${JOB_COLUMNS}`,
      [
        uuidv7(),
        input.entity,
        input.dryRun,
        input.fileName,
        input.objectKey,
        JSON.stringify(input.mapping),
        input.createdBy,
        input.createdFrom,
        // Millisecond precision: what a protobuf timestamp and a page cursor carry back.
        new Date().toISOString(),
      ],
    );
    return withIsoTimes(job!);
  }

  async find(id: string): Promise<ImportJobRow | undefined> {
    const [job] = await this.sql.rows<ImportJobRow>(
      `select ${JOB_COLUMNS} from ${this.t.jobs} where "id" = $1`,
      [id],
    );
    return job && withIsoTimes(job);
  }

  /** Newest first; `createdBy` narrows to one person's jobs. Fetches one extra to detect a next page. */
  async list(options: {
    createdBy: string | undefined;
    after: JobPageCursor | undefined;
    limit: number;
  }): Promise<ImportJobRow[]> {
    const values: unknown[] = [options.limit + 1];
    const where: string[] = [];
    if (options.createdBy !== undefined) {
      values.push(options.createdBy);
      where.push(`"created_by" = $${values.length}`);
    }
    if (options.after) {
      values.push(options.after.createdAt, options.after.id);
      where.push(
        `("created_at", "id") < ($${values.length - 1}::timestamptz, $${values.length}::uuid)`,
      );
    }
    const rows = await this.sql.rows<ImportJobRow>(
      `select ${JOB_COLUMNS} from ${this.t.jobs}
       ${where.length > 0 ? `where ${where.join(' and ')}` : ''}
       order by "created_at" desc, "id" desc limit $1`,
      values,
    );
    return rows.map(withIsoTimes);
  }

  /** Row errors in row order, from after `after`; one extra to detect a next page. */
  async errors(
    jobId: string,
    options: { after?: ErrorPageCursor | undefined; limit: number },
  ): Promise<Array<RowErrorRow & { seq: number }>> {
    const values: unknown[] = [jobId, options.limit];
    let keyset = '';
    if (options.after) {
      values.push(options.after.row, options.after.seq);
      keyset = 'and ("row", "seq") > ($3, $4)';
    }
    return this.sql.rows(
      `select "row", "seq", "field", "message" from ${this.t.errors}
       where "job_id" = $1 ${keyset} order by "row", "seq" limit $2`,
      values,
    );
  }

  /**
   * Marks a finished import for undoing, if it may be: only once, only a real run, only when it
   * completed or stopped part-way (what it did commit is then taken back).
   */
  async requestUndo(
    id: string,
    by: { userId: string; address: string },
  ): Promise<ImportJobRow | undefined> {
    const [job] = await this.sql.rows<ImportJobRow>(
      `update ${this.t.jobs}
       set "status" = 'undoing', "undone_by" = $2, "undone_from" = $3, "finished_at" = null,
           "lease_owner" = null, "lease_expires_at" = null, "attempts" = 0
       where "id" = $1 and not "dry_run" and "status" in ('completed', 'failed')
       returning ${JOB_COLUMNS}`,
      [id, by.userId, by.address],
    );
    return job && withIsoTimes(job);
  }

  /**
   * Takes the oldest job that needs a worker: queued, or running/undoing without a live lease (its
   * worker stopped or died). `skip locked` keeps two replicas from taking the same job.
   */
  async claim(leaseMs: number): Promise<ClaimedJob | undefined> {
    const token = randomUUID();
    const [job] = await this.sql.rows<ImportJobRow>(
      `update ${this.t.jobs} j
       set "status" = case when j."status" = 'queued' then 'running' else j."status" end,
           "lease_owner" = $1, "lease_expires_at" = now() + make_interval(secs => $2),
           "started_at" = coalesce(j."started_at", now()), "attempts" = j."attempts" + 1
       where j."id" = (
         select "id" from ${this.t.jobs}
         where "status" = 'queued'
            or ("status" in ('running', 'undoing')
                and coalesce("lease_expires_at", '-infinity') < now())
         order by "created_at"
         limit 1
         for update skip locked)
       returning ${JOB_COLUMNS}`,
      [token, leaseMs / 1000],
    );
    return job ? { job: withIsoTimes(job), token } : undefined;
  }

  /** Extends the lease; false when another worker has taken the job over. */
  async renewLease(tx: SqlClient, claimed: ClaimedJob, leaseMs: number): Promise<boolean> {
    const { rowCount } = await tx.query(
      `update ${this.t.jobs} set "lease_expires_at" = now() + make_interval(secs => $3)
       where "id" = $1 and "lease_owner" = $2`,
      [claimed.job.id, claimed.token, leaseMs / 1000],
    );
    return rowCount === 1;
  }

  /**
   * Lets another worker (or this one after a restart) continue the job at once. A deliberate stop
   * does not count as an attempt; a failure does, so a job that keeps failing ends up failed.
   */
  async release(claimed: ClaimedJob, options: { countAttempt: boolean }): Promise<void> {
    await this.sql.rows(
      `update ${this.t.jobs}
       set "lease_owner" = null, "lease_expires_at" = null,
           "attempts" = case when $3 then "attempts" else 0 end
       where "id" = $1 and "lease_owner" = $2`,
      [claimed.job.id, claimed.token, options.countAttempt],
    );
  }

  /**
   * Adds a batch's counts and errors inside the batch's transaction, so the rows it wrote and the
   * progress that says so commit together; false (and nothing may commit) if the lease is lost.
   */
  async recordBatch(
    tx: SqlClient,
    claimed: ClaimedJob,
    progress: BatchProgress,
    errors: readonly RowErrorInput[],
    leaseMs: number,
  ): Promise<boolean> {
    const { rowCount } = await tx.query(
      `update ${this.t.jobs}
       set "processed_rows" = "processed_rows" + $3, "created_count" = "created_count" + $4,
           "updated_count" = "updated_count" + $5, "unchanged_count" = "unchanged_count" + $6,
           "error_count" = "error_count" + $7,
           "lease_expires_at" = now() + make_interval(secs => $8)
       where "id" = $1 and "lease_owner" = $2`,
      [
        claimed.job.id,
        claimed.token,
        progress.processed,
        progress.created,
        progress.updated,
        progress.unchanged,
        progress.errors,
        leaseMs / 1000,
      ],
    );
    if (rowCount !== 1) return false;
    if (errors.length > 0) await this.insertErrors(tx, claimed.job.id, errors);
    return true;
  }

  /** Counts rows (several errors of one row get consecutive `seq`s) with one statement. */
  private async insertErrors(
    tx: SqlClient,
    jobId: string,
    errors: readonly RowErrorInput[],
  ): Promise<void> {
    const seqs: number[] = [];
    let previousRow = -1;
    let seq = 0;
    for (const error of errors) {
      seq = error.row === previousRow ? seq + 1 : 0;
      previousRow = error.row;
      seqs.push(seq);
    }
    await tx.query(
      `insert into ${this.t.errors} ("job_id", "row", "seq", "field", "message")
       select $1, e.row, e.seq, e.field, e.message
       from unnest($2::bigint[], $3::int[], $4::text[], $5::text[]) as e(row, seq, field, message)`,
      [
        jobId,
        errors.map((error) => error.row),
        seqs,
        errors.map((error) => error.field),
        errors.map((error) => error.message),
      ],
    );
  }

  /** Adds records an undo batch could not revert. */
  async recordUndoBatch(
    tx: SqlClient,
    claimed: ClaimedJob,
    skipped: number,
    leaseMs: number,
  ): Promise<boolean> {
    const { rowCount } = await tx.query(
      `update ${this.t.jobs}
       set "undo_skipped_count" = "undo_skipped_count" + $3,
           "lease_expires_at" = now() + make_interval(secs => $4)
       where "id" = $1 and "lease_owner" = $2`,
      [claimed.job.id, claimed.token, skipped, leaseMs / 1000],
    );
    return rowCount === 1;
  }

  /** Ends a job as failed, keeping what its committed batches did (an undo can take it back). */
  async fail(claimed: ClaimedJob, failure: string): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await tx.query(
        `update ${this.t.jobs}
         set "status" = 'failed', "failure" = $3, "finished_at" = now(),
             "lease_owner" = null, "lease_expires_at" = null
         where "id" = $1 and "lease_owner" = $2`,
        [claimed.job.id, claimed.token, failure],
      );
      await tx.query(`delete from ${this.t.marks} where "job_id" = $1`, [claimed.job.id]);
    });
  }

  /** The first row errors of a job, to return with it. */
  async firstErrors(jobId: string): Promise<RowErrorRow[]> {
    return this.errors(jobId, { limit: INLINE_ERRORS });
  }
}
