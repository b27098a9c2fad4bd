import { Migration } from '@mikro-orm/migrations';

export class CreateAccounts extends Migration {
  override name = '2026-11-24-create-accounts';

  override up(): void {
    const schema = this.config.get('schema') ?? 'accounts';
    const table = `"${schema}"."accounts"`;
    this.addSql(`create table ${table} (
      "id" uuid primary key,
      "name" varchar(200) not null,
      "domain" varchar(253) null,
      "owner_id" uuid null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      "version" integer not null default 1
    )`);
    // Keyset pagination walks (created_at, id) or (name, id), in either direction.
    this.addSql(
      `create index "accounts_created_at_id_idx" on ${table} ("created_at" desc, "id" desc)`,
    );
    this.addSql(`create index "accounts_name_id_idx" on ${table} ("name", "id")`);
    this.addSql(`create index "accounts_domain_idx" on ${table} ("domain")`);
  }

  override down(): void {
    const schema = this.config.get('schema') ?? 'accounts';
    this.addSql(`drop table if exists "${schema}"."accounts"`);
  }
}
