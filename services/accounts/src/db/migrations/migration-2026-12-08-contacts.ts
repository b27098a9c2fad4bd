import { Migration } from '@mikro-orm/migrations';
import { TRIGRAM_SCHEMA } from './migration-2026-12-01-account-search.js';

/**
 * People at the accounts. Columns (for plain-SQL bulk inserts, values normalised as
 * `parseNewContact` returns them):
 *
 *   id uuid (default random; give a UUIDv7 to keep creation order), account_id uuid null
 *   (references accounts), first_name varchar(100) default '', last_name varchar(100) default '',
 *   email varchar(254) null (lower-case; not unique, duplicates are allowed on request),
 *   other_emails text[] default '{}', phone varchar(50) null, other_phones text[] default '{}',
 *   title varchar(200) null, owner_id uuid null, is_primary boolean default false (needs an
 *   account; at most one per account), created_at / updated_at timestamptz default now(),
 *   version integer default 1. `full_name` and `search_vector` are generated: never insert them.
 */
export class CreateContacts extends Migration {
  override name = '2026-12-08-contacts';

  override up(): void {
    const schema = this.config.get('schema') ?? 'accounts';
    const table = `"${schema}"."contacts"`;
    this.addSql(`create table ${table} (
      "id" uuid primary key default gen_random_uuid(),
      "account_id" uuid null references "${schema}"."accounts" ("id"),
      "first_name" varchar(100) not null default '',
      "last_name" varchar(100) not null default '',
      "full_name" text generated always as (btrim("first_name" || ' ' || "last_name")) stored,
      "email" varchar(254) null constraint "contacts_email_lower_case" check ("email" = lower("email")),
      "other_emails" text[] not null default '{}',
      "phone" varchar(50) null,
      "other_phones" text[] not null default '{}',
      "title" varchar(200) null,
      "owner_id" uuid null,
      "is_primary" boolean not null default false,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "version" integer not null default 1,
      -- Names weigh more than addresses; an address splits into words at its punctuation.
      "search_vector" tsvector generated always as (
        setweight(to_tsvector('simple'::regconfig, "first_name" || ' ' || "last_name"), 'A') ||
        setweight(to_tsvector('simple'::regconfig, translate(coalesce("email", ''), '.-@_+', '     ')), 'B')
      ) stored,
      constraint "contacts_primary_needs_account" check (not "is_primary" or "account_id" is not null)
    )`);
    this.addSql(
      `create unique index "contacts_primary_per_account_idx" on ${table} ("account_id") where "is_primary"`,
    );
    this.addSql(`create index "contacts_account_id_idx" on ${table} ("account_id")`);
    this.addSql(`create index "contacts_owner_id_idx" on ${table} ("owner_id")`);
    // Duplicate checks look addresses up in both the primary and the other addresses.
    this.addSql(`create index "contacts_email_idx" on ${table} ("email")`);
    this.addSql(`create index "contacts_other_emails_idx" on ${table} using gin ("other_emails")`);
    this.addSql(
      `create index "contacts_created_at_id_idx" on ${table} ("created_at" desc, "id" desc)`,
    );
    this.addSql(
      `create index "contacts_updated_at_id_idx" on ${table} ("updated_at" desc, "id" desc)`,
    );
    this.addSql(`create index "contacts_last_name_id_idx" on ${table} ("last_name", "id")`);
    this.addSql(
      `create index "contacts_search_vector_idx" on ${table} using gin ("search_vector")`,
    );
    this.addSql(
      `create index "contacts_full_name_trgm_idx" on ${table} using gin (lower("full_name") ${TRIGRAM_SCHEMA}.gin_trgm_ops)`,
    );
    this.addSql(
      `create index "contacts_email_trgm_idx" on ${table} using gin ("email" ${TRIGRAM_SCHEMA}.gin_trgm_ops)`,
    );
  }

  override down(): void {
    const schema = this.config.get('schema') ?? 'accounts';
    this.addSql(`drop table if exists "${schema}"."contacts"`);
  }
}
