import { assertValidObjectKey, InvalidObjectKeyError } from '@crm/object-storage';
import { FieldErrors, invalid, valid, type Normalised } from './normalised.js';
import type { Subject } from './subject.js';
import { normaliseRequiredLine } from './text-field.js';

export const FILE_NAME_MAX_LENGTH = 255;
const CONTENT_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;
const SHA256 = /^[0-9a-f]{64}$/;

/** What the gateway registers once the bytes are stored. */
export interface NewAttachmentInput {
  subject: Subject;
  fileName: string;
  contentType: string;
  /** A decimal integer (int64 arrives as text). */
  sizeBytes: string;
  sha256: string;
  objectKey: string;
}

export interface NewAttachment {
  subject: Subject;
  fileName: string;
  /** `type/subtype`, lower-case, without parameters. */
  contentType: string;
  sizeBytes: number;
  /** Lower-case hex. */
  sha256: string;
  objectKey: string;
}

function normaliseFileName(raw: string): Normalised<string> {
  const name = normaliseRequiredLine(raw, FILE_NAME_MAX_LENGTH);
  if (!name.ok) return name;
  // A name, not a path: it ends up in Content-Disposition and in people's download folders.
  return /[/\\]/.test(name.value) ? invalid('must be a file name, not a path') : name;
}

function normaliseSize(raw: string): Normalised<number> {
  const size = /^\d{1,16}$/.test(raw) ? Number(raw) : Number.NaN;
  return Number.isSafeInteger(size) ? valid(size) : invalid('must be a number of bytes');
}

function normaliseObjectKey(raw: string): Normalised<string> {
  try {
    assertValidObjectKey(raw);
    return valid(raw);
  } catch (error) {
    if (error instanceof InvalidObjectKeyError) return invalid('must be an object storage key');
    throw error;
  }
}

/** Checks an attachment's metadata, or throws one `validation_failed` DomainError naming each fault. */
export function parseNewAttachment(input: NewAttachmentInput): NewAttachment {
  const errors = new FieldErrors();
  const contentType = input.contentType.split(';')[0]!.trim().toLowerCase();
  const sha256 = input.sha256.trim().toLowerCase();
  const attachment: NewAttachment = {
    subject: input.subject,
    fileName: errors.take('/fileName', normaliseFileName(input.fileName), ''),
    contentType: errors.take(
      '/contentType',
      CONTENT_TYPE.test(contentType) ? valid(contentType) : invalid('must be a media type'),
      '',
    ),
    sizeBytes: errors.take('/sizeBytes', normaliseSize(input.sizeBytes), 0),
    sha256: errors.take(
      '/sha256',
      SHA256.test(sha256) ? valid(sha256) : invalid('must be a hex SHA-256'),
      '',
    ),
    objectKey: errors.take('/objectKey', normaliseObjectKey(input.objectKey), ''),
  };
  errors.throwIfAny();
  return attachment;
}
