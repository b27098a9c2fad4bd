import { z } from 'zod';

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

/**
 * The 409 of a record's writes: a stale version names the current one (`currentVersion`,
 * `current`), a duplicate the existing records (`duplicates`).
 */
export function recordConflictSchema<Record extends z.ZodType>(record: Record, id: string) {
  return problemSchema
    .extend({
      currentVersion: z
        .number()
        .int()
        .optional()
        .describe('For a stale `version`: the version now current.'),
      current: record.optional().describe('For a stale `version`: the record as it is now.'),
      duplicates: z
        .array(record)
        .optional()
        .describe(
          'For a duplicate: the existing records; repeat with `allowDuplicate` to keep both.',
        ),
    })
    .meta({ id });
}
