import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { CsvSyntaxError } from './errors.js';
import { detectDelimiter } from './delimiter.js';
import { parseCsv, type CsvParseOptions, type CsvRecord } from './parser.js';

async function collect(
  source: Parameters<typeof parseCsv>[0],
  options?: CsvParseOptions,
): Promise<CsvRecord[]> {
  const records: CsvRecord[] = [];
  for await (const record of parseCsv(source, options)) records.push(record);
  return records;
}

async function records(text: string, options?: CsvParseOptions): Promise<string[][]> {
  return (await collect(text, options)).map((r) => r.record);
}

async function failure(
  source: Parameters<typeof parseCsv>[0],
  options?: CsvParseOptions,
): Promise<CsvSyntaxError> {
  try {
    await collect(source, options);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return error;
    throw error;
  }
  throw new Error('expected a CsvSyntaxError');
}

/** Every byte as its own chunk: exercises state carried across chunk boundaries. */
function byteChunks(text: string): Uint8Array[] {
  return [...Buffer.from(text, 'utf8')].map((byte) => Uint8Array.of(byte));
}

const cases: Array<{ name: string; input: string; expected: string[][] }> = [
  {
    name: 'CRLF records',
    input: 'a,b,c\r\n1,2,3\r\n',
    expected: [
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ],
  },
  {
    name: 'no final line break',
    input: 'a,b\r\n1,2',
    expected: [
      ['a', 'b'],
      ['1', '2'],
    ],
  },
  {
    name: 'LF line ends',
    input: 'a,b\n1,2\n',
    expected: [
      ['a', 'b'],
      ['1', '2'],
    ],
  },
  {
    name: 'CR line ends',
    input: 'a,b\r1,2\r',
    expected: [
      ['a', 'b'],
      ['1', '2'],
    ],
  },
  { name: 'mixed line ends', input: 'a\r\nb\nc\rd', expected: [['a'], ['b'], ['c'], ['d']] },
  { name: 'empty fields', input: ',,\r\n', expected: [['', '', '']] },
  {
    name: 'trailing delimiter',
    input: 'a,\r\nb,',
    expected: [
      ['a', ''],
      ['b', ''],
    ],
  },
  { name: 'leading delimiter', input: ',a', expected: [['', 'a']] },
  { name: 'quoted empty field', input: '""\r\n"",""', expected: [[''], ['', '']] },
  { name: 'quoted delimiter', input: '"a,b",c', expected: [['a,b', 'c']] },
  { name: 'doubled quotes', input: '"say ""hi""",x', expected: [['say "hi"', 'x']] },
  { name: 'only a quote', input: '""""', expected: [['"']] },
  { name: 'quote at end', input: '"a"""', expected: [['a"']] },
  { name: 'embedded CRLF', input: '"l1\r\nl2",x\r\ny', expected: [['l1\r\nl2', 'x'], ['y']] },
  { name: 'embedded LF and CR', input: '"a\nb\rc"', expected: [['a\nb\rc']] },
  { name: 'spaces kept', input: ' a , b ', expected: [[' a ', ' b ']] },
  { name: 'blank lines skipped', input: 'a\r\n\r\n\nb\r\n\r\n', expected: [['a'], ['b']] },
  {
    name: 'unicode',
    input: 'é,😀,中文\r\n"€ ""x""",ß',
    expected: [
      ['é', '😀', '中文'],
      ['€ "x"', 'ß'],
    ],
  },
  { name: 'apostrophes kept by default', input: "'=1+1,'x", expected: [["'=1+1", "'x"]] },
  { name: 'empty input', input: '', expected: [] },
  { name: 'only line breaks', input: '\r\n\r\n', expected: [] },
];

describe('parseCsv (RFC 4180)', () => {
  it.each(cases)('$name', async ({ input, expected }) => {
    expect(await records(input)).toEqual(expected);
  });

  it.each(cases)('$name, fed one byte at a time', async ({ input, expected }) => {
    expect((await collect(byteChunks(input))).map((r) => r.record)).toEqual(expected);
  });

  it.each(cases)('$name, fed one character at a time as strings', async ({ input, expected }) => {
    expect((await collect([...input])).map((r) => r.record)).toEqual(expected);
  });

  it('reports the physical line each record starts on', async () => {
    const parsed = await collect('h1,h2\r\n"multi\r\nline",x\r\n\r\nlast,"a\nb"\nend');
    expect(parsed.map((r) => r.line)).toEqual([1, 2, 5, 7]);
  });

  it('can keep blank lines as single empty fields', async () => {
    expect(await records('a\r\n\r\nb', { skipEmptyLines: false })).toEqual([['a'], [''], ['b']]);
  });

  it('reads a Node Readable of Buffers', async () => {
    const stream = Readable.from([Buffer.from('a,b\r\n'), Buffer.from('1,"2\r\n3"\r\n')]);
    expect((await collect(stream)).map((r) => r.record)).toEqual([
      ['a', 'b'],
      ['1', '2\r\n3'],
    ]);
  });
});

describe('byte-order mark', () => {
  it('drops a UTF-8 BOM from bytes', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('name,email\r\n')]);
    expect(await collect([bytes])).toEqual([{ line: 1, record: ['name', 'email'] }]);
  });

  it('drops a BOM split over chunks and one in decoded text', async () => {
    expect((await collect(byteChunks('\uFEFFname;x'))).map((r) => r.record)).toEqual([
      ['name', 'x'],
    ]);
    expect(await records('\uFEFFname')).toEqual([['name']]);
  });

  it('keeps a U+FEFF that is not at the very start', async () => {
    expect(await records('a\r\n\uFEFFb')).toEqual([['a'], ['\uFEFFb']]);
  });
});

describe('delimiters', () => {
  it.each([
    ['a,b;c', ','],
    ['a;b;c,d', ';'],
    ['a\tb\tc', '\t'],
    ['"x;y;z",b', ','],
    ['"a,b,c";d;e', ';'],
    ['single', ','],
    ['', ','],
  ] as const)('detects the delimiter of %j as %j', (line, delimiter) => {
    expect(detectDelimiter(line)).toBe(delimiter);
  });

  it('auto-detects from the header line and applies it to every record', async () => {
    expect(await records('name;note\r\nAda;"a;b, c"\r\nBob;x,y')).toEqual([
      ['name', 'note'],
      ['Ada', 'a;b, c'],
      ['Bob', 'x,y'],
    ]);
    expect(await records('name\tnote\nAda\ta,b;c')).toEqual([
      ['name', 'note'],
      ['Ada', 'a,b;c'],
    ]);
  });

  it('auto-detects when the header line arrives in many chunks', async () => {
    expect((await collect([...'a;"b\r\nc";d\r\n1;2;3'])).map((r) => r.record)).toEqual([
      ['a', 'b\r\nc', 'd'],
      ['1', '2', '3'],
    ]);
  });

  it('uses an explicit delimiter instead of detecting one', async () => {
    expect(await records('a;b\r\n1;2', { delimiter: ',' })).toEqual([['a;b'], ['1;2']]);
  });
});

describe('unescapeFormulas', () => {
  it('removes the export prefix only before a formula trigger', async () => {
    const input = "'=SUM(A1),'+1,'-2,'@x,\"'\t\",\"'\rr\",'plain,''=kept-one,-5";
    expect(await records(input, { unescapeFormulas: true })).toEqual([
      ['=SUM(A1)', '+1', '-2', '@x', '\t', '\rr', "'plain", "'=kept-one", '-5'],
    ]);
  });
});

describe('errors', () => {
  it('rejects an unterminated quote, pointing at the line it opened on', async () => {
    const error = await failure('a,b\r\nc,"open\r\nmore\r\n');
    expect(error).toMatchObject({ code: 'unterminated_quote', line: 2, column: 2 });
    expect(error.message).toContain('line 2');
  });

  it('rejects a quote inside an unquoted field', async () => {
    expect(await failure('a\r\nb\r\nab"c')).toMatchObject({
      code: 'unexpected_quote',
      line: 3,
      column: 1,
    });
  });

  it('rejects text after a closing quote', async () => {
    expect(await failure('x,"a"b')).toMatchObject({ code: 'unexpected_quote', line: 1, column: 2 });
  });

  it('rejects a field longer than maxFieldSize, also across chunks', async () => {
    expect(await failure('ab,cd\r\nabc,abcdefgh', { maxFieldSize: 4 })).toMatchObject({
      code: 'field_too_large',
      line: 2,
      column: 2,
    });
    const endless = (function* () {
      yield '"';
      for (;;) yield 'x'.repeat(1024);
    })();
    expect(await failure(endless, { maxFieldSize: 10_000 })).toMatchObject({
      code: 'field_too_large',
      line: 1,
    });
  });

  it('rejects a record with more than maxColumns fields', async () => {
    expect(await failure('a,b\r\nc,d,e', { maxColumns: 2 })).toMatchObject({
      code: 'too_many_columns',
      line: 2,
      column: 3,
    });
  });

  it('rejects bytes that are not UTF-8 after yielding the records before them', async () => {
    const bytes = Buffer.concat([
      Buffer.from('a\r\nb\r\nc'),
      Buffer.from([0xff]),
      Buffer.from('\r\n'),
    ]);
    const seen: string[][] = [];
    let caught: unknown;
    try {
      for await (const { record } of parseCsv([bytes])) seen.push(record);
    } catch (error) {
      caught = error;
    }
    expect(seen).toEqual([['a'], ['b']]);
    expect(caught).toMatchObject({ code: 'invalid_utf8', line: 3 });
  });

  it('rejects input ending inside a multi-byte character', async () => {
    expect(await failure([Buffer.from('a\r\nb'), Uint8Array.of(0xe2, 0x82)])).toMatchObject({
      code: 'invalid_utf8',
      line: 2,
    });
  });
});
