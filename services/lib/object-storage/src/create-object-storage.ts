import { resolve } from 'node:path';
import { booleanFromEnv } from '@crm/config';
import { z } from 'zod';
import { createAzureBlobObjectStorage } from './azure-blob-object-storage.js';
import { createLocalObjectStorage } from './local-object-storage.js';
import type { ObjectStorage } from './object-storage.js';
import { createS3ObjectStorage } from './s3-object-storage.js';

/**
 * The variables that choose and configure object storage (see the runtime contract); services
 * spread this into their config schema. AWS credentials stay with the SDK's own variables.
 */
export const objectStorageEnv = {
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'expected an S3 bucket name' })
    .optional(),
  AWS_REGION: z.string().min(1).optional(),
  S3_ENDPOINT: z.url({ message: 'expected a URL' }).optional(),
  S3_FORCE_PATH_STYLE: booleanFromEnv.optional(),
  AZURE_STORAGE_CONNECTION_STRING: z.string().min(1).optional(),
  AZURE_STORAGE_CONTAINER: z
    .string()
    .regex(/^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/, {
      message: 'expected an Azure container name',
    })
    .default('crm-files'),
  CRM_DATA_DIR: z.string().min(1).default('./.crm-data'),
};

export const objectStorageEnvSchema = z.object(objectStorageEnv);

export type ObjectStorageConfig = z.output<typeof objectStorageEnvSchema>;

/** S3 when `S3_BUCKET` is set, else Azure when its connection string is, else local files. */
export function createObjectStorage(config: ObjectStorageConfig): ObjectStorage {
  if (config.S3_BUCKET) {
    return createS3ObjectStorage({
      bucket: config.S3_BUCKET,
      ...(config.AWS_REGION ? { region: config.AWS_REGION } : {}),
      ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT } : {}),
      ...(config.S3_FORCE_PATH_STYLE !== undefined
        ? { forcePathStyle: config.S3_FORCE_PATH_STYLE }
        : {}),
    });
  }
  if (config.AZURE_STORAGE_CONNECTION_STRING) {
    return createAzureBlobObjectStorage({
      connectionString: config.AZURE_STORAGE_CONNECTION_STRING,
      container: config.AZURE_STORAGE_CONTAINER,
    });
  }
  return createLocalObjectStorage({ root: resolve(config.CRM_DATA_DIR, 'files') });
}
