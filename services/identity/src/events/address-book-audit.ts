import { jsonCodec } from '@crm/bus';
import { Account } from '@crm/proto/crm/accounts/v1/accounts';
import { Contact } from '@crm/proto/crm/accounts/v1/contacts';
import {
  AccountCreated,
  AccountDeleted,
  AccountsMerged,
  AccountUpdated,
  ContactCreated,
  ContactDeleted,
  ContactsMerged,
  ContactUpdated,
  ImportFinished,
} from '@crm/proto/crm/accounts/v1/events';
import { ImportJob } from '@crm/proto/crm/accounts/v1/imports';
import type { Actor } from '@crm/proto/crm/common/v1/actor';
import type { AuditChanges } from '../db/audit-event.entity.js';

/** What an address-book event says for the audit log, before the actor's name is looked up. */
export interface AddressBookAuditRecord {
  action: string;
  resourceType: string;
  resourceId: string;
  at: string | undefined;
  actor: Actor | undefined;
  changes: AuditChanges;
}

type JsonRecord = Record<string, unknown>;

/** Bookkeeping fields every record carries; the audit log shows what people changed. */
const BOOKKEEPING = new Set(['id', 'createdAt', 'updatedAt', 'version', 'contactCount']);

/**
 * Enum values read as the HTTP API writes them ("customer", "11-50"), not as proto names, so the
 * audit log speaks the language of the screens it is read next to.
 */
function readable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(readable);
  if (typeof value !== 'string') return value;
  const status = /^ACCOUNT_STATUS_(.+)$/.exec(value);
  if (status?.[1]) return status[1].toLowerCase();
  const subject = /^SUBJECT_TYPE_(.+)$/.exec(value);
  if (subject?.[1]) return subject[1].toLowerCase();
  const size = /^COMPANY_SIZE_(\d+)_(\d+|PLUS)$/.exec(value);
  if (size?.[1] && size[2]) return size[2] === 'PLUS' ? `${size[1]}+` : `${size[1]}-${size[2]}`;
  return value;
}

function fieldsOf(record: JsonRecord): JsonRecord {
  return Object.fromEntries(
    Object.entries(record)
      .filter(([field]) => !BOOKKEEPING.has(field))
      .map(([field, value]) => [field, readable(value)]),
  );
}

/** Every field of a record that came or went: created (before null) or deleted (after null). */
function wholeRecord(record: JsonRecord, direction: 'created' | 'deleted'): AuditChanges {
  return Object.fromEntries(
    Object.entries(fieldsOf(record)).map(([field, value]) => [
      field,
      direction === 'created' ? { before: null, after: value } : { before: value, after: null },
    ]),
  );
}

/** The fields that differ between two versions of a record, `null` standing for "not set". */
function difference(before: JsonRecord, after: JsonRecord, only?: readonly string[]): AuditChanges {
  const previous = fieldsOf(before);
  const next = fieldsOf(after);
  const fields = only?.length
    ? only
    : [...new Set([...Object.keys(previous), ...Object.keys(next)])];
  const changes: AuditChanges = {};
  for (const field of fields) {
    if (BOOKKEEPING.has(field)) continue;
    const was = previous[field] ?? null;
    const is = next[field] ?? null;
    if (JSON.stringify(was) !== JSON.stringify(is)) changes[field] = { before: was, after: is };
  }
  return changes;
}

const asJson = (value: unknown): JsonRecord => (value ?? {}) as JsonRecord;

function record(
  action: string,
  resourceType: string,
  subject: { id: string; updatedAt?: string | undefined } | undefined,
  actor: Actor | undefined,
  changes: AuditChanges,
): AddressBookAuditRecord {
  if (!subject?.id) throw new Error(`${action} event without its record`);
  return { action, resourceType, resourceId: subject.id, at: subject.updatedAt, actor, changes };
}

/**
 * The address-book events the audit log records, by subject. Each turns the message (proto3 JSON)
 * into an audit record; a message that cannot be read throws, and the consumer dead-letters it.
 */
export const addressBookAudit: Record<string, (data: Uint8Array) => AddressBookAuditRecord> = {
  'crm.accounts.v1.account.created': (data) => {
    const event = jsonCodec(AccountCreated).decode(data);
    const account = event.account;
    return {
      ...record('account.created', 'account', account, event.actor, {}),
      at: account?.createdAt,
      changes: wholeRecord(asJson(account && Account.toJSON(account)), 'created'),
    };
  },
  'crm.accounts.v1.account.updated': (data) => {
    const event = jsonCodec(AccountUpdated).decode(data);
    const before = asJson(event.previous && Account.toJSON(event.previous));
    const after = asJson(event.account && Account.toJSON(event.account));
    return record(
      'account.updated',
      'account',
      event.account,
      event.actor,
      difference(before, after, event.changedFields),
    );
  },
  'crm.accounts.v1.account.deleted': (data) => {
    const event = jsonCodec(AccountDeleted).decode(data);
    const account = event.account;
    return {
      ...record('account.deleted', 'account', account, event.actor, {}),
      at: undefined,
      changes: wholeRecord(asJson(account && Account.toJSON(account)), 'deleted'),
    };
  },
  'crm.accounts.v1.account.merged': (data) => {
    const event = jsonCodec(AccountsMerged).decode(data);
    const before = asJson(event.previous && Account.toJSON(event.previous));
    const after = asJson(event.survivor && Account.toJSON(event.survivor));
    return record('account.merged', 'account', event.survivor, event.actor, {
      mergedAccount: {
        before: event.merged ? { id: event.merged.id, name: event.merged.name } : null,
        after: null,
      },
      ...difference(before, after),
    });
  },
  'crm.accounts.v1.contact.created': (data) => {
    const event = jsonCodec(ContactCreated).decode(data);
    const contact = event.contact;
    return {
      ...record('contact.created', 'contact', contact, event.actor, {}),
      at: contact?.createdAt,
      changes: wholeRecord(asJson(contact && Contact.toJSON(contact)), 'created'),
    };
  },
  'crm.accounts.v1.contact.updated': (data) => {
    const event = jsonCodec(ContactUpdated).decode(data);
    const before = asJson(event.previous && Contact.toJSON(event.previous));
    const after = asJson(event.contact && Contact.toJSON(event.contact));
    return record(
      'contact.updated',
      'contact',
      event.contact,
      event.actor,
      difference(before, after, event.changedFields),
    );
  },
  'crm.accounts.v1.contact.deleted': (data) => {
    const event = jsonCodec(ContactDeleted).decode(data);
    const contact = event.contact;
    return {
      ...record('contact.deleted', 'contact', contact, event.actor, {}),
      at: undefined,
      changes: wholeRecord(asJson(contact && Contact.toJSON(contact)), 'deleted'),
    };
  },
  'crm.accounts.v1.contact.merged': (data) => {
    const event = jsonCodec(ContactsMerged).decode(data);
    const before = asJson(event.previous && Contact.toJSON(event.previous));
    const after = asJson(event.survivor && Contact.toJSON(event.survivor));
    const merged = event.merged;
    return record('contact.merged', 'contact', event.survivor, event.actor, {
      mergedContact: {
        before: merged
          ? { id: merged.id, name: `${merged.firstName} ${merged.lastName}`.trim() }
          : null,
        after: null,
      },
      ...difference(before, after),
    });
  },
  'crm.accounts.v1.import.completed': (data) => importRecord('import.completed', data),
  'crm.accounts.v1.import.undone': (data) => importRecord('import.undone', data),
};

function importRecord(action: string, data: Uint8Array): AddressBookAuditRecord {
  const event = jsonCodec(ImportFinished).decode(data);
  const job = event.job;
  if (!job?.id) throw new Error(`${action} event without its job`);
  const summary = asJson(ImportJob.toJSON(job));
  const counts = [
    'fileName',
    'entity',
    'totalRows',
    'createdCount',
    'updatedCount',
    'unchangedCount',
    'errorCount',
    'undoSkippedCount',
  ];
  return {
    action,
    resourceType: 'import',
    resourceId: job.id,
    at: job.finishedAt,
    actor: event.actor,
    changes: Object.fromEntries(
      counts
        .filter((field) => summary[field] !== undefined)
        .map((field) => [field, { before: null, after: readable(summary[field]) }]),
    ),
  };
}
