import { describe, expect, it } from 'vitest';
import { Account, AccountStatus, CompanySize } from '@crm/proto/crm/accounts/v1/accounts';
import { Contact } from '@crm/proto/crm/accounts/v1/contacts';
import {
  AccountDeleted,
  AccountsMerged,
  ContactUpdated,
  ImportFinished,
} from '@crm/proto/crm/accounts/v1/events';
import { ImportJob, ImportStatus } from '@crm/proto/crm/accounts/v1/imports';
import { SubjectType } from '@crm/proto/crm/accounts/v1/timeline';
import { addressBookAudit } from './address-book-audit.js';

const encode = (json: unknown) => new TextEncoder().encode(JSON.stringify(json));
const audit = (subject: string, json: unknown) => {
  const toAudit = addressBookAudit[subject];
  if (!toAudit) throw new Error(`no audit for ${subject}`);
  return toAudit(encode(json));
};
const actor = { userId: '0193a1b2-0000-7000-8000-000000000001', address: '203.0.113.9' };

describe('addressBookAudit', () => {
  it('lists every field of a deleted account as it was, in the words of the API', () => {
    const account = Account.fromPartial({
      id: 'a1',
      name: 'Initech',
      size: CompanySize.COMPANY_SIZE_5001_PLUS,
      status: AccountStatus.ACCOUNT_STATUS_FORMER_CUSTOMER,
      version: '7',
    });
    const record = audit(
      'crm.accounts.v1.account.deleted',
      AccountDeleted.toJSON({ account, actor }),
    );
    expect(record).toMatchObject({ action: 'account.deleted', resourceId: 'a1', actor });
    expect(record.changes).toEqual({
      name: { before: 'Initech', after: null },
      size: { before: '5001+', after: null },
      status: { before: 'former_customer', after: null },
    });
  });

  it('names the merged account and what the survivor gained', () => {
    const previous = Account.fromPartial({ id: 's', name: 'Acme', version: '2' });
    const survivor = { ...previous, domain: 'acme.com', size: CompanySize.COMPANY_SIZE_11_50 };
    const merged = Account.fromPartial({ id: 'm', name: 'ACME Inc', domain: 'acme.com' });
    const record = audit(
      'crm.accounts.v1.account.merged',
      AccountsMerged.toJSON({ survivor, merged, previous, actor }),
    );
    expect(record).toMatchObject({ action: 'account.merged', resourceId: 's' });
    expect(record.changes).toEqual({
      mergedAccount: { before: { id: 'm', name: 'ACME Inc' }, after: null },
      domain: { before: null, after: 'acme.com' },
      size: { before: null, after: '11-50' },
    });
  });

  it('keeps to the changed fields of an update, and leaves out bookkeeping', () => {
    const previous = Contact.fromPartial({ id: 'c', firstName: 'Ann', lastName: 'Lee' });
    const contact = { ...previous, title: 'CFO', version: '2', updatedAt: '2026-12-03T10:00:00Z' };
    const record = audit(
      'crm.accounts.v1.contact.updated',
      ContactUpdated.toJSON({ contact, previous, changedFields: ['title', 'version'], actor }),
    );
    expect(record).toMatchObject({ at: '2026-12-03T10:00:00Z', resourceType: 'contact' });
    expect(record.changes).toEqual({ title: { before: null, after: 'CFO' } });
  });

  it('summarises an import job with its counts', () => {
    const job = ImportJob.fromPartial({
      id: 'j',
      entity: SubjectType.SUBJECT_TYPE_CONTACT,
      status: ImportStatus.IMPORT_STATUS_COMPLETED,
      fileName: 'people.csv',
      totalRows: '3',
      createdCount: '2',
      errorCount: '1',
      finishedAt: '2026-12-03T11:00:00Z',
    });
    const record = audit('crm.accounts.v1.import.completed', ImportFinished.toJSON({ job, actor }));
    expect(record).toMatchObject({ action: 'import.completed', resourceType: 'import' });
    expect(record.changes).toEqual({
      fileName: { before: null, after: 'people.csv' },
      entity: { before: null, after: 'contact' },
      totalRows: { before: null, after: '3' },
      createdCount: { before: null, after: '2' },
      errorCount: { before: null, after: '1' },
    });
  });

  it('refuses a message that is not the event its subject promises', () => {
    expect(() => audit('crm.accounts.v1.account.updated', { previous: {} })).toThrow(
      /without its record/,
    );
    expect(() =>
      addressBookAudit['crm.accounts.v1.contact.created']?.(encode('not json')),
    ).toThrow();
  });
});
