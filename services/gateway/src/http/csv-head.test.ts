import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DomainError } from '@crm/errors';
import { readCsvHead } from './csv-head.js';

function streamOf(text: string, chunkSize = 7): Readable {
  const chunks: Buffer[] = [];
  const bytes = Buffer.from(text);
  for (let start = 0; start < bytes.length; start += chunkSize) {
    chunks.push(bytes.subarray(start, start + chunkSize));
  }
  return Readable.from(chunks, { objectMode: false });
}

async function rest(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

describe('reading the head of a CSV file', () => {
  it('returns the first records and leaves the stream readable for the rest', async () => {
    const lines = ['name,domain', 'Acme,acme.example', '"Globex, Inc.",globex.example'];
    for (let row = 0; row < 20; row += 1) lines.push(`Row ${row},r${row}.example`);
    const stream = streamOf(lines.join('\r\n'));
    const head = await readCsvHead(stream, { maxRecords: 3, maxBytes: 1_000_000 });
    expect(head).toEqual([
      ['name', 'domain'],
      ['Acme', 'acme.example'],
      ['Globex, Inc.', 'globex.example'],
    ]);
    expect(stream.destroyed).toBe(false);
    expect(await rest(stream)).toContain('Row 19,r19.example');
  });

  it('undoes export formula escapes, as the import does', async () => {
    const head = await readCsvHead(streamOf(`name\n'=SUM(A1)\n`), {
      maxRecords: 5,
      maxBytes: 1000,
    });
    expect(head).toEqual([['name'], ['=SUM(A1)']]);
  });

  it('drops a record the byte budget may have cut', async () => {
    const head = await readCsvHead(streamOf('a,b\n1,2\n3,4444444444', 4), {
      maxRecords: 10,
      maxBytes: 12,
    });
    expect(head).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('names the file for malformed CSV', async () => {
    const failure = await readCsvHead(streamOf('a,b\n"unterminated,2\n'), {
      maxRecords: 5,
      maxBytes: 1000,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DomainError);
    expect((failure as DomainError).fieldErrors[0]?.path).toBe('/file');
  });
});
