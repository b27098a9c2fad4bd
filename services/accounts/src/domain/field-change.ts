/** One changed field, by its HTTP API name, with its JSON values before and after. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** JSON text with object keys sorted, so equal values compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : 1)))
      : item,
  );
}

/** The fields whose values differ between two versions of a record, in the order given. */
export function changedFields<T extends object>(
  before: T,
  after: T,
  fields: ReadonlyArray<keyof T & string>,
): FieldChange[] {
  return fields
    .filter((field) => canonical(before[field] ?? null) !== canonical(after[field] ?? null))
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
}

/** What a timeline entry of field changes says: "Changed name, domain". */
export function describeChanges(changes: readonly FieldChange[]): string {
  return `Changed ${changes.map((change) => change.field).join(', ')}`;
}
