import type { FastifyBaseLogger, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Readable } from 'node:stream';
import { DomainError } from '@crm/errors';
import type { ObjectStorage } from '@crm/object-storage';
import { ObjectTooLargeError, readFirstBytes } from '@crm/object-storage';
import { HttpRefusal } from './http-refusal.js';
import { checkUploadContent, cleanFileName, SNIFF_BYTES } from './upload-content.js';

/** The one `file` part of a form, as it streams in. */
export interface FilePart {
  fileName: string;
  /** What the client said the file is; `text/plain` when it said nothing. */
  declaredType: string;
  stream: Readable;
}

export interface ReceivedForm<File> {
  file: File;
  /** The text fields, each given once. */
  fields: Record<string, string>;
}

/**
 * For routes taking multipart/form-data: the handler reads the form as a stream (after the access
 * check, so nothing is stored for a caller who may not), so the body schema only documents the
 * form in OpenAPI; query and path parameters are validated as everywhere.
 */
export function streamedFormValidator<Schema>(
  route: Parameters<FastifySchemaCompiler<Schema>>[0],
): ReturnType<FastifySchemaCompiler<Schema>> {
  if (route.httpPart === 'body') return () => ({ value: undefined });
  // Fastify hands over each part's own schema (zod here), whatever the route's schema type says.
  return validatorCompiler(route as unknown as Parameters<typeof validatorCompiler>[0]);
}

/** The form's file part must be called `file`; a handful of text fields may come with it. */
const FILE_FIELD = 'file';
const MAX_FIELDS = 10;
const MAX_FIELD_BYTES = 65_536;

/**
 * After a refusal the rest of the upload is read and dropped: a client still sending would
 * otherwise see a reset connection instead of the answer. Node's request timeout bounds how long
 * a client can keep this going.
 */
function discardRest(request: FastifyRequest): void {
  const raw = request.raw;
  if (raw.readableEnded || raw.destroyed) return;
  // The form parser may still be attached and waiting for someone to read a part: detach it.
  raw.unpipe();
  raw.resume();
}

/**
 * Reads a multipart/form-data request with one `file` part, handing that part to `onFile` as it
 * streams (nothing is buffered whole). Fields may come before or after the file. `maxFileBytes` is
 * where the parser stops passing bytes on (the multipart plugin is registered with
 * `throwFileSizeLimit: false`); `onFile` enforces the real limit.
 */
export async function readForm<File>(
  request: FastifyRequest,
  options: { maxFileBytes: number },
  onFile: (part: FilePart) => Promise<File>,
): Promise<ReceivedForm<File>> {
  if (!request.isMultipart()) {
    throw new HttpRefusal(415, 'Send multipart/form-data with one part named "file".');
  }
  let file: { value: File } | undefined;
  const fields: Record<string, string> = {};
  try {
    const parts = request.parts({
      limits: {
        files: 1,
        fields: MAX_FIELDS,
        fieldSize: MAX_FIELD_BYTES,
        fileSize: options.maxFileBytes,
      },
    });
    for await (const part of parts) {
      if (part.type === 'file') {
        if (part.fieldname !== FILE_FIELD) {
          throw DomainError.validation([
            { path: `/${part.fieldname}`, message: 'files go in the part named "file"' },
          ]);
        }
        file = {
          value: await onFile({
            fileName: cleanFileName(part.filename),
            declaredType: part.mimetype,
            stream: part.file,
          }),
        };
        continue;
      }
      if (part.valueTruncated) {
        throw DomainError.validation([
          { path: `/${part.fieldname}`, message: `must be at most ${MAX_FIELD_BYTES} bytes` },
        ]);
      }
      if (Object.hasOwn(fields, part.fieldname)) {
        throw DomainError.validation([
          { path: `/${part.fieldname}`, message: 'is given more than once' },
        ]);
      }
      fields[part.fieldname] = String(part.value);
    }
  } catch (error) {
    discardRest(request);
    throw error;
  }
  if (!file) throw DomainError.validation([{ path: '/file', message: 'is required' }]);
  return { file: file.value, fields };
}

/**
 * Reads the head of a file part to check what it is (415 for programs and types not in `allowed`
 * or contradicted by the bytes); returns the type to keep and the whole content, head included.
 */
export async function checkedFileContent(
  part: FilePart,
  allowed: readonly string[],
): Promise<{ contentType: string; body: Readable }> {
  const { firstBytes, body } = await readFirstBytes(part.stream, SNIFF_BYTES);
  const contentType = checkUploadContent({
    fileName: part.fileName,
    declaredType: part.declaredType,
    firstBytes,
    allowed,
  });
  return { contentType, body };
}

export interface StoredUpload {
  key: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

/**
 * Streams the form's file into object storage at `key` after checking what it is (415) and while
 * counting its size (413). A form that fails after the file was stored leaves nothing behind.
 */
export async function storeUpload(
  request: FastifyRequest,
  options: {
    storage: ObjectStorage;
    key: string;
    maxBytes: number;
    allowedTypes: readonly string[];
  },
): Promise<ReceivedForm<StoredUpload>> {
  const { storage, key, maxBytes } = options;
  let stored = false;
  try {
    return await readForm(request, { maxFileBytes: maxBytes + 1 }, async (part) => {
      const { contentType, body } = await checkedFileContent(part, options.allowedTypes);
      try {
        const result = await storage.put(key, body, { contentType, maxBytes });
        stored = true;
        return {
          key,
          fileName: part.fileName,
          contentType,
          sizeBytes: result.size,
          sha256: result.checksumSha256,
        };
      } catch (error) {
        if (error instanceof ObjectTooLargeError) {
          throw new HttpRefusal(413, `The file is larger than the limit of ${maxBytes} bytes.`, [
            { path: '/file', message: `must be at most ${maxBytes} bytes` },
          ]);
        }
        throw error;
      }
    });
  } catch (error) {
    if (stored) await discardObject(storage, key, request.log);
    throw error;
  }
}

/** Removes an object nobody will reference; a failure only leaves garbage, so it is logged. */
export async function discardObject(
  storage: ObjectStorage,
  key: string,
  log: FastifyBaseLogger,
): Promise<void> {
  try {
    await storage.delete(key);
  } catch (error) {
    log.error({ err: error, key }, 'could not remove an unreferenced upload');
  }
}

/** Runs `register` for a stored upload; when it fails, the object goes too. */
export async function registerUpload<T>(
  request: FastifyRequest,
  storage: ObjectStorage,
  key: string,
  register: () => Promise<T>,
): Promise<T> {
  try {
    return await register();
  } catch (error) {
    await discardObject(storage, key, request.log);
    throw error;
  }
}

/** Checks a form's text fields like a JSON body, naming each field at fault. */
export function parseFormFields<Schema extends z.ZodType>(
  schema: Schema,
  fields: Record<string, string>,
): z.output<Schema> {
  const result = schema.safeParse(fields);
  if (result.success) return result.data;
  throw DomainError.validation(
    result.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({ path: `/${key}`, message: 'is not a known field' }))
        : [
            {
              path: `/${issue.path.map(String).join('/')}`,
              message: /received undefined$/.test(issue.message) ? 'is required' : issue.message,
            },
          ],
    ),
  );
}
