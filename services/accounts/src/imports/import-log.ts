import { isUuid, type FieldChange } from '../domain/index.js';
import type { ImportJobRow } from './import-job.js';
import type { ImportTables, SqlClient } from './sql.js';

/** A column of a bulk statement: its name, its SQL type and how an item fills it. */
export interface BulkColumn<T> {
  column: string;
  type: string;
  value: (item: T) => unknown;
}

/**
 * Items as one JSON parameter for `jsonb_to_recordset($n::jsonb) as r(<recordType>)`: a whole
 * batch in one round trip, typed on the server, lists (text[]) included.
 */
export function recordsJson<T>(items: readonly T[], columns: ReadonlyArray<BulkColumn<T>>): string {
  return JSON.stringify(
    items.map((item) => Object.fromEntries(columns.map((c) => [c.column, c.value(item)]))),
  );
}

export function recordType<T>(columns: ReadonlyArray<BulkColumn<T>>): string {
  return columns.map((c) => `"${c.column}" ${c.type}`).join(', ');
}

/** A record an import created or updated, with the row it came from. */
export interface Touched {
  id: string;
  row: number;
}

export interface ImportedEntry extends Touched {
  changes: FieldChange[];
}

/**
 * The rows before a batch updates them, as JSON (generated columns left out) with the version the
 * update will give them: what undo restores, and the version that says nobody changed it since.
 */
export async function logPrevious(
  tx: SqlClient,
  tables: ImportTables,
  table: string,
  job: ImportJobRow,
  updated: readonly Touched[],
): Promise<void> {
  if (updated.length === 0) return;
  await tx.query(
    `insert into ${tables.changes} ("job_id", "subject_id", "row", "action", "previous", "version_after")
     select $1, t."id", u.row, 'updated', to_jsonb(t) - array['search_vector', 'full_name'], t."version" + 1
     from ${table} t join unnest($2::uuid[], $3::bigint[]) as u(id, row) on t."id" = u.id`,
    [job.id, updated.map((u) => u.id), updated.map((u) => u.row)],
  );
}

export async function logCreated(
  tx: SqlClient,
  tables: ImportTables,
  job: ImportJobRow,
  created: readonly Touched[],
): Promise<void> {
  if (created.length === 0) return;
  await tx.query(
    `insert into ${tables.changes} ("job_id", "subject_id", "row", "action", "previous", "version_after")
     select $1, u.id, u.row, 'created', null, 1 from unnest($2::uuid[], $3::bigint[]) as u(id, row)`,
    [job.id, created.map((c) => c.id), created.map((c) => c.row)],
  );
}

/** Records this job already created or updated, by id: a file names each record once. */
export async function changedEarlier(
  tx: SqlClient,
  tables: ImportTables,
  job: ImportJobRow,
  ids: readonly string[],
): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const { rows } = await tx.query<{ id: string; row: string }>(
    `select "subject_id" as "id", "row" from ${tables.changes}
     where "job_id" = $1 and "subject_id" = any($2::uuid[])`,
    [job.id, ids],
  );
  return new Map(rows.map((r) => [idMark(r.id), Number(r.row)]));
}

/** What a dry run noted of the records it would have written, by mark. */
export async function markedEarlier(
  tx: SqlClient,
  tables: ImportTables,
  job: ImportJobRow,
  marks: readonly string[],
): Promise<Map<string, number>> {
  if (marks.length === 0) return new Map();
  const { rows } = await tx.query<{ mark: string; row: string }>(
    `select "mark", "row" from ${tables.marks} where "job_id" = $1 and "mark" = any($2::text[])`,
    [job.id, marks],
  );
  return new Map(rows.map((r) => [r.mark, Number(r.row)]));
}

export async function addMarks(
  tx: SqlClient,
  tables: ImportTables,
  job: ImportJobRow,
  marks: ReadonlyArray<{ mark: string; row: number }>,
): Promise<void> {
  if (marks.length === 0) return;
  await tx.query(
    `insert into ${tables.marks} ("job_id", "mark", "row")
     select $1, m.mark, m.row from unnest($2::text[], $3::bigint[]) as m(mark, row)
     on conflict do nothing`,
    [job.id, marks.map((m) => m.mark), marks.map((m) => m.row)],
  );
}

export function idMark(id: string): string {
  return `id:${id}`;
}

/**
 * Which earlier row of the file already stands for a record: marks from earlier batches (the
 * database) and from this batch (memory), so a record named twice is caught wherever the rows are.
 */
export class RepeatGuard {
  private readonly seen: Map<string, number>;

  constructor(earlier: ReadonlyMap<string, number>) {
    this.seen = new Map(earlier);
  }

  firstRow(marks: readonly string[]): number | undefined {
    for (const mark of marks) {
      const row = this.seen.get(mark);
      if (row !== undefined) return row;
    }
    return undefined;
  }

  add(marks: readonly string[], row: number): void {
    for (const mark of marks) if (!this.seen.has(mark)) this.seen.set(mark, row);
  }
}

/** An `imported` entry in the timeline of each record a batch created or changed. */
export async function appendImported(
  tx: SqlClient,
  tables: ImportTables,
  job: ImportJobRow,
  subjectType: 'account' | 'contact',
  entries: readonly ImportedEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const created = `Imported from ${job.fileName}`;
  await tx.query(
    `insert into ${tables.timeline} ("id", "subject_type", "subject_id", "kind", "occurred_at",
       "actor_user_id", "body", "changes", "related")
     select gen_random_uuid(), $2, e.subject_id, 'imported', now(), $3, e.body, e.changes, $4::jsonb
     from jsonb_to_recordset($1::jsonb) as e(subject_id uuid, body text, changes jsonb)`,
    [
      JSON.stringify(
        entries.map((entry) => ({
          subject_id: entry.id,
          body:
            entry.changes.length === 0
              ? created
              : `Changed ${entry.changes.map((change) => change.field).join(', ')} from ${job.fileName}`,
          changes: entry.changes,
        })),
      ),
      subjectType,
      isUuid(job.createdBy) ? job.createdBy : null,
      JSON.stringify({ type: 'import', id: job.id, label: job.fileName }),
    ],
  );
}
