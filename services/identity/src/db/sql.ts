import { quoteIdentifier, type OrmEntityManager } from '@crm/db';

/** `"schema"."table"` for the raw statements the ORM cannot express (recursive CTEs, locks). */
export function tableName(em: OrmEntityManager, table: string): string {
  const schema = em.config.get('schema') ?? 'identity';
  return `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`;
}

/** The driver may hand timestamps back as Date or as text. */
export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(String(value));
}

/**
 * Serialises writers of one kind until the transaction ends, e.g. every change to the manager
 * chain, so two concurrent edits cannot together create a cycle.
 */
export async function lockFor(em: OrmEntityManager, key: string): Promise<void> {
  await em.execute('select pg_advisory_xact_lock(hashtext(?))', [key]);
}
