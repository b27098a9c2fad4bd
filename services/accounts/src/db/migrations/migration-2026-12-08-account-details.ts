import { Migration } from '@mikro-orm/migrations';

/**
 * The rest of an account's fields. After it, `accounts` holds (for plain-SQL bulk inserts, values
 * normalised as `parseNewAccount` returns them):
 *
 *   id uuid (default random; give a UUIDv7 to keep creation order), name varchar(200),
 *   domain varchar(253) null (lower-case host), owner_id uuid null, industry varchar(100) null,
 *   size varchar(10) null ('1-10' … '5001+'), street varchar(200) null, city varchar(100) null,
 *   region varchar(100) null, postal_code varchar(20) null, country char(2) null (upper case),
 *   phone varchar(50) null, website varchar(2048) null, status varchar(20) default 'prospect'
 *   ('prospect' | 'customer' | 'former_customer'), tags text[] default '{}' (lower-case, sorted,
 *   unique), notes text default '', created_at / updated_at timestamptz default now(),
 *   version integer default 1. `search_vector` is generated: never insert it.
 */
export class AccountDetails extends Migration {
  override name = '2026-12-08-account-details';

  override up(): void {
    const schema = this.config.get('schema') ?? 'accounts';
    const table = `"${schema}"."accounts"`;
    this.addSql(`alter table ${table}
      alter column "id" set default gen_random_uuid(),
      alter column "created_at" set default now(),
      alter column "updated_at" set default now(),
      add column "industry" varchar(100) null,
      add column "size" varchar(10) null
        constraint "accounts_size_check" check ("size" in ('1-10', '11-50', '51-200', '201-500', '501-1000', '1001-5000', '5001+')),
      add column "street" varchar(200) null,
      add column "city" varchar(100) null,
      add column "region" varchar(100) null,
      add column "postal_code" varchar(20) null,
      add column "country" char(2) null
        constraint "accounts_country_check" check ("country" ~ '^[A-Z]{2}$'),
      add column "phone" varchar(50) null,
      add column "website" varchar(2048) null,
      add column "status" varchar(20) not null default 'prospect'
        constraint "accounts_status_check" check ("status" in ('prospect', 'customer', 'former_customer')),
      add column "tags" text[] not null default '{}',
      add column "notes" text not null default ''`);
    // Filters (owner, status, industry, any of some tags) and the updatedAt sorts.
    this.addSql(`create index "accounts_owner_id_idx" on ${table} ("owner_id")`);
    this.addSql(`create index "accounts_status_idx" on ${table} ("status")`);
    this.addSql(`create index "accounts_industry_idx" on ${table} (lower("industry"))`);
    this.addSql(`create index "accounts_tags_idx" on ${table} using gin ("tags")`);
    this.addSql(
      `create index "accounts_updated_at_id_idx" on ${table} ("updated_at" desc, "id" desc)`,
    );
  }

  override down(): void {
    const schema = this.config.get('schema') ?? 'accounts';
    const table = `"${schema}"."accounts"`;
    for (const index of ['owner_id', 'status', 'industry', 'tags', 'updated_at_id'])
      this.addSql(`drop index if exists "${schema}"."accounts_${index}_idx"`);
    this.addSql(`alter table ${table}
      alter column "id" drop default,
      alter column "created_at" drop default,
      alter column "updated_at" drop default,
      drop column "industry", drop column "size", drop column "street", drop column "city",
      drop column "region", drop column "postal_code", drop column "country", drop column "phone",
      drop column "website", drop column "status", drop column "tags", drop column "notes"`);
  }
}
