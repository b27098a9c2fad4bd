import { Migration } from '@mikro-orm/migrations';

/**
 * Finds the entries that name a record (`related`), so a merge can point them at the survivor
 * without reading every timeline.
 */
export class TimelineRelated extends Migration {
  override name = '2026-12-22-timeline-related';

  override up(): void {
    const schema = this.config.get('schema') ?? 'accounts';
    this.addSql(
      `create index "timeline_entries_related_idx" on "${schema}"."timeline_entries"
         (("related"->>'id'), ("related"->>'type')) where "related" is not null`,
    );
  }

  override down(): void {
    const schema = this.config.get('schema') ?? 'accounts';
    this.addSql(`drop index if exists "${schema}"."timeline_entries_related_idx"`);
  }
}
