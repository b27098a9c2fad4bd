import { describe, expect, it } from 'vitest';
import { HttpRefusal } from './http-refusal.js';
import {
  attachmentContentTypes,
  attachmentDisposition,
  checkUploadContent,
  cleanFileName,
  csvContentTypes,
} from './upload-content.js';
import { looksExecutable } from '@crm/object-storage';
import { windowsProgram } from './upload-content.test-support.js';

const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj');
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

function refusal(action: () => unknown): HttpRefusal {
  try {
    action();
  } catch (error) {
    if (error instanceof HttpRefusal) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const attachment = (fileName: string, declaredType: string, firstBytes: Uint8Array) =>
  checkUploadContent({ fileName, declaredType, firstBytes, allowed: attachmentContentTypes });

describe('upload content checks', () => {
  it('accepts documents whose declared type the bytes confirm, normalising the type', () => {
    expect(attachment('offer.pdf', 'application/pdf', pdf)).toBe('application/pdf');
    expect(attachment('logo.png', 'image/PNG', png)).toBe('image/png');
    expect(attachment('notes.txt', 'text/plain; charset=utf-8', Buffer.from('hello'))).toBe(
      'text/plain',
    );
    expect(attachment('blob.bin', 'application/octet-stream', Buffer.from([0, 1, 2]))).toBe(
      'application/octet-stream',
    );
  });

  it('refuses with 415 a declared type the bytes contradict, or one not taken at all', () => {
    expect(refusal(() => attachment('offer.pdf', 'application/pdf', png)).status).toBe(415);
    expect(refusal(() => attachment('x.png', 'image/png', pdf)).status).toBe(415);
    expect(refusal(() => attachment('page.html', 'text/html', Buffer.from('<p>'))).status).toBe(
      415,
    );
    expect(refusal(() => attachment('x.svg', 'image/svg+xml', Buffer.from('<svg/>'))).status).toBe(
      415,
    );
  });

  it('refuses programs by content whatever they claim to be, and by name', () => {
    const elf = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]);
    const script = Buffer.from('#!/bin/sh\nrm -rf /\n');
    for (const bytes of [windowsProgram(), elf, script]) {
      expect(looksExecutable(bytes)).toBe(true);
      const error = refusal(() => attachment('invoice.pdf', 'application/octet-stream', bytes));
      expect(error.status).toBe(415);
      expect(error.fieldErrors[0]?.path).toBe('/file');
    }
    expect(refusal(() => attachment('setup.EXE', 'text/plain', Buffer.from('hi'))).status).toBe(
      415,
    );
    // Plain text that merely starts with the letters "MZ" is not a program.
    expect(looksExecutable(Buffer.from('MZ Holdings meeting notes'.padEnd(100, '.')))).toBe(false);
  });

  it('takes empty files of the types it takes, since there is no content to contradict', () => {
    expect(attachment('empty.txt', 'text/plain', new Uint8Array())).toBe('text/plain');
    expect(refusal(() => attachment('empty.html', 'text/html', new Uint8Array())).status).toBe(415);
  });

  it('takes CSV under the names spreadsheet programs use, if the content is text', () => {
    const csv = Buffer.from('name,domain\nAcme,acme.example\n');
    for (const type of ['text/csv', 'application/vnd.ms-excel', 'application/octet-stream']) {
      expect(
        checkUploadContent({
          fileName: 'a.csv',
          declaredType: type,
          firstBytes: csv,
          allowed: csvContentTypes,
        }),
      ).toBe(type);
    }
    expect(
      refusal(() =>
        checkUploadContent({
          fileName: 'a.csv',
          declaredType: 'text/csv',
          firstBytes: png,
          allowed: csvContentTypes,
        }),
      ).status,
    ).toBe(415);
  });
});

describe('file names', () => {
  it('keeps the last path segment without control or direction characters', () => {
    expect(cleanFileName('C:\\fakepath\\offer.pdf')).toBe('offer.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(cleanFileName('a\r\nb.txt')).toBe('ab.txt');
    expect(cleanFileName('minutes\u2028v2.txt')).toBe('minutesv2.txt');
    expect(cleanFileName('   ')).toBe('file');
    expect([...cleanFileName('x'.repeat(400))]).toHaveLength(255);
  });

  it('offers downloads under their name, in ASCII and exactly (RFC 6266)', () => {
    expect(attachmentDisposition('offer.pdf')).toBe(
      `attachment; filename="offer.pdf"; filename*=UTF-8''offer.pdf`,
    );
    expect(attachmentDisposition('Angebot "März" (1).pdf')).toBe(
      `attachment; filename="Angebot _M_rz_ (1).pdf"; filename*=UTF-8''Angebot%20%22M%C3%A4rz%22%20%281%29.pdf`,
    );
  });
});
