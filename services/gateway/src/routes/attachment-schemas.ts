import { z } from 'zod';
import type { CsvColumn } from '@crm/csv';
import type { Attachment as AttachmentMessage } from '@crm/proto/crm/accounts/v1/attachments';
import { pageQuery, pageSchema } from '../http/query-schemas.js';
import { int64ToNumber, requiredMessage, requiredTimestamp } from '../http/wire-values.js';
import { subjectFields, subjectFieldsOf } from './subjects.js';

/** A file on an account or a contact; where its bytes are stays internal. */
export const attachmentSchema = z
  .object({
    id: z.string(),
    ...subjectFields,
    fileName: z.string(),
    contentType: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string().describe('Hex SHA-256 of the content.'),
    uploadedBy: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Attachment' });

export type AttachmentResponse = z.output<typeof attachmentSchema>;

export const attachmentQuerySchema = z.strictObject({ ...pageQuery });
export const attachmentListSchema = pageSchema(attachmentSchema).meta({ id: 'AttachmentList' });

/** The form of an upload, for OpenAPI: the request itself is read as a stream. */
export const attachmentUploadSchema = z
  .object({ file: z.string().meta({ format: 'binary' }).describe('The file; one per request.') })
  .meta({ id: 'AttachmentUpload' });

export const attachmentCsvColumns: ReadonlyArray<CsvColumn<AttachmentResponse>> = [
  { header: 'id', value: (attachment) => attachment.id },
  { header: 'subjectType', value: (attachment) => attachment.subjectType },
  { header: 'subjectId', value: (attachment) => attachment.subjectId },
  { header: 'fileName', value: (attachment) => attachment.fileName },
  { header: 'contentType', value: (attachment) => attachment.contentType },
  { header: 'sizeBytes', value: (attachment) => attachment.sizeBytes },
  { header: 'sha256', value: (attachment) => attachment.sha256 },
  { header: 'uploadedBy', value: (attachment) => attachment.uploadedBy },
  { header: 'createdAt', value: (attachment) => attachment.createdAt },
];

export function toAttachmentResponse(
  attachment: AttachmentMessage | undefined,
): AttachmentResponse {
  const message = requiredMessage(attachment, 'an attachment');
  return {
    id: message.id,
    ...subjectFieldsOf(message.subject, 'the attachment subject'),
    fileName: message.fileName,
    contentType: message.contentType,
    sizeBytes: int64ToNumber(message.sizeBytes, 'sizeBytes'),
    sha256: message.sha256,
    uploadedBy: message.uploadedBy,
    createdAt: requiredTimestamp(message.createdAt, 'createdAt'),
  };
}
