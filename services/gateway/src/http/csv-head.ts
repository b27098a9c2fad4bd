import type { Readable } from 'node:stream';
import { CsvSyntaxError, parseCsv } from '@crm/csv';
import { DomainError } from '@crm/errors';

/**
 * Reads the first `maxRecords` records of `stream` (the header included), looking at no more than
 * `maxBytes`, and leaves the rest of the stream to be drained by the caller. Formula escapes of
 * exports are undone, as the import itself does.
 */
export async function readCsvHead(
  stream: Readable,
  options: { maxRecords: number; maxBytes: number },
): Promise<string[][]> {
  let cut = false;
  async function* head(): AsyncGenerator<Buffer> {
    let seen = 0;
    // Stopping early must not destroy the stream: the form parser still has to get past it.
    for await (const chunk of stream.iterator({ destroyOnReturn: false })) {
      const bytes = chunk as Buffer;
      seen += bytes.length;
      yield bytes;
      if (seen >= options.maxBytes) {
        cut = true;
        return;
      }
    }
  }
  const records: string[][] = [];
  try {
    for await (const { record } of parseCsv(head(), { unescapeFormulas: true })) {
      records.push(record);
      if (records.length === options.maxRecords) break;
    }
  } catch (error) {
    // Where the look-ahead was cut, the last record is incomplete rather than malformed.
    if (!(error instanceof CsvSyntaxError)) throw error;
    if (!cut) throw DomainError.validation([{ path: '/file', message: error.message }]);
  }
  if (cut && records.length < options.maxRecords) records.pop();
  return records;
}
