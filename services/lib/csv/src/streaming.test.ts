import { describe, expect, it } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseCsv } from './parser.js';
import { csvReadable, type CsvColumn } from './writer.js';

// A forced collection makes the memory figures measure what is retained, not garbage not yet swept.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function retainedBytes(): number {
  collectGarbage();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

interface Row {
  id: number;
  name: string;
  note: string;
  amount: number;
}

/** ~500 characters per row with quotes, delimiters, line breaks, formula triggers and non-Latin-1. */
function rowAt(id: number): Row {
  return {
    id,
    name: id % 3 === 0 ? `=Name ${id}` : `Contact "${id}", Ltd; 中文 😀`,
    note: `line one ${id}\r\nline two, ${'x'.repeat(400)} €`,
    amount: id % 2 === 0 ? -id / 4 : id,
  };
}

const columns: Array<CsvColumn<Row>> = [
  { header: 'id', value: (r) => r.id },
  { header: 'name', value: (r) => r.name },
  { header: 'note', value: (r) => r.note },
  { header: 'amount', value: (r) => r.amount },
];

describe('100 000 rows', () => {
  it('stream through the writer and the parser without being buffered', async () => {
    const total = 100_000;
    function* rows(): Generator<Row> {
      for (let id = 0; id < total; id += 1) yield rowAt(id);
    }
    const before = retainedBytes();
    let peak = 0;
    let count = 0;
    for await (const { record, line } of parseCsv(csvReadable(columns, rows()), {
      unescapeFormulas: true,
    })) {
      if (count === 0) {
        expect(record).toEqual(['id', 'name', 'note', 'amount']);
      } else {
        const expected = rowAt(count - 1);
        // Two physical lines per data record because of the note's embedded CRLF.
        expect(line).toBe(2 * count);
        expect(record[0]).toBe(String(expected.id));
        expect(record[1]).toBe(expected.name);
        expect(record[2]).toBe(expected.note);
        expect(record[3]).toBe(String(expected.amount));
      }
      count += 1;
      if (count % 10_000 === 0) peak = Math.max(peak, retainedBytes() - before);
    }
    expect(count).toBe(total + 1);
    // The text is ~100 MB as UTF-16; buffering any sizeable part of it would blow this bound.
    expect(peak).toBeLessThan(50 * 1024 * 1024);
  });
});
