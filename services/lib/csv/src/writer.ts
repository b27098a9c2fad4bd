import { Readable } from 'node:stream';
import type { CsvDelimiter } from './delimiter.js';
import { CsvValueError } from './errors.js';
import { escapeFormula } from './formula.js';

export type CsvValue = string | number | bigint | boolean | Date | null | undefined;

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => CsvValue;
}

export interface CsvWriteOptions {
  /**
   * Prepend a UTF-8 byte-order mark. Off by default because RFC 4180 consumers may read it as part
   * of the first header. Turn it on for files meant to be opened by double-click in Microsoft Excel,
   * which otherwise decodes UTF-8 as the legacy ANSI code page and garbles non-ASCII text.
   */
  bom?: boolean;
  /** Field separator; `,` (RFC 4180) unless a locale convention such as `;` is wanted. */
  delimiter?: CsvDelimiter;
  /** Write the header line; default true. */
  header?: boolean;
  /**
   * Rows are batched into chunks of about this many characters (default 16 KiB): big enough to keep
   * per-chunk overhead low, small enough that a paused consumer holds back at most one chunk.
   */
  chunkSize?: number;
}

const CRLF = '\r\n';

/**
 * Quotes any field holding a quote, CR, LF or any of the candidate delimiters (not only the one in
 * use). Still valid RFC 4180, and it means no unquoted `,` `;` TAB can mislead the reader's
 * delimiter auto-detection, so an export always imports back as written.
 */
const NEEDS_QUOTES = /[",;\t\r\n]/;

function quoteIfNeeded(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A one-column line holding only an empty value would read back as a blank, skipped, line. */
function lineOf(cells: readonly string[], delimiter: CsvDelimiter): string {
  return cells.length === 1 && cells[0] === '' ? '""' : cells.join(delimiter);
}

/** Numbers keep their own text: a negative amount like `-5` is data, not a formula. */
function valueText(value: CsvValue, header: string, rowIndex: number): string {
  switch (typeof value) {
    case 'string':
      return escapeFormula(value);
    case 'number':
      if (!Number.isFinite(value)) {
        throw new CsvValueError(`Cannot write the non-finite number ${value}`, header, rowIndex);
      }
      return String(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return '';
    default:
      if (value === null) return '';
      if (Number.isNaN(value.getTime())) {
        throw new CsvValueError('Cannot write an invalid Date', header, rowIndex);
      }
      return value.toISOString();
  }
}

/**
 * Serialises `rows` as RFC 4180 CSV: CRLF line ends, quotes doubled, fields with a delimiter, quote,
 * CR or LF quoted. Text cells (headers included) are protected against formula injection, see
 * `escapeFormula`; numbers, booleans and dates never need it. Pull-based: rows are only read as fast as the chunks are consumed.
 */
export async function* csvRows<T>(
  columns: ReadonlyArray<CsvColumn<T>>,
  rows: AsyncIterable<T> | Iterable<T>,
  options: CsvWriteOptions = {},
): AsyncGenerator<string, void, undefined> {
  const delimiter = options.delimiter ?? ',';
  const chunkSize = options.chunkSize ?? 16_384;

  let chunk = options.bom === true ? '\uFEFF' : '';
  if (options.header ?? true) {
    chunk += lineOf(
      columns.map((column) => quoteIfNeeded(escapeFormula(column.header))),
      delimiter,
    );
    chunk += CRLF;
  }

  let rowIndex = 0;
  const cells: string[] = new Array<string>(columns.length);
  for await (const row of rows) {
    for (let i = 0; i < columns.length; i += 1) {
      const column = columns[i]!;
      cells[i] = quoteIfNeeded(valueText(column.value(row), column.header, rowIndex));
    }
    chunk += lineOf(cells, delimiter) + CRLF;
    rowIndex += 1;
    if (chunk.length >= chunkSize) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}

/**
 * `csvRows` as a byte stream for an HTTP response (`reply.send(csvReadable(...))` or
 * `pipeline(csvReadable(...), res)`); back-pressure from the socket pauses reading `rows`.
 */
export function csvReadable<T>(
  columns: ReadonlyArray<CsvColumn<T>>,
  rows: AsyncIterable<T> | Iterable<T>,
  options: CsvWriteOptions = {},
): Readable {
  return Readable.from(csvRows(columns, rows, options), { objectMode: false });
}
