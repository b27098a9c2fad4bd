import { z } from 'zod';
import { recordConflictSchema } from '../http/problem-schema.js';
import {
  pageQuery,
  pageSchema,
  repeatable,
  searchQuery,
  versionField,
} from '../http/query-schemas.js';
import { int64ToNumber, requiredTimestamp } from '../http/wire-values.js';

/** The last fields of an address-book record (accounts, contacts): its version and times. */
export const recordStampFields = {
  version: z
    .number()
    .int()
    .describe('Grows with every change; send it back with a change (or as If-Match).'),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
};

/** The stamps of a record message, as `recordStampFields` spell them. */
export function recordStampsOf(message: {
  version: string;
  createdAt?: string | undefined;
  updatedAt?: string | undefined;
}): z.output<z.ZodObject<typeof recordStampFields>> {
  return {
    version: int64ToNumber(message.version, 'version'),
    createdAt: requiredTimestamp(message.createdAt, 'createdAt'),
    updatedAt: requiredTimestamp(message.updatedAt, 'updatedAt'),
  };
}

/** The `version` of a change's body: the one last read, unless If-Match carries it. */
export const changeVersionField = versionField
  .optional()
  .describe('The version last read; required unless If-Match carries it.');

/** A record's orders: by relevance, by `field`, or by its times; `-` is descending. */
export function recordSorts<Field extends string>(field: Field) {
  return [
    'relevance',
    field,
    `-${field}`,
    'createdAt',
    '-createdAt',
    'updatedAt',
    '-updatedAt',
  ] as const;
}

/** The query of a record list before its filters: paging, search and order. */
export function recordListQuery<Sort extends string>(sorts: readonly [Sort, ...Sort[]]) {
  return {
    ...pageQuery,
    q: searchQuery,
    sort: z
      .enum(sorts)
      .optional()
      .describe(
        'Order; a leading `-` is descending. Default: `relevance` with `q`, else `-createdAt`.',
      ),
  };
}

/** `?ownerId=` of a record list. */
export const ownerIdFilter = repeatable(z.string().min(1).max(64)).describe(
  'Owned by any of these users.',
);

/**
 * The schemas around a record's own, named after it (`Account` → `AccountList`,
 * `AccountDuplicates`, `AccountConflict`): a page of them, the duplicates of one, and the 409 of
 * its writes.
 */
export function recordCollectionSchemas<Record extends z.ZodType>(record: Record, name: string) {
  return {
    list: pageSchema(record).meta({ id: `${name}List` }),
    duplicates: z.object({ items: z.array(record) }).meta({ id: `${name}Duplicates` }),
    conflict: recordConflictSchema(record, `${name}Conflict`),
  };
}
