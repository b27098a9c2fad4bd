import { isUuid } from '../domain/index.js';
import type { UndoOutcome } from './entity-importer.js';
import type { ImportJobRow } from './import-job.js';
import type { ImportTables, SqlClient } from './sql.js';

/** Where an undo puts things back, and when it must leave a record as it is. */
export interface UndoTarget {
  table: string;
  subjectType: 'account' | 'contact';
  /** The writable columns, restored from the logged row. */
  columns: readonly string[];
  /** Besides being unchanged since: may the created record `t` go? */
  deletable: string;
  /** Besides being unchanged since: may `t` get its previous values `p` back? */
  restorable: string;
}

/**
 * Reverts up to `limit` logged changes of a job in one statement: created records are deleted
 * (with their timelines), updated ones get their previous values back, both only if their version
 * is still the one the import left and the target's conditions hold; the rest are counted as
 * skipped. The handled log lines are deleted, so the next batch continues after them.
 */
export async function undoChanges(
  tx: SqlClient,
  tables: ImportTables,
  job: ImportJobRow,
  limit: number,
  target: UndoTarget,
): Promise<UndoOutcome> {
  const { table, columns } = target;
  const { rows } = await tx.query<{ handled: string; skipped: string }>(
    `with batch as (
       delete from ${tables.changes} ch
       where ch."job_id" = $1 and ch."subject_id" in (
         select "subject_id" from ${tables.changes} where "job_id" = $1 order by "row" limit $2)
       returning ch."subject_id", ch."action", ch."previous", ch."version_after"
     ), deleted as (
       delete from ${table} t using batch b
       where b."action" = 'created' and t."id" = b."subject_id" and t."version" = b."version_after"
         and not exists (select 1 from ${tables.attachments} f
                         where f."subject_type" = $3 and f."subject_id" = t."id")
         and (${target.deletable})
       returning t."id"
     ), restored as (
       update ${table} t
       set (${columns.map((c) => `"${c}"`).join(', ')}) = (${columns.map((c) => `p."${c}"`).join(', ')}),
           "version" = t."version" + 1, "updated_at" = now()
       from batch b cross join lateral jsonb_populate_record(null::${table}, b."previous") p
       where b."action" = 'updated' and t."id" = b."subject_id" and t."version" = b."version_after"
         and (${target.restorable})
       returning t."id"
     ), forgotten as (
       delete from ${tables.timeline} e
       where e."subject_type" = $3 and e."subject_id" in (select "id" from deleted)
     ), noted as (
       insert into ${tables.timeline} ("id", "subject_type", "subject_id", "kind", "occurred_at",
         "actor_user_id", "body", "changes", "related")
       select gen_random_uuid(), $3, r."id", 'updated', now(), $4, $5, '[]', $6::jsonb from restored r
     )
     select (select count(*) from batch) as "handled",
       (select count(*) from batch b
        where b."action" = 'created' and b."subject_id" not in (select "id" from deleted)
          and exists (select 1 from ${table} t where t."id" = b."subject_id"))
       + (select count(*) from batch b where b."action" = 'updated')
       - (select count(*) from restored) as "skipped"`,
    [
      job.id,
      limit,
      target.subjectType,
      job.undoneBy !== null && isUuid(job.undoneBy) ? job.undoneBy : null,
      `Undid the import of ${job.fileName}`,
      JSON.stringify({ type: 'import', id: job.id, label: job.fileName }),
    ],
  );
  const [counts] = rows;
  return { handled: Number(counts?.handled ?? 0), skipped: Number(counts?.skipped ?? 0) };
}
