/**
 * Parse and write throughput for 100 000 rows, each against a naive split/join baseline measured in
 * the same run, so the printed ratios are comparable across machines. Runs on the built dist:
 * `npm run bench` (Node strips the types of this file itself).
 */
import { fileURLToPath } from 'node:url';
import { csvRows, parseCsv, type CsvColumn } from '@crm/csv';
import { writeBenchmarkSection } from '@crm/testing/benchmark';

const ROWS = 100_000;
const RUNS = 5;
const header = ['id', 'firstName', 'lastName', 'email', 'company', 'note'];

function row(id: number): string[] {
  return [
    String(id),
    `First${id}`,
    `Last${id}`,
    `person${id}@example.com`,
    id % 10 === 0 ? `Acme, Inc. ${id}` : `Company ${id}`,
    id % 7 === 0 ? `Said "hello"\nand left` : `Plain note number ${id}`,
  ];
}

const rows = Array.from({ length: ROWS }, (_, id) => row(id));
const columns: Array<CsvColumn<string[]>> = header.map((name, index) => ({
  header: name,
  value: (r) => r[index],
}));

async function csvText(): Promise<string> {
  let text = '';
  for await (const chunk of csvRows(columns, rows)) text += chunk;
  return text;
}

const encoded = Buffer.from(await csvText(), 'utf8');
// 64 KiB slices, as a file or socket stream would deliver them.
const slices: Uint8Array[] = [];
for (let offset = 0; offset < encoded.length; offset += 65_536) {
  slices.push(encoded.subarray(offset, offset + 65_536));
}
const naiveText = [header, ...rows].map((r) => r.join(',')).join('\n');

/** Best of RUNS after one warm-up, in milliseconds: the least disturbed measurement. */
async function best(task: () => Promise<number> | number): Promise<number> {
  await task();
  let fastest = Number.POSITIVE_INFINITY;
  for (let run = 0; run < RUNS; run += 1) {
    const start = performance.now();
    const size = await task();
    fastest = Math.min(fastest, performance.now() - start);
    if (size <= 0) throw new Error('benchmark task produced nothing');
  }
  return fastest;
}

const results = {
  parse: await best(async () => {
    let count = 0;
    for await (const { record } of parseCsv(slices)) count += record.length;
    return count;
  }),
  naiveParse: await best(() => {
    let count = 0;
    for (const line of naiveText.split('\n')) count += line.split(',').length;
    return count;
  }),
  write: await best(async () => (await csvText()).length),
  naiveWrite: await best(() => [header, ...rows].map((r) => r.join(',')).join('\n').length),
};

const megabytes = encoded.length / 1_048_576;
function line(name: string, ms: number, baselineMs: number): string {
  const rate = `${(megabytes / (ms / 1000)).toFixed(1)} MB/s, ${Math.round(ROWS / (ms / 1000))} rows/s`;
  return `${name.padEnd(6)} ${ms.toFixed(1).padStart(8)} ms  ${rate.padEnd(34)} ${(ms / baselineMs).toFixed(2)}× the naive baseline (${baselineMs.toFixed(1)} ms)\n`;
}

const summary =
  `@crm/csv: ${ROWS} rows, ${megabytes.toFixed(1)} MB, best of ${RUNS} runs\n` +
  line('parse', results.parse, results.naiveParse) +
  line('write', results.write, results.naiveWrite);
process.stdout.write(summary);

const ratio = (ms: number, baseline: number) => (ms / baseline).toFixed(2);
await writeBenchmarkSection(
  fileURLToPath(new URL('../../../../docs/benchmarks.md', import.meta.url)),
  'csv',
  [
    '## CSV streaming (`@crm/csv`)',
    '',
    `${ROWS} rows (${megabytes.toFixed(1)} MB), best of ${RUNS} runs after a warm-up, ${new Date().toISOString().slice(0, 10)}.`,
    'Baseline: a naive `split`/`join` over the same text in the same run (no quoting, no streaming, no safety).',
    '',
    '| operation | time | throughput | × baseline |',
    '| --- | --- | --- | --- |',
    `| parse (streamed, RFC 4180) | ${results.parse.toFixed(1)} ms | ${Math.round(ROWS / (results.parse / 1000))} rows/s | ${ratio(results.parse, results.naiveParse)} |`,
    `| write (streamed, formula-safe) | ${results.write.toFixed(1)} ms | ${Math.round(ROWS / (results.write / 1000))} rows/s | ${ratio(results.write, results.naiveWrite)} |`,
  ].join('\n'),
);
