import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { importsEnv } from './imports-config.js';

const schema = z.object(importsEnv);

describe('importsEnv', () => {
  it('defaults to batches of 2000 rows and local files, as the gateway does', () => {
    expect(schema.parse({})).toMatchObject({
      IMPORT_BATCH_SIZE: 2000,
      CRM_DATA_DIR: './.crm-data',
    });
  });

  it('takes a batch size within bounds only', () => {
    expect(schema.parse({ IMPORT_BATCH_SIZE: '500' }).IMPORT_BATCH_SIZE).toBe(500);
    expect(schema.safeParse({ IMPORT_BATCH_SIZE: '0' }).success).toBe(false);
    expect(schema.safeParse({ IMPORT_BATCH_SIZE: '20000' }).success).toBe(false);
  });
});
