export type CsvDelimiter = ',' | ';' | '\t';

/** In order of preference when counts tie: RFC 4180's comma first. */
export const csvDelimiters: readonly CsvDelimiter[] = [',', ';', '\t'];

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

export interface HeaderScan {
  delimiter: CsvDelimiter;
  /** Whether the first record ended inside `text` (otherwise more text could change the answer). */
  complete: boolean;
}

/** Counts candidate delimiters outside quotes in the first record of `text`. */
export function scanHeader(text: string): HeaderScan {
  const counts = new Map<number, number>(csvDelimiters.map((d) => [d.charCodeAt(0), 0]));
  let inQuotes = false;
  let complete = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      inQuotes = !inQuotes;
    } else if (!inQuotes) {
      if (code === CR || code === LF) {
        complete = true;
        break;
      }
      const count = counts.get(code);
      if (count !== undefined) counts.set(code, count + 1);
    }
  }
  let best: CsvDelimiter = ',';
  let bestCount = 0;
  for (const candidate of csvDelimiters) {
    const count = counts.get(candidate.charCodeAt(0)) ?? 0;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return { delimiter: best, complete };
}

/** The delimiter used by a header line: the most frequent of `,` `;` TAB outside quotes, else `,`. */
export function detectDelimiter(headerLine: string): CsvDelimiter {
  return scanHeader(headerLine).delimiter;
}
