import { Migration } from '@mikro-orm/migrations';

export class CreateIdentity extends Migration {
  override name = '2026-12-01-create-identity';

  override up(): void {
    const schema = `"${this.config.get('schema') ?? 'identity'}"`;
    this.addSql(`create table ${schema}."users" (
      "id" uuid primary key,
      "email" varchar(254) not null,
      "name" varchar(200) not null,
      "role" varchar(16) not null check ("role" in ('admin', 'manager', 'staff')),
      "manager_id" uuid null references ${schema}."users" ("id"),
      "active" boolean not null,
      "password_hash" text not null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      "version" integer not null default 1,
      constraint "users_email_unique" unique ("email"),
      constraint "users_email_lower_case" check ("email" = lower("email")),
      constraint "users_not_own_manager" check ("manager_id" <> "id")
    )`);
    this.addSql(`create index "users_manager_id_idx" on ${schema}."users" ("manager_id")`);
    this.addSql(`create index "users_name_id_idx" on ${schema}."users" ("name", "id")`);

    this.addSql(`create table ${schema}."sessions" (
      "id" uuid primary key,
      "user_id" uuid not null references ${schema}."users" ("id"),
      "token_digest" varchar(64) not null,
      "csrf_token" varchar(64) not null,
      "created_at" timestamptz not null,
      "last_seen_at" timestamptz not null,
      "expires_at" timestamptz not null,
      "ended_at" timestamptz null,
      "address" varchar(64) null,
      "user_agent" varchar(512) null,
      constraint "sessions_token_digest_unique" unique ("token_digest")
    )`);
    this.addSql(
      `create index "sessions_user_id_open_idx" on ${schema}."sessions" ("user_id") where "ended_at" is null`,
    );

    this.addSql(`create table ${schema}."api_tokens" (
      "id" uuid primary key,
      "name" varchar(100) not null,
      "scopes" jsonb not null,
      "secret_digest" varchar(64) not null,
      "created_by" uuid not null references ${schema}."users" ("id"),
      "created_at" timestamptz not null,
      "expires_at" timestamptz null,
      "last_used_at" timestamptz null,
      "revoked_at" timestamptz null,
      constraint "api_tokens_secret_digest_unique" unique ("secret_digest")
    )`);

    this.addSql(`create table ${schema}."login_failures" (
      "id" uuid primary key,
      "email_digest" varchar(64) not null,
      "address" varchar(64) null,
      "at" timestamptz not null
    )`);
    this.addSql(
      `create index "login_failures_email_digest_at_idx" on ${schema}."login_failures" ("email_digest", "at")`,
    );
    this.addSql(
      `create index "login_failures_address_at_idx" on ${schema}."login_failures" ("address", "at")`,
    );
    // For purging rows that have left the window.
    this.addSql(`create index "login_failures_at_idx" on ${schema}."login_failures" ("at")`);

    this.addSql(`create table ${schema}."audit_events" (
      "id" uuid primary key,
      "at" timestamptz not null,
      "actor_id" uuid null,
      "actor_name" varchar(200) null,
      "action" varchar(64) not null,
      "resource_type" varchar(64) not null,
      "resource_id" varchar(254) null,
      "changes" jsonb null,
      "address" varchar(64) null,
      "message_id" varchar(128) null,
      constraint "audit_events_message_id_unique" unique ("message_id")
    )`);
    this.addSql(
      `create index "audit_events_at_id_idx" on ${schema}."audit_events" ("at" desc, "id" desc)`,
    );
    this.addSql(
      `create index "audit_events_action_at_idx" on ${schema}."audit_events" ("action", "at" desc)`,
    );
    this.addSql(
      `create index "audit_events_actor_at_idx" on ${schema}."audit_events" ("actor_id", "at" desc)`,
    );
    // The log is evidence: the database itself refuses to rewrite or erase it.
    this.addSql(`create function ${schema}."audit_events_append_only"() returns trigger
      language plpgsql as $$
      begin
        raise exception 'audit_events is append-only';
      end;
      $$`);
    this.addSql(`create trigger "audit_events_append_only"
      before update or delete on ${schema}."audit_events"
      for each statement execute function ${schema}."audit_events_append_only"()`);
    // TRUNCATE fires no DELETE trigger, so it needs its own.
    this.addSql(`create trigger "audit_events_no_truncate"
      before truncate on ${schema}."audit_events"
      for each statement execute function ${schema}."audit_events_append_only"()`);
  }

  override down(): void {
    const schema = `"${this.config.get('schema') ?? 'identity'}"`;
    for (const table of ['audit_events', 'login_failures', 'api_tokens', 'sessions', 'users'])
      this.addSql(`drop table if exists ${schema}."${table}"`);
    this.addSql(`drop function if exists ${schema}."audit_events_append_only"()`);
  }
}
