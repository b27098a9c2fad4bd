import { z } from 'zod';
import type { CsvColumn } from '@crm/csv';
import { formatQuery } from '../http/csv-collection.js';
import type { Account as AccountMessage } from '@crm/proto/crm/accounts/v1/accounts';

/** The HTTP shape of an account; also its OpenAPI schema. */
export const accountSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    domain: z.string().nullable(),
    ownerId: z.string().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Account' });

export type AccountResponse = z.output<typeof accountSchema>;

export const createAccountBodySchema = z
  .strictObject({
    name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    domain: z.string().max(253, 'must be at most 253 characters').nullable().optional(),
  })
  .meta({ id: 'CreateAccount' });

const pageLimit = z
  .string()
  .regex(/^\d+$/, 'must be a whole number')
  .transform(Number)
  .pipe(z.number().int().min(1, 'must be between 1 and 200').max(200, 'must be between 1 and 200'));

export const listAccountsQuerySchema = z.strictObject({
  ...formatQuery,
  limit: pageLimit.optional().describe('Page size, 1–200 (default 50).'),
  cursor: z.string().max(512).optional().describe('`nextCursor` of the previous page.'),
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe(
      'Search on name and domain, tolerant of typos; results best first unless `sort` says otherwise.',
    ),
  // The accounts service validates too; listing the values here documents them in OpenAPI.
  sort: z
    .enum(['relevance', 'name', '-name', 'createdAt', '-createdAt'])
    .optional()
    .describe(
      'Order; a leading `-` is descending. Default: `relevance` with `q`, else `-createdAt`.',
    ),
});

export const accountIdParamsSchema = z.strictObject({ id: z.string().min(1).max(64) });

export const accountListSchema = z
  .object({ items: z.array(accountSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'AccountList' });

/** A missing timestamp is a broken service contract, not something to paper over with 1970. */
function requiredTimestamp(value: string | undefined, field: string): string {
  if (!value) throw new Error(`accounts service answered without ${field}`);
  return value;
}

export const accountCsvColumns: ReadonlyArray<CsvColumn<AccountResponse>> = [
  { header: 'id', value: (account) => account.id },
  { header: 'name', value: (account) => account.name },
  { header: 'domain', value: (account) => account.domain },
  { header: 'ownerId', value: (account) => account.ownerId },
  { header: 'createdAt', value: (account) => account.createdAt },
  { header: 'updatedAt', value: (account) => account.updatedAt },
];

export function toAccountResponse(account: AccountMessage | undefined): AccountResponse {
  if (!account) throw new Error('accounts service answered without an account');
  return {
    id: account.id,
    name: account.name,
    domain: account.domain ?? null,
    ownerId: account.ownerId ?? null,
    createdAt: requiredTimestamp(account.createdAt, 'createdAt'),
    updatedAt: requiredTimestamp(account.updatedAt, 'updatedAt'),
  };
}
