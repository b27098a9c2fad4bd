import { Migration } from '@mikro-orm/migrations';

/**
 * Import jobs and what they leave behind: their row errors, the undo log of the records they
 * created or changed, and the marks a dry run keeps of the records it would have written.
 */
export class CreateImports extends Migration {
  override name = '2026-12-20-imports';

  override up(): void {
    const schema = `"${this.config.get('schema') ?? 'accounts'}"`;
    this.addSql(`create table ${schema}."import_jobs" (
      "id" uuid primary key,
      "entity" text not null check ("entity" in ('accounts', 'contacts')),
      "status" text not null
        check ("status" in ('queued', 'running', 'completed', 'failed', 'undoing', 'undone')),
      "dry_run" boolean not null,
      "file_name" text not null,
      "object_key" text not null,
      "mapping" jsonb not null,
      "total_rows" bigint not null default 0,
      "processed_rows" bigint not null default 0,
      "created_count" bigint not null default 0,
      "updated_count" bigint not null default 0,
      "unchanged_count" bigint not null default 0,
      "error_count" bigint not null default 0,
      "undo_skipped_count" bigint not null default 0,
      "created_by" text not null,
      "created_from" text not null,
      "undone_by" text null,
      "undone_from" text null,
      "created_at" timestamptz not null,
      "started_at" timestamptz null,
      "finished_at" timestamptz null,
      "failure" text not null default '',
      "lease_owner" uuid null,
      "lease_expires_at" timestamptz null,
      "attempts" integer not null default 0
    )`);
    // Lists walk (created_at, id) newest first, for everyone or for one person's jobs.
    this.addSql(
      `create index "import_jobs_created_at_id_idx" on ${schema}."import_jobs" ("created_at" desc, "id" desc)`,
    );
    this.addSql(
      `create index "import_jobs_created_by_idx" on ${schema}."import_jobs" ("created_by", "created_at" desc, "id" desc)`,
    );
    // Workers look for claimable jobs on every poll; finished jobs stay out of this index.
    this.addSql(
      `create index "import_jobs_pending_idx" on ${schema}."import_jobs" ("created_at")
        where "status" in ('queued', 'running', 'undoing')`,
    );
    this.addSql(`create table ${schema}."import_row_errors" (
      "job_id" uuid not null references ${schema}."import_jobs" ("id") on delete cascade,
      "row" bigint not null,
      "seq" integer not null,
      "field" text not null,
      "message" text not null,
      primary key ("job_id", "row", "seq")
    )`);
    // One line per record a job created or updated; `previous` is the whole row before the update.
    this.addSql(`create table ${schema}."import_changes" (
      "job_id" uuid not null references ${schema}."import_jobs" ("id") on delete cascade,
      "subject_id" uuid not null,
      "row" bigint not null,
      "action" text not null check ("action" in ('created', 'updated')),
      "previous" jsonb null,
      "version_after" integer not null,
      primary key ("job_id", "subject_id")
    )`);
    this.addSql(`create table ${schema}."import_marks" (
      "job_id" uuid not null references ${schema}."import_jobs" ("id") on delete cascade,
      "mark" text not null,
      "row" bigint not null,
      primary key ("job_id", "mark")
    )`);
    // Imports match contacts by their other addresses a batch at a time. A GIN index's pending
    // list (fastupdate) keeps new entries unsorted until vacuum merges them, and every search
    // reads all of it: during a large import each lookup would read every contact inserted so
    // far. Entries written straight into the index keep each lookup a few index searches.
    this.addSql(`alter index ${schema}."contacts_other_emails_idx" set (fastupdate = off)`);
  }

  override down(): void {
    const schema = `"${this.config.get('schema') ?? 'accounts'}"`;
    this.addSql(`alter index ${schema}."contacts_other_emails_idx" reset (fastupdate)`);
    this.addSql(`drop table if exists ${schema}."import_marks"`);
    this.addSql(`drop table if exists ${schema}."import_changes"`);
    this.addSql(`drop table if exists ${schema}."import_row_errors"`);
    this.addSql(`drop table if exists ${schema}."import_jobs"`);
  }
}
