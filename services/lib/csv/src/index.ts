export { csvDelimiters, detectDelimiter, type CsvDelimiter } from './delimiter.js';
export {
  CsvMappingError,
  CsvSyntaxError,
  CsvValueError,
  type CsvMappingIssue,
  type CsvMappingIssueCode,
  type CsvSyntaxErrorCode,
} from './errors.js';
export { escapeFormula, unescapeFormula } from './formula.js';
export {
  mapHeaders,
  normalizeHeader,
  pickFields,
  resolveMapping,
  type CsvMapping,
  type CsvMappingSuggestion,
  type CsvResolvedColumn,
  type CsvTarget,
} from './header-mapping.js';
export { parseCsv, type CsvParseOptions, type CsvRecord, type CsvSource } from './parser.js';
export {
  csvReadable,
  csvRows,
  type CsvColumn,
  type CsvValue,
  type CsvWriteOptions,
} from './writer.js';
