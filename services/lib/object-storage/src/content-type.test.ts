import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  assertAllowedContent,
  detectContentType,
  normalizeContentType,
  readFirstBytes,
} from './content-type.js';
import { ContentTypeNotAllowedError } from './errors.js';

const bytes = {
  pdf: Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'),
  png: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  jpeg: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]),
  gif: Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'),
  webp: Buffer.concat([Buffer.from('RIFF'), Buffer.from([36, 0, 0, 0]), Buffer.from('WEBPVP8 ')]),
  docx: zipWithFirstEntry('[Content_Types].xml', '<?xml version="1.0"?>', 8),
  odt: zipWithFirstEntry('mimetype', 'application/vnd.oasis.opendocument.text', 0),
  csv: Buffer.from('name;amount\r\n"Müller GmbH";12,50\r\n'),
  text: Buffer.from('\ufeffPlain notes\twith a tab\n'),
  exe: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]),
};

/** A zip local file header followed by its (uncompressed when method is 0) data. */
function zipWithFirstEntry(name: string, data: string, method: number): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(method, 8);
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(data.length, 22);
  header.writeUInt16LE(name.length, 26);
  header.writeUInt16LE(0, 28);
  return Buffer.concat([header, Buffer.from(name, 'latin1'), Buffer.from(data, 'latin1')]);
}

const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const odtType = 'application/vnd.oasis.opendocument.text';
const everything = [
  'application/pdf',
  'image/*',
  docxType,
  xlsxType,
  odtType,
  'application/zip',
  'text/plain',
  'text/csv',
  'application/octet-stream',
  'video/mp4',
];

describe('detectContentType', () => {
  it.each([
    ['pdf', 'application/pdf'],
    ['png', 'image/png'],
    ['jpeg', 'image/jpeg'],
    ['gif', 'image/gif'],
    ['webp', 'image/webp'],
    ['docx', 'application/zip'],
    ['odt', odtType],
    ['csv', 'text/plain'],
    ['text', 'text/plain'],
    ['exe', undefined],
  ] as const)('recognises %s', (sample, expected) => {
    expect(detectContentType(bytes[sample])).toBe(expected);
  });

  it('accepts a UTF-8 sequence cut off by the end of the sample, but not invalid UTF-8', () => {
    expect(detectContentType(Buffer.from('Grüße').subarray(0, 4))).toBe('text/plain');
    expect(detectContentType(Buffer.from([0x61, 0xc3, 0x28]))).toBeUndefined();
    expect(detectContentType(Buffer.from('a\u0000b'))).toBeUndefined();
    expect(detectContentType(new Uint8Array())).toBeUndefined();
  });
});

describe('normalizeContentType', () => {
  it('drops parameters, lower-cases and resolves aliases', () => {
    expect(normalizeContentType('Image/JPG; q=1')).toBe('image/jpeg');
    expect(normalizeContentType('text/csv; charset=utf-8')).toBe('text/csv');
  });
});

describe('assertAllowedContent', () => {
  it.each([
    ['application/pdf', 'pdf'],
    ['image/png', 'png'],
    ['image/jpg', 'jpeg'],
    ['image/gif', 'gif'],
    ['image/webp', 'webp'],
    [docxType, 'docx'],
    [xlsxType, 'docx'],
    [odtType, 'odt'],
    ['application/zip', 'odt'],
    ['text/csv; charset=utf-8', 'csv'],
    ['text/plain', 'text'],
    ['application/octet-stream', 'pdf'],
    ['application/octet-stream', 'exe'],
  ] as const)('accepts %s with %s bytes', (declaredType, sample) => {
    const result = assertAllowedContent({
      declaredType,
      firstBytes: bytes[sample],
      allowed: everything,
    });
    expect(result.contentType).toBe(normalizeContentType(declaredType));
  });

  it.each([
    ['application/pdf', 'png', 'not application/pdf'],
    ['image/png', 'exe', 'not image/png'],
    ['image/jpeg', 'text', 'not image/jpeg'],
    [docxType, 'pdf', 'not a zip-based document'],
    [docxType, 'odt', `is ${odtType}`],
    ['text/csv', 'exe', 'not text'],
    ['text/plain', 'pdf', 'not text'],
    ['video/mp4', 'png', 'is image/png'],
    ['application/pdf', 'empty', 'not application/pdf'],
  ] as const)('refuses %s whose bytes are %s', (declaredType, sample, reason) => {
    const firstBytes = sample === 'empty' ? new Uint8Array() : bytes[sample];
    expect(() => assertAllowedContent({ declaredType, firstBytes, allowed: everything })).toThrow(
      ContentTypeNotAllowedError,
    );
    expect(() => assertAllowedContent({ declaredType, firstBytes, allowed: everything })).toThrow(
      reason,
    );
  });

  it('refuses a type outside the allowed list, even when the bytes agree', () => {
    const call = () =>
      assertAllowedContent({
        declaredType: 'image/gif',
        firstBytes: bytes.gif,
        allowed: ['application/pdf'],
      });
    expect(call).toThrow(ContentTypeNotAllowedError);
    expect(call).toThrow('image/gif is not an allowed type');
  });

  it('refuses something that is not a media type', () => {
    expect(() =>
      assertAllowedContent({ declaredType: 'pdf', firstBytes: bytes.pdf, allowed: ['*/*'] }),
    ).toThrow('not a media type');
  });

  it('reports what the bytes look like', () => {
    try {
      assertAllowedContent({
        declaredType: 'image/png',
        firstBytes: bytes.pdf,
        allowed: everything,
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ declaredType: 'image/png', detectedType: 'application/pdf' });
    }
  });
});

describe('readFirstBytes', () => {
  it('returns the head and a stream of the whole body', async () => {
    const source = Readable.from([Buffer.from('%PD'), Buffer.from('F-1.7'), Buffer.from(' rest')]);
    const { firstBytes, body } = await readFirstBytes(source, 5);
    expect(Buffer.from(firstBytes).toString()).toBe('%PDF-');
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('%PDF-1.7 rest');
  });

  it('handles a body shorter than the head', async () => {
    const { firstBytes, body } = await readFirstBytes(Readable.from([Buffer.from('ab')]), 10);
    expect(Buffer.from(firstBytes).toString()).toBe('ab');
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('ab');
  });

  it('releases the source when the replay is abandoned', async () => {
    const source = Readable.from(
      (function* () {
        for (;;) yield Buffer.alloc(1024);
      })(),
    );
    const { body } = await readFirstBytes(source, 10);
    body.destroy();
    await new Promise((resolve) => body.once('close', resolve));
    await expect.poll(() => source.destroyed).toBe(true);
  });
});
