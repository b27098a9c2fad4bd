import type { TimelineEntry } from '../../api/timeline.js';
import { fieldLabel, formatFieldValue } from '../../lib/record-fields.js';

export interface EntryDescription {
  /** What happened, in a sentence ("Ada changed Status"). */
  readonly title: string;
  /** The record the entry names, to link when it still exists. */
  readonly link: { readonly label: string; readonly to: string } | null;
  /** Each field change as "Status: Prospect → Customer". */
  readonly changes: readonly string[];
}

/** Where the app shows a related record, for those it has pages for. */
function relatedPath(type: string, id: string): string | null {
  if (type === 'account') return `/accounts/${encodeURIComponent(id)}`;
  if (type === 'contact') return `/contacts/${encodeURIComponent(id)}`;
  return null;
}

function describeChange(
  change: TimelineEntry['changes'][number],
  nameOf: (id: string) => string | null,
): string {
  const before = formatFieldValue(change.field, change.before, nameOf);
  const after = formatFieldValue(change.field, change.after, nameOf);
  return `${fieldLabel(change.field)}: ${before} → ${after}`;
}

/** `base` followed by the record's name, unless the name is shown as a link after it. */
function named(base: string, label: string, link: EntryDescription['link']): string {
  return link === null && label ? `${base} “${label}”` : base;
}

function changedWhat(entry: TimelineEntry): string {
  const [only] = entry.changes;
  if (entry.changes.length === 1 && only) return fieldLabel(only.field);
  return entry.changes.length === 0 ? 'this record' : `${entry.changes.length} fields`;
}

/**
 * A system entry (or a note) as a person reads it. `nameOf` names users; `actor` is who did it
 * ("Ada Lovelace", "The system").
 */
export function describeEntry(
  entry: TimelineEntry,
  actor: string,
  nameOf: (id: string) => string | null,
): EntryDescription {
  const related = entry.related;
  const label = related?.label ?? '';
  const what = entry.subjectType;
  const link =
    related && entry.kind !== 'merged' && entry.kind !== 'contact_removed'
      ? (() => {
          const to = relatedPath(related.type, related.id);
          return to === null ? null : { label: related.label, to };
        })()
      : null;
  const changes = entry.changes.map((change) => describeChange(change, nameOf));

  switch (entry.kind) {
    case 'note':
      return { title: `${actor} added a note`, link: null, changes: [] };
    case 'created':
      return { title: `${actor} created this ${what}`, link: null, changes };
    case 'updated':
      return { title: `${actor} changed ${changedWhat(entry)}`, link: null, changes };
    case 'merged':
      return {
        title: label
          ? `${actor} merged “${label}” into this ${what}`
          : `${actor} merged a duplicate into this ${what}`,
        link: null,
        changes,
      };
    case 'attachment_added':
      return { title: `${actor} attached ${label ? `“${label}”` : 'a file'}`, link: null, changes };
    case 'attachment_removed':
      return { title: `${actor} removed ${label ? `“${label}”` : 'a file'}`, link: null, changes };
    case 'contact_added':
      return { title: named(`${actor} added the contact`, label, link), link, changes };
    case 'contact_removed':
      return {
        title: label ? `${actor} removed the contact “${label}”` : `${actor} removed a contact`,
        link: null,
        changes,
      };
    case 'deal_linked':
      return { title: named(`${actor} linked the deal`, label, link), link, changes };
    case 'task_linked':
      return { title: named(`${actor} linked the task`, label, link), link, changes };
    case 'imported':
      return { title: `${actor} imported this ${what}`, link: null, changes };
  }
}
