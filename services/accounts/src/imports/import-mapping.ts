import {
  CsvMappingError,
  mapHeaders,
  resolveMapping,
  type CsvMapping,
  type CsvResolvedColumn,
  type CsvTarget,
} from '@crm/csv';
import { DomainError, type FieldError } from '@crm/errors';
import type { ColumnMapping } from '@crm/proto/crm/accounts/v1/imports';
import { CONTROL_CHARACTERS, quoted } from '../domain/index.js';
import type { ImportEntity } from './import-job.js';

/**
 * What an import can fill, by the HTTP API's field names (so an export's header maps itself), with
 * the header spellings other tools use. Read-only export columns (id, createdAt, updatedAt) are not
 * targets: an unmapped column is ignored.
 */
const accountImportTargets: readonly CsvTarget[] = [
  {
    field: 'name',
    aliases: ['account', 'account name', 'company', 'company name', 'organization', 'organisation'],
  },
  { field: 'domain', aliases: ['domain name'] },
  { field: 'industry', aliases: ['sector'] },
  { field: 'size', aliases: ['company size', 'employees', 'headcount'] },
  { field: 'status', aliases: ['account status'] },
  { field: 'tags', aliases: ['labels', 'tag'] },
  { field: 'phone', aliases: ['telephone', 'phone number'] },
  { field: 'website', aliases: ['url', 'web', 'homepage', 'web site'] },
  { field: 'street', aliases: ['address', 'street address'] },
  { field: 'city', aliases: ['town'] },
  { field: 'region', aliases: ['state', 'province', 'county'] },
  { field: 'postalCode', aliases: ['zip', 'zip code', 'postcode'] },
  { field: 'country', aliases: ['country code'] },
  { field: 'ownerId', aliases: ['owner id'] },
  { field: 'notes', aliases: ['note', 'description'] },
];

const contactImportTargets: readonly CsvTarget[] = [
  { field: 'firstName', aliases: ['first name', 'given name', 'forename'] },
  { field: 'lastName', aliases: ['last name', 'surname', 'family name'] },
  { field: 'email', aliases: ['e-mail', 'email address', 'mail'] },
  { field: 'otherEmails', aliases: ['other emails', 'additional emails'] },
  { field: 'phone', aliases: ['telephone', 'phone number', 'mobile'] },
  { field: 'otherPhones', aliases: ['other phones', 'additional phones'] },
  { field: 'title', aliases: ['job title', 'position'] },
  {
    field: 'account',
    aliases: ['account name', 'company', 'company name', 'organization', 'organisation'],
  },
  { field: 'accountId', aliases: ['account id'] },
  { field: 'ownerId', aliases: ['owner id'] },
  { field: 'primary', aliases: ['primary contact', 'main contact'] },
];

export function importTargets(entity: ImportEntity): readonly CsvTarget[] {
  return entity === 'accounts' ? accountImportTargets : contactImportTargets;
}

/**
 * A row must either match an existing record or carry what a new one needs, so a mapping has to
 * fill at least one of these.
 */
const anchorFields: Record<ImportEntity, readonly string[]> = {
  accounts: ['name', 'domain'],
  contacts: ['email', 'firstName', 'lastName'],
};

/**
 * What the importer would make of a header: the columns it recognises (by field name or alias),
 * in file order, and every field it can fill. Previews start from it.
 */
export function suggestImportMapping(
  entity: ImportEntity,
  header: readonly string[],
): { mapping: ColumnMapping[]; fields: string[] } {
  const targets = importTargets(entity);
  const { mapping } = mapHeaders(header, targets);
  return {
    mapping: Object.entries(mapping).flatMap(([column, field]) =>
      field === null ? [] : [{ column, field }],
    ),
    fields: targets.map((target) => target.field),
  };
}

/**
 * The mapping a job runs with: the caller's, checked against the file's header, or when the caller
 * gave none, every column named like a field (as exports name them). Returned in file order;
 * ignored columns are left out. Throws a validation error naming every problem.
 */
export function resolveImportMapping(
  entity: ImportEntity,
  header: readonly string[],
  requested: readonly ColumnMapping[],
): ColumnMapping[] {
  const targets = importTargets(entity);
  const problems: FieldError[] = [];
  let mapping: CsvMapping;
  if (requested.length === 0) {
    mapping = mapHeaders(header, targets).mapping;
  } else {
    const entries = new Map<string, string | null>();
    requested.forEach(({ column, field }, index) => {
      if (entries.has(column)) {
        problems.push({
          path: `/mapping/${index}`,
          message: `Column ${quoted(column)} is mapped twice.`,
        });
      } else {
        // An empty field leaves the column out, as the UI's "do not import" choice.
        entries.set(column, field === '' ? null : field);
      }
    });
    mapping = Object.fromEntries(entries);
  }
  let columns: CsvResolvedColumn[] = [];
  try {
    columns = resolveMapping(header, targets, mapping);
  } catch (error) {
    if (!(error instanceof CsvMappingError)) throw error;
    problems.push(...error.issues.map((issue) => ({ path: '/mapping', message: issue.message })));
  }
  // The mapping is stored as jsonb, which cannot hold NUL; no field is named with such characters.
  for (const { header: column } of columns) {
    if (CONTROL_CHARACTERS.test(column)) {
      problems.push({
        path: '/mapping',
        message: `Column ${quoted(column)} has control characters in its name; rename it in the file.`,
      });
    }
  }
  const anchors = anchorFields[entity];
  if (problems.length === 0 && !columns.some((column) => anchors.includes(column.field))) {
    problems.push({
      path: '/mapping',
      message: `Map a column to at least one of ${anchors.join(', ')}.`,
    });
  }
  if (problems.length > 0)
    throw DomainError.validation(problems, 'The column mapping cannot be used.');
  return columns.map(({ header: column, field }) => ({ column, field }));
}

/** The resolved columns of a job's stored mapping, which was checked against this very header. */
export function mappedColumns(
  entity: ImportEntity,
  header: readonly string[],
  mapping: readonly ColumnMapping[],
): CsvResolvedColumn[] {
  return resolveMapping(
    header,
    importTargets(entity),
    Object.fromEntries(mapping.map(({ column, field }) => [column, field])),
  );
}
