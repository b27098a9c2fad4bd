export type CsvSyntaxErrorCode =
  | 'unterminated_quote'
  | 'unexpected_quote'
  | 'field_too_large'
  | 'too_many_columns'
  | 'invalid_utf8';

/** Malformed input. `line` is the 1-based physical line; `column` the 1-based field, when known. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly code: CsvSyntaxErrorCode,
    message: string,
    readonly line: number,
    readonly column?: number,
  ) {
    super(`${message} (line ${line}${column === undefined ? '' : `, column ${column}`})`);
    this.name = 'CsvSyntaxError';
  }
}

/** A value the writer refuses to serialise (NaN, ±Infinity, an invalid Date). */
export class CsvValueError extends Error {
  constructor(
    message: string,
    /** Header of the offending column. */
    readonly header: string,
    /** 0-based index of the data row (the header line not counted). */
    readonly rowIndex: number,
  ) {
    super(`${message} (column "${header}", row ${rowIndex})`);
    this.name = 'CsvValueError';
  }
}

export type CsvMappingIssueCode =
  'unknown_column' | 'ambiguous_column' | 'unknown_field' | 'duplicate_field' | 'missing_required';

export interface CsvMappingIssue {
  code: CsvMappingIssueCode;
  /** The CSV header the issue is about, when there is one. */
  column?: string;
  /** The target field the issue is about, when there is one. */
  field?: string;
  message: string;
}

/** A user-supplied column mapping that cannot be used; `issues` lists every problem at once. */
export class CsvMappingError extends Error {
  constructor(readonly issues: readonly CsvMappingIssue[]) {
    super(`Invalid column mapping: ${issues.map((issue) => issue.message).join(' ')}`);
    this.name = 'CsvMappingError';
  }
}
