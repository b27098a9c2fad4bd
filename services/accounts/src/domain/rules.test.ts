import { describe, expect, it } from 'vitest';
import { DomainError } from '@crm/errors';
import { parseNewAttachment } from './attachment.js';
import { parseAccountFilters, parseContactFilters } from './list-filters.js';
import { parseSubject } from './subject.js';
import { parseNoteBody } from './timeline.js';
import { parseExpectedVersion, parseRequiredVersion } from './version.js';

const id = '0193a1b2-0000-7000-8000-00000000000a';

const pathsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.fieldErrors.map((e) => e.path);
    throw error;
  }
  throw new Error('expected a DomainError');
};

describe('list filters', () => {
  it('normalise tags, statuses and industries, and name the query parameter at fault', () => {
    expect(
      parseAccountFilters({ statuses: ['customer'], tags: ['VIP'], industries: [' Retail '] }),
    ).toEqual({ ownerIds: [], statuses: ['customer'], tags: ['vip'], industries: ['retail'] });
    expect(pathsOf(() => parseAccountFilters({ ownerIds: ['bob'], statuses: ['lead'] }))).toEqual([
      '/ownerId',
      '/status',
    ]);
    expect(pathsOf(() => parseContactFilters({ accountIds: ['acme'] }))).toEqual(['/accountId']);
  });
});

describe('versions', () => {
  it('read int64 text; 0 means current, except where a version is required', () => {
    expect(parseExpectedVersion('0')).toBeUndefined();
    expect(parseExpectedVersion('7')).toBe(7);
    expect(parseRequiredVersion('3')).toBe(3);
    expect(pathsOf(() => parseRequiredVersion('0'))).toEqual(['/version']);
    expect(pathsOf(() => parseExpectedVersion('-1', '/mergedVersion'))).toEqual(['/mergedVersion']);
  });
});

describe('notes and subjects', () => {
  it('need a body of at most 10 000 characters', () => {
    expect(parseNoteBody('  Called.\nNo answer.  ')).toBe('Called.\nNo answer.');
    expect(pathsOf(() => parseNoteBody('   '))).toEqual(['/body']);
    expect(pathsOf(() => parseNoteBody('x'.repeat(10_001)))).toEqual(['/body']);
  });

  it('name an account or contact by a UUID', () => {
    expect(parseSubject('contact', id.toUpperCase())).toEqual({ type: 'contact', id });
    expect(() => parseSubject('account', 'acme')).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
    expect(pathsOf(() => parseSubject(undefined, id))).toEqual(['/subject/type']);
  });
});

describe('parseNewAttachment', () => {
  const valid = {
    subject: { type: 'account' as const, id },
    fileName: 'Offer 2026.pdf',
    contentType: 'Application/PDF; charset=binary',
    sizeBytes: '1024',
    sha256: 'A'.repeat(64),
    objectKey: `attachments/${id}/offer.pdf`,
  };

  it('keeps the media type without parameters and the hash in lower case', () => {
    expect(parseNewAttachment(valid)).toMatchObject({
      contentType: 'application/pdf',
      sizeBytes: 1024,
      sha256: 'a'.repeat(64),
    });
  });

  it('refuses paths as names, bad hashes, sizes and keys', () => {
    expect(
      pathsOf(() =>
        parseNewAttachment({
          ...valid,
          fileName: '../etc/passwd',
          contentType: 'pdf',
          sizeBytes: '-1',
          sha256: 'xyz',
          objectKey: '../escape',
        }),
      ),
    ).toEqual(['/fileName', '/contentType', '/sizeBytes', '/sha256', '/objectKey']);
  });

  it('refuses names that formatting characters disguise', () => {
    // Shown as "invoiceexe.pdf".
    expect(
      pathsOf(() => parseNewAttachment({ ...valid, fileName: 'invoice\u202efdp.exe' })),
    ).toEqual(['/fileName']);
  });
});
