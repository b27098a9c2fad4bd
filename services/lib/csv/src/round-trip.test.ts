import { describe, expect, it } from 'vitest';
import type { CsvDelimiter } from './delimiter.js';
import { escapeFormula, unescapeFormula } from './formula.js';
import { parseCsv } from './parser.js';
import { csvRows, type CsvColumn, type CsvWriteOptions } from './writer.js';

/** Deterministic PRNG (mulberry32) so a failure reproduces from the printed seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pieces = [
  'a',
  'Z',
  '0',
  ' ',
  ',',
  ';',
  '\t',
  '"',
  '""',
  "'",
  '\r',
  '\n',
  '\r\n',
  '=',
  '-',
  '+',
  '@',
  'é',
  'ß',
  '中',
  '😀',
  '€',
  '\u00a0',
  'text',
  '=SUM(A1)',
  "'=",
  '-5',
];

function randomText(next: () => number): string {
  const length = Math.floor(next() * 8);
  let text = '';
  for (let i = 0; i < length; i += 1) text += pieces[Math.floor(next() * pieces.length)];
  return text;
}

async function writeText(
  header: string[],
  rows: string[][],
  options: CsvWriteOptions,
): Promise<string> {
  const columns: Array<CsvColumn<string[]>> = header.map((name, index) => ({
    header: name,
    value: (row) => row[index],
  }));
  let text = '';
  for await (const chunk of csvRows(columns, rows, options)) text += chunk;
  return text;
}

/** Splits text at random points so records straddle chunk boundaries. */
function* randomChunks(text: string, next: () => number): Generator<Uint8Array> {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    const size = 1 + Math.floor(next() * 40);
    yield bytes.subarray(offset, offset + size);
    offset += size;
  }
}

describe('write → parse round trip', () => {
  it.each([',', ';', '\t'] as CsvDelimiter[])(
    'restores random tables exactly (delimiter %j, auto-detected on read)',
    async (delimiter) => {
      for (let seed = 1; seed <= 150; seed += 1) {
        const next = random(seed * 7919 + delimiter.charCodeAt(0));
        const width = 1 + Math.floor(next() * 5);
        const header = Array.from({ length: width }, () => randomText(next));
        const rows = Array.from({ length: Math.floor(next() * 12) }, () =>
          Array.from({ length: width }, () => randomText(next)),
        );
        const text = await writeText(header, rows, { delimiter, bom: next() < 0.3 });

        const parsed: string[][] = [];
        for await (const { record } of parseCsv(randomChunks(text, next), {
          unescapeFormulas: true,
        })) {
          parsed.push(record);
        }
        expect(parsed, `seed ${seed}`).toEqual([header, ...rows]);
      }
    },
  );

  it('escapeFormula and unescapeFormula are inverse on any prefix of apostrophes and triggers', () => {
    const alphabet = ["'", '=', '+', '-', '@', '\t', '\r', 'x', ''];
    for (const a of alphabet) {
      for (const b of alphabet) {
        for (const c of alphabet) {
          const text = a + b + c;
          expect(unescapeFormula(escapeFormula(text))).toBe(text);
        }
      }
    }
  });

  it('reads numbers back as the text they were written as', async () => {
    const values = [-5, 0, 3.25, -1e-7, 12345678901234567890n];
    let text = '';
    for await (const chunk of csvRows(
      [{ header: 'n', value: (v: number | bigint) => v }],
      values,
    )) {
      text += chunk;
    }
    const parsed: string[] = [];
    for await (const { record } of parseCsv(text, { unescapeFormulas: true })) {
      parsed.push(record[0] ?? '');
    }
    expect(parsed).toEqual(['n', '-5', '0', '3.25', '-1e-7', '12345678901234567890']);
  });
});
