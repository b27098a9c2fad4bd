import type { AuditEvent } from '../../api/audit-events.js';

/** A recorded value as text: strings as they are, nothing as a dash, anything else as JSON. */
export function formatAuditValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value === '' ? '""' : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export interface ChangeLine {
  readonly field: string;
  readonly before: string;
  readonly after: string;
}

/** One `field: before → after` line per changed field, in field order. */
export function changeLines(event: AuditEvent): ChangeLine[] {
  if (event.changes === null) return [];
  return Object.entries(event.changes)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([field, change]) => ({
      field,
      before: formatAuditValue(change.before),
      after: formatAuditValue(change.after),
    }));
}
