import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { CsvValueError } from './errors.js';
import {
  csvReadable,
  csvRows,
  type CsvColumn,
  type CsvValue,
  type CsvWriteOptions,
} from './writer.js';

async function write<T>(
  columns: ReadonlyArray<CsvColumn<T>>,
  rows: Iterable<T> | AsyncIterable<T>,
  options?: CsvWriteOptions,
): Promise<string> {
  let text = '';
  for await (const chunk of csvRows(columns, rows, options)) text += chunk;
  return text;
}

/** One column named `v` holding each given value. */
function single(values: CsvValue[], options?: CsvWriteOptions): Promise<string> {
  return write([{ header: 'v', value: (v: CsvValue) => v }], values, options);
}

describe('csvRows', () => {
  it('writes a header and CRLF-terminated records', async () => {
    const columns: Array<CsvColumn<{ name: string; deals: number }>> = [
      { header: 'name', value: (r) => r.name },
      { header: 'deals', value: (r) => r.deals },
    ];
    expect(
      await write(columns, [
        { name: 'Ada', deals: 3 },
        { name: 'Bob', deals: 0 },
      ]),
    ).toBe('name,deals\r\nAda,3\r\nBob,0\r\n');
  });

  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['l1\r\nl2', '"l1\r\nl2"'],
    ['l1\nl2', '"l1\nl2"'],
    ['cr\r', '"cr\r"'],
    ['semi;colon', '"semi;colon"'],
    ['tab\there', '"tab\there"'],
    [' spaced ', ' spaced '],
    ['é 😀', 'é 😀'],
  ])('quotes %j as %j', async (value, cell) => {
    expect(await single([value], { header: false })).toBe(`${cell}\r\n`);
  });

  it.each([
    ['=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
    ['=1+1', "'=1+1"],
    ['+44 20 7946 0000', "'+44 20 7946 0000"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', '"\'\tcmd"'],
    ['\rcmd', '"\'\rcmd"'],
    ["'=already", "''=already"],
    ["'plain", "'plain"],
    ['a=b', 'a=b'],
  ])('exports the text cell %j safely as %j', async (value, cell) => {
    expect(await single([value], { header: false })).toBe(`${cell}\r\n`);
  });

  it('protects header cells too', async () => {
    expect(await write([{ header: '=cmd', value: () => 1 }], [])).toBe("'=cmd\r\n");
  });

  it('writes numbers, bigints, booleans and dates unaltered', async () => {
    const values: CsvValue[] = [
      -5,
      -0.25,
      1234.5,
      -12n,
      2n ** 70n,
      true,
      false,
      new Date(Date.UTC(2024, 2, 1, 12, 30, 5, 7)),
    ];
    expect(await single(values, { header: false })).toBe(
      '-5\r\n-0.25\r\n1234.5\r\n-12\r\n1180591620717411303424\r\ntrue\r\nfalse\r\n' +
        '2024-03-01T12:30:05.007Z\r\n',
    );
  });

  it('writes null and undefined as empty fields', async () => {
    const columns: Array<CsvColumn<CsvValue>> = [
      { header: 'a', value: () => null },
      { header: 'b', value: () => undefined },
    ];
    expect(await write(columns, [0], { header: false })).toBe(',\r\n');
  });

  it('quotes an empty value that is alone on its line so it is not read as a blank line', async () => {
    expect(await single(['', null], { header: false })).toBe('""\r\n""\r\n');
  });

  it('refuses non-finite numbers and invalid dates with the column and row', async () => {
    await expect(single([1, Number.NaN])).rejects.toBeInstanceOf(CsvValueError);
    await expect(single([Number.POSITIVE_INFINITY])).rejects.toMatchObject({
      header: 'v',
      rowIndex: 0,
    });
    await expect(single([new Date(Number.NaN)])).rejects.toThrow(/invalid Date/);
  });

  it('adds a BOM only when asked', async () => {
    expect(await single(['x'], { bom: true })).toBe('\uFEFFv\r\nx\r\n');
    expect(await single(['x'])).toBe('v\r\nx\r\n');
  });

  it('uses another delimiter when asked', async () => {
    const columns: Array<CsvColumn<string[]>> = [
      { header: 'a', value: (r) => r[0] },
      { header: 'b', value: (r) => r[1] },
    ];
    expect(await write(columns, [['1,5', 'x']], { delimiter: ';' })).toBe('a;b\r\n"1,5";x\r\n');
  });

  it('reads async row sources and batches output into chunks', async () => {
    async function* rows() {
      for (let i = 0; i < 1000; i += 1) yield i;
    }
    const chunks: string[] = [];
    for await (const chunk of csvRows([{ header: 'n', value: (n: number) => n }], rows(), {
      chunkSize: 256,
    })) {
      chunks.push(chunk);
    }
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.every((chunk) => chunk.length < 256 + 16)).toBe(true);
    expect(chunks.join('').split('\r\n')).toHaveLength(1002);
  });
});

describe('csvReadable', () => {
  it('stops pulling rows while the destination is not draining', async () => {
    const total = 100_000;
    let produced = 0;
    function* rows() {
      for (let i = 0; i < total; i += 1) {
        produced += 1;
        yield i;
      }
    }
    const held: Array<() => void> = [];
    let flowing = false;
    let bytes = 0;
    const sink = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        if (flowing) callback();
        else held.push(() => callback());
      },
    });
    const source = csvReadable(
      [{ header: 'n', value: (n: number) => `row ${n} padding` }],
      rows(),
      {
        chunkSize: 1024,
      },
    );
    source.pipe(sink);

    // Let the event loop run many turns with the sink stalled; production must stay bounded.
    for (let turn = 0; turn < 50; turn += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(held.length).toBeGreaterThan(0);
    expect(produced).toBeLessThan(10_000);

    flowing = true;
    for (const release of held.splice(0)) release();
    await finished(sink);
    expect(produced).toBe(total);
    expect(bytes).toBeGreaterThan(total * 10);
  });
});
