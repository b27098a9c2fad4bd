import { scanHeader, type CsvDelimiter } from './delimiter.js';
import { CsvSyntaxError } from './errors.js';
import { unescapeFormula } from './formula.js';

export interface CsvRecord {
  /** 1-based physical line on which the record starts (a quoted field may span several). */
  line: number;
  record: string[];
}

export interface CsvParseOptions {
  /** `auto` (default) picks the most frequent of `,` `;` TAB in the header line, else `,`. */
  delimiter?: CsvDelimiter | 'auto';
  /** Longest field accepted, in UTF-16 code units; default 1 MiB. Bounds memory on hostile input. */
  maxFieldSize?: number;
  /** Most fields accepted in one record; default 1000. */
  maxColumns?: number;
  /** Undo the writer's formula-injection prefix so an export imports unchanged; default false. */
  unescapeFormulas?: boolean;
  /** Skip lines with no characters at all; default true. */
  skipEmptyLines?: boolean;
}

/**
 * Bytes (UTF-8) or already-decoded text, e.g. a `Readable` from an upload, `fs.createReadStream`,
 * or an array of strings. A whole document may also be passed as one string.
 */
export type CsvSource = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const BOM = 0xfeff;

/** How much text auto-detection may hold back while waiting for the end of the header line. */
const HEADER_SCAN_LIMIT = 65_536;

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** A quote seen inside a quoted field: either the first of a doubled pair or the closing quote. */
const QUOTED_QUOTE = 3;

/** RFC 4180 state machine over decoded text; fed chunk by chunk, keeps only the current record. */
class RecordParser {
  /** Physical line of the next character. */
  line = 1;
  private state = FIELD_START;
  private field = '';
  private record: string[] = [];
  private recordLine = 1;
  private fieldLine = 1;
  /** A record ended on CR at the end of the last chunk: a leading LF completes that CRLF. */
  private afterCR = false;
  /** The previous character inside quotes was CR, so a LF now does not start another line. */
  private quotedCR = false;
  private readonly delimiter: number;

  constructor(
    delimiter: CsvDelimiter,
    private readonly maxFieldSize: number,
    private readonly maxColumns: number,
    private readonly unescape: boolean,
    private readonly skipEmptyLines: boolean,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  push(text: string, out: CsvRecord[]): void {
    const n = text.length;
    const delimiter = this.delimiter;
    let start = 0;
    let i = 0;
    if (this.afterCR && n > 0) {
      this.afterCR = false;
      if (text.charCodeAt(0) === LF) start = i = 1;
    }
    for (; i < n; i += 1) {
      const c = text.charCodeAt(i);
      switch (this.state) {
        case FIELD_START:
          if (c === QUOTE) {
            this.state = QUOTED;
            this.fieldLine = this.line;
            this.quotedCR = false;
            start = i + 1;
          } else if (c === delimiter) {
            this.endField();
            start = i + 1;
          } else if (c === CR || c === LF) {
            // A delimiter just before the line end means one more, empty, field.
            if (this.record.length > 0) this.endField();
            i = this.endRecord(text, i, out);
            start = i + 1;
          } else {
            this.state = UNQUOTED;
            this.fieldLine = this.line;
            start = i;
          }
          break;
        case UNQUOTED:
          if (c === delimiter) {
            this.field += text.slice(start, i);
            this.endField();
            start = i + 1;
          } else if (c === CR || c === LF) {
            this.field += text.slice(start, i);
            this.endField();
            i = this.endRecord(text, i, out);
            start = i + 1;
          } else if (c === QUOTE) {
            throw this.error('unexpected_quote', 'A quote inside an unquoted field');
          }
          break;
        case QUOTED:
          if (c === QUOTE) {
            this.field += text.slice(start, i);
            this.state = QUOTED_QUOTE;
            start = i + 1;
          } else if (c === CR) {
            this.line += 1;
            this.quotedCR = true;
          } else {
            if (c === LF && !this.quotedCR) this.line += 1;
            this.quotedCR = false;
          }
          break;
        default:
          if (c === QUOTE) {
            this.field += '"';
            this.state = QUOTED;
            this.quotedCR = false;
            start = i + 1;
          } else if (c === delimiter) {
            this.endField();
            start = i + 1;
          } else if (c === CR || c === LF) {
            this.endField();
            i = this.endRecord(text, i, out);
            start = i + 1;
          } else {
            throw this.error('unexpected_quote', 'Text after the closing quote of a field');
          }
      }
    }
    if (this.state === UNQUOTED || this.state === QUOTED) {
      this.field += text.slice(start);
      this.checkFieldSize();
    }
  }

  end(out: CsvRecord[]): void {
    switch (this.state) {
      case QUOTED:
        throw new CsvSyntaxError(
          'unterminated_quote',
          'A quoted field is never closed',
          this.fieldLine,
          this.record.length + 1,
        );
      case UNQUOTED:
      case QUOTED_QUOTE:
        this.endField();
        out.push({ line: this.recordLine, record: this.record });
        break;
      default:
        if (this.record.length > 0) {
          this.endField();
          out.push({ line: this.recordLine, record: this.record });
        }
    }
    this.record = [];
  }

  private checkFieldSize(): void {
    if (this.field.length > this.maxFieldSize) {
      throw new CsvSyntaxError(
        'field_too_large',
        `A field is longer than ${this.maxFieldSize} characters`,
        this.fieldLine,
        this.record.length + 1,
      );
    }
  }

  private endField(): void {
    this.checkFieldSize();
    if (this.record.length >= this.maxColumns) {
      throw new CsvSyntaxError(
        'too_many_columns',
        `A record has more than ${this.maxColumns} fields`,
        this.recordLine,
        this.record.length + 1,
      );
    }
    this.record.push(this.unescape ? unescapeFormula(this.field) : this.field);
    this.field = '';
    this.state = FIELD_START;
  }

  /** Ends the record at the line break at `i`; returns the index of the break's last character. */
  private endRecord(text: string, i: number, out: CsvRecord[]): number {
    if (this.record.length > 0) {
      out.push({ line: this.recordLine, record: this.record });
      this.record = [];
    } else if (!this.skipEmptyLines) {
      out.push({ line: this.recordLine, record: [''] });
    }
    this.line += 1;
    this.recordLine = this.line;
    this.state = FIELD_START;
    if (text.charCodeAt(i) === CR) {
      if (i + 1 === text.length) this.afterCR = true;
      else if (text.charCodeAt(i + 1) === LF) return i + 1;
    }
    return i;
  }

  private error(code: 'unexpected_quote', message: string): CsvSyntaxError {
    return new CsvSyntaxError(code, message, this.line, this.record.length + 1);
  }
}

/** Decoding, BOM removal and delimiter detection in front of the state machine. */
class CsvReader {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private started = false;
  /** Text held back until the header line shows which delimiter is used. */
  private head = '';
  private parser: RecordParser | undefined;

  constructor(private readonly options: CsvParseOptions) {
    const delimiter = options.delimiter ?? 'auto';
    if (delimiter !== 'auto') this.parser = this.createParser(delimiter);
  }

  write(chunk: Uint8Array | string, out: CsvRecord[]): void {
    if (typeof chunk === 'string') {
      this.text(chunk, out);
      return;
    }
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch {
      // Parse what precedes the bad bytes so the error carries the line they are on.
      const lenient = new TextDecoder('utf-8', { ignoreBOM: true }).decode(chunk);
      const bad = lenient.indexOf('\uFFFD');
      this.text(lenient.slice(0, Math.max(bad, 0)), out);
      throw this.invalidUtf8(out);
    }
    this.text(text, out);
  }

  end(out: CsvRecord[]): void {
    let tail: string;
    try {
      tail = this.decoder.decode();
    } catch {
      throw this.invalidUtf8(out);
    }
    this.text(tail, out);
    this.ensureParser(out).end(out);
  }

  private text(text: string, out: CsvRecord[]): void {
    if (!this.started) {
      if (text.length === 0) return;
      this.started = true;
      if (text.charCodeAt(0) === BOM) text = text.slice(1);
    }
    if (this.parser !== undefined) {
      this.parser.push(text, out);
      return;
    }
    this.head += text;
    const scan = scanHeader(this.head);
    if (scan.complete || this.head.length >= HEADER_SCAN_LIMIT) this.ensureParser(out);
  }

  private ensureParser(out: CsvRecord[]): RecordParser {
    if (this.parser !== undefined) return this.parser;
    const parser = this.createParser(scanHeader(this.head).delimiter);
    this.parser = parser;
    const head = this.head;
    this.head = '';
    parser.push(head, out);
    return parser;
  }

  private invalidUtf8(out: CsvRecord[]): CsvSyntaxError {
    const line = this.ensureParser(out).line;
    return new CsvSyntaxError('invalid_utf8', 'The file is not valid UTF-8 text', line);
  }

  private createParser(delimiter: CsvDelimiter): RecordParser {
    return new RecordParser(
      delimiter,
      this.options.maxFieldSize ?? 1_048_576,
      this.options.maxColumns ?? 1000,
      this.options.unescapeFormulas ?? false,
      this.options.skipEmptyLines ?? true,
    );
  }
}

/**
 * Streams RFC 4180 records out of `source`: quoted fields with embedded delimiters, quotes and line
 * breaks; CRLF, LF or CR line ends; a leading UTF-8 BOM is dropped. Malformed input throws
 * `CsvSyntaxError` after every record before the fault has been yielded.
 */
export async function* parseCsv(
  source: CsvSource | string,
  options: CsvParseOptions = {},
): AsyncGenerator<CsvRecord, void, undefined> {
  const reader = new CsvReader(options);
  const out: CsvRecord[] = [];
  const chunks = typeof source === 'string' ? [source] : source;
  for await (const chunk of chunks) {
    const failure = attempt(() => reader.write(chunk, out));
    yield* out;
    out.length = 0;
    if (failure !== undefined) throw failure.error;
  }
  const failure = attempt(() => reader.end(out));
  yield* out;
  if (failure !== undefined) throw failure.error;
}

/** Records completed before a syntax error must still reach the consumer, ahead of the error. */
function attempt(action: () => void): { error: unknown } | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    return { error };
  }
}
