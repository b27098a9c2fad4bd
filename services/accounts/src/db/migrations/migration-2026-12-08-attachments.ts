import { Migration } from '@mikro-orm/migrations';

/**
 * What is known about files stored for accounts and contacts (the bytes are in object storage).
 * Columns: id uuid, subject_type varchar(10), subject_id uuid, file_name varchar(255),
 * content_type varchar(255), size_bytes bigint, sha256 char(64) (lower-case hex), object_key
 * varchar(1024) unique, uploaded_by uuid null, created_at timestamptz default now().
 */
export class CreateAttachments extends Migration {
  override name = '2026-12-08-attachments';

  override up(): void {
    const schema = this.config.get('schema') ?? 'accounts';
    const table = `"${schema}"."attachments"`;
    this.addSql(`create table ${table} (
      "id" uuid primary key default gen_random_uuid(),
      "subject_type" varchar(10) not null check ("subject_type" in ('account', 'contact')),
      "subject_id" uuid not null,
      "file_name" varchar(255) not null,
      "content_type" varchar(255) not null,
      "size_bytes" bigint not null check ("size_bytes" >= 0),
      "sha256" char(64) not null check ("sha256" ~ '^[0-9a-f]{64}$'),
      "object_key" varchar(1024) not null unique,
      "uploaded_by" uuid null,
      "created_at" timestamptz not null default now()
    )`);
    this.addSql(
      `create index "attachments_subject_idx" on ${table} ("subject_type", "subject_id", "created_at" desc, "id" desc)`,
    );
  }

  override down(): void {
    const schema = this.config.get('schema') ?? 'accounts';
    this.addSql(`drop table if exists "${schema}"."attachments"`);
  }
}
