import { enqueueOutboxMessage, type Orm } from '@crm/db';
import { encodeImportFinished, importSubjects } from './import-events.js';
import { toImportJobMessage, type ImportJobRow, type RowErrorRow } from './import-job.js';
import {
  INLINE_ERRORS,
  JOB_COLUMNS,
  withIsoTimes,
  type ClaimedJob,
} from './import-job-repository.js';
import type { ImportTables } from './sql.js';

/**
 * Ends a job (`completed` after an import, `undone` after an undo) and enqueues its ImportFinished
 * event in the same transaction, through the ORM that owns the outbox. Undefined when the lease
 * was lost: the worker that holds it now finishes the job.
 */
export async function finishJob(
  orm: Orm,
  tables: ImportTables,
  claimed: ClaimedJob,
  outcome: { status: 'completed'; totalRows: number } | { status: 'undone' },
): Promise<ImportJobRow | undefined> {
  return orm.em.fork().transactional(async (em) => {
    const [row] = await em.execute<ImportJobRow[]>(
      `update ${tables.jobs}
       set "status" = ?, "total_rows" = coalesce(?, "total_rows"), "finished_at" = now(),
           "lease_owner" = null, "lease_expires_at" = null
       where "id" = ? and "lease_owner" = ?
       returning ${JOB_COLUMNS}`,
      [
        outcome.status,
        outcome.status === 'completed' ? outcome.totalRows : null,
        claimed.job.id,
        claimed.token,
      ],
    );
    if (!row) return undefined;
    const job = withIsoTimes(row);
    // A dry run's marks only served to spot repeated records while it ran.
    await em.execute(`delete from ${tables.marks} where "job_id" = ?`, [job.id]);
    const errors = await em.execute<RowErrorRow[]>(
      `select "row", "field", "message" from ${tables.errors}
       where "job_id" = ? order by "row", "seq" limit ?`,
      [job.id, INLINE_ERRORS],
    );
    const undone = outcome.status === 'undone';
    const event = encodeImportFinished(toImportJobMessage(job, errors.map(textRow)), {
      userId: (undone ? job.undoneBy : job.createdBy) ?? '',
      address: (undone ? job.undoneFrom : job.createdFrom) ?? '',
    });
    enqueueOutboxMessage(em, {
      subject: undone ? importSubjects.undone : importSubjects.completed,
      payload: event.payload,
      headers: event.headers,
    });
    return job;
  });
}

/** The ORM may hand int8 back as a number or a string; the message wants a string. */
function textRow(error: RowErrorRow): RowErrorRow {
  return { row: String(error.row), field: error.field, message: error.message };
}
