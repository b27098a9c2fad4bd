import { integerFromEnv } from '@crm/config';
import { objectStorageEnv } from '@crm/object-storage';
import type { z } from 'zod';

/**
 * What imports read from the environment, to spread into the service's schema: the object storage
 * the gateway puts uploads in (the same variables, so both find the same files) and the batch size.
 */
export const importsEnv = {
  ...objectStorageEnv,
  /** Rows per transaction: larger batches import faster and hold row locks longer. */
  IMPORT_BATCH_SIZE: integerFromEnv({ min: 1, max: 10_000, what: 'a row count' }).default(2000),
};

export type ImportsConfig = z.output<z.ZodObject<typeof importsEnv>>;
