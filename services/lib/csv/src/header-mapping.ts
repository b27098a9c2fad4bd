import { CsvMappingError, type CsvMappingIssue } from './errors.js';

/** A field an import can fill, with the header spellings that should map to it. */
export interface CsvTarget {
  field: string;
  aliases: readonly string[];
  required?: boolean;
}

/** CSV header text → target field, or `null` to ignore that column. */
export type CsvMapping = Readonly<Record<string, string | null>>;

export interface CsvMappingSuggestion {
  /** Every distinct header, mapped to a field or `null`; a valid starting point for the user. */
  mapping: Record<string, string | null>;
  /** Required fields no header matched. */
  missingRequired: string[];
}

export interface CsvResolvedColumn {
  /** 0-based position of the column in each record. */
  index: number;
  header: string;
  field: string;
}

/** "E-mail", "e_mail" and "EMAIL " compare equal; so do "Société" and "societe". */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

function headerPositions(header: readonly string[]): Map<string, number[]> {
  const positions = new Map<string, number[]>();
  header.forEach((name, index) => {
    const list = positions.get(name);
    if (list === undefined) positions.set(name, [index]);
    else list.push(index);
  });
  return positions;
}

/**
 * Suggests a mapping by comparing normalised headers with each target's field name and aliases.
 * Each field is used at most once (first matching column wins), and a header that occurs more than
 * once is left unmapped because a header-keyed mapping could not tell the copies apart.
 */
export function mapHeaders(
  header: readonly string[],
  targets: readonly CsvTarget[],
): CsvMappingSuggestion {
  const fieldByName = new Map<string, string>();
  for (const target of targets) {
    for (const name of [target.field, ...target.aliases]) {
      const key = normalizeHeader(name);
      if (!fieldByName.has(key)) fieldByName.set(key, target.field);
    }
  }
  const positions = headerPositions(header);
  const used = new Set<string>();
  const entries: Array<[string, string | null]> = [];
  for (const [name, indices] of positions) {
    const field = fieldByName.get(normalizeHeader(name));
    if (field !== undefined && indices.length === 1 && !used.has(field)) {
      used.add(field);
      entries.push([name, field]);
    } else {
      entries.push([name, null]);
    }
  }
  return {
    // fromEntries defines own properties, so a header such as "__proto__" stays plain data.
    mapping: Object.fromEntries(entries),
    missingRequired: targets
      .filter((target) => target.required === true && !used.has(target.field))
      .map((target) => target.field),
  };
}

/**
 * Checks a user-supplied mapping against the file's header and the targets and returns the mapped
 * columns in file order. Headers absent from the mapping are ignored. Throws `CsvMappingError`
 * listing every problem: unknown or ambiguous columns, unknown or doubly mapped fields, and
 * required fields left unmapped.
 */
export function resolveMapping(
  header: readonly string[],
  targets: readonly CsvTarget[],
  mapping: CsvMapping,
): CsvResolvedColumn[] {
  const positions = headerPositions(header);
  const known = new Set(targets.map((target) => target.field));
  const columnByField = new Map<string, string>();
  const columns: CsvResolvedColumn[] = [];
  const issues: CsvMappingIssue[] = [];

  for (const [column, field] of Object.entries(mapping)) {
    const indices = positions.get(column);
    if (indices === undefined) {
      issues.push({
        code: 'unknown_column',
        column,
        message: `Column "${column}" is not in the file's header.`,
      });
      continue;
    }
    if (field === null) continue;
    if (indices.length > 1) {
      issues.push({
        code: 'ambiguous_column',
        column,
        message: `Column "${column}" appears ${indices.length} times in the header; rename the copies.`,
      });
      continue;
    }
    if (!known.has(field)) {
      issues.push({
        code: 'unknown_field',
        column,
        field,
        message: `Column "${column}" is mapped to "${field}", which is not a known field.`,
      });
      continue;
    }
    const previous = columnByField.get(field);
    if (previous !== undefined) {
      issues.push({
        code: 'duplicate_field',
        column,
        field,
        message: `Columns "${previous}" and "${column}" are both mapped to "${field}".`,
      });
      continue;
    }
    columnByField.set(field, column);
    columns.push({ index: indices[0]!, header: column, field });
  }

  for (const target of targets) {
    if (target.required === true && !columnByField.has(target.field)) {
      issues.push({
        code: 'missing_required',
        field: target.field,
        message: `Required field "${target.field}" is not mapped to any column.`,
      });
    }
  }
  if (issues.length > 0) throw new CsvMappingError(issues);
  return columns.sort((a, b) => a.index - b.index);
}

/** The mapped cells of one record by field; cells missing from a short record read as `''`. */
export function pickFields(
  columns: readonly CsvResolvedColumn[],
  record: readonly string[],
): Record<string, string> {
  return Object.fromEntries(columns.map((column) => [column.field, record[column.index] ?? '']));
}
