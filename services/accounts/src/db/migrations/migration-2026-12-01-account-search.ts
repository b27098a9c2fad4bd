import { Migration } from '@mikro-orm/migrations';

/**
 * Where pg_trgm lives. An extension exists once per database, and every service shares the
 * database, so they all agree on `public` and qualify its functions, operators and operator
 * classes with it: the first service to migrate creates it, the rest find it there.
 */
export const TRIGRAM_SCHEMA = 'public';

/** Serialises `create extension` between services migrating the same database at once. */
const EXTENSION_LOCK = 'crm:create-extension';

export class AccountSearch extends Migration {
  override name = '2026-12-01-account-search';

  override up(): void {
    const schema = this.config.get('schema') ?? 'accounts';
    const table = `"${schema}"."accounts"`;
    this.addSql(`select pg_advisory_xact_lock(hashtext('${EXTENSION_LOCK}'))`);
    this.addSql(`create extension if not exists pg_trgm with schema ${TRIGRAM_SCHEMA}`);
    // `if not exists` keeps an installation made elsewhere; say so plainly rather than failing
    // later on an operator class that is not where the queries look for it.
    this.addSql(`do $$
      declare installed text;
      begin
        select n.nspname into installed from pg_extension e
          join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm';
        if installed <> '${TRIGRAM_SCHEMA}' then
          raise exception 'pg_trgm is installed in schema %, the accounts service expects ${TRIGRAM_SCHEMA}', installed;
        end if;
      end $$`);
    // Names weigh more than domains; dots and hyphens split a domain into searchable words.
    this.addSql(`alter table ${table} add column "search_vector" tsvector generated always as (
      setweight(to_tsvector('simple'::regconfig, "name"), 'A') ||
      setweight(to_tsvector('simple'::regconfig, translate(coalesce("domain", ''), '.-', '  ')), 'B')
    ) stored`);
    this.addSql(
      `create index "accounts_search_vector_idx" on ${table} using gin ("search_vector")`,
    );
    this.addSql(
      `create index "accounts_name_trgm_idx" on ${table} using gin (lower("name") ${TRIGRAM_SCHEMA}.gin_trgm_ops)`,
    );
    this.addSql(
      `create index "accounts_domain_trgm_idx" on ${table} using gin ("domain" ${TRIGRAM_SCHEMA}.gin_trgm_ops)`,
    );
  }

  override down(): void {
    const schema = this.config.get('schema') ?? 'accounts';
    const table = `"${schema}"."accounts"`;
    // The extension stays: other services in the database may use it.
    this.addSql(`drop index if exists "${schema}"."accounts_domain_trgm_idx"`);
    this.addSql(`drop index if exists "${schema}"."accounts_name_trgm_idx"`);
    this.addSql(`drop index if exists "${schema}"."accounts_search_vector_idx"`);
    this.addSql(`alter table ${table} drop column if exists "search_vector"`);
  }
}
