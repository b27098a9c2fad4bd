import type { Attachment as AttachmentMessage } from '@crm/proto/crm/accounts/v1/attachments';
import type { Attachment } from '../db/attachment.entity.js';
import { toSubjectMessage } from './subject-mapper.js';

export function toAttachmentMessage(attachment: Attachment): AttachmentMessage {
  return {
    id: attachment.id,
    subject: toSubjectMessage({ type: attachment.subjectType, id: attachment.subjectId }),
    fileName: attachment.fileName,
    contentType: attachment.contentType,
    sizeBytes: String(attachment.sizeBytes),
    sha256: attachment.sha256,
    objectKey: attachment.objectKey,
    uploadedBy: attachment.uploadedBy ?? '',
    createdAt: attachment.createdAt.toISOString(),
  };
}
