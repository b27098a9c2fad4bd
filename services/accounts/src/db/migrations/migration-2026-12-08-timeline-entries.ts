import { Migration } from '@mikro-orm/migrations';

/**
 * What happened to an account or a contact. Columns (for plain-SQL bulk inserts):
 *
 *   id uuid (default random), subject_type varchar(10) ('account' | 'contact'), subject_id uuid,
 *   kind varchar(30) ('note', 'created', 'updated', 'merged', 'attachment_added',
 *   'attachment_removed', 'contact_added', 'contact_removed', 'deal_linked', 'task_linked',
 *   'imported'), occurred_at timestamptz default now(), actor_user_id uuid null (null for the
 *   system), body text default '', changes jsonb default '[]' ([{field, before, after}], values
 *   as JSON), related jsonb null ({type, id, label}).
 */
export class CreateTimelineEntries extends Migration {
  override name = '2026-12-08-timeline-entries';

  override up(): void {
    const schema = this.config.get('schema') ?? 'accounts';
    const table = `"${schema}"."timeline_entries"`;
    this.addSql(`create table ${table} (
      "id" uuid primary key default gen_random_uuid(),
      "subject_type" varchar(10) not null check ("subject_type" in ('account', 'contact')),
      "subject_id" uuid not null,
      "kind" varchar(30) not null check ("kind" in ('note', 'created', 'updated', 'merged',
        'attachment_added', 'attachment_removed', 'contact_added', 'contact_removed', 'deal_linked',
        'task_linked', 'imported')),
      "occurred_at" timestamptz not null default now(),
      "actor_user_id" uuid null,
      "body" text not null default '',
      "changes" jsonb not null default '[]' check (jsonb_typeof("changes") = 'array'),
      "related" jsonb null check ("related" is null or jsonb_typeof("related") = 'object')
    )`);
    // A subject's timeline, newest first, in keyset pages.
    this.addSql(
      `create index "timeline_entries_subject_idx" on ${table} ("subject_type", "subject_id", "occurred_at" desc, "id" desc)`,
    );
  }

  override down(): void {
    const schema = this.config.get('schema') ?? 'accounts';
    this.addSql(`drop table if exists "${schema}"."timeline_entries"`);
  }
}
