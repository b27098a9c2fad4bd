import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { subjectTypes } from '../domain/subject.js';

export const AttachmentEntity = defineEntity({
  name: 'Attachment',
  tableName: 'attachments',
  properties: {
    id: p.uuid().primary(),
    subjectType: p.enum(subjectTypes),
    subjectId: p.uuid(),
    fileName: p.string().length(255),
    contentType: p.string().length(255),
    sizeBytes: p.bigint('number'),
    sha256: p.string().length(64),
    objectKey: p.string().length(1024),
    uploadedBy: p.uuid().nullable(),
    createdAt: p.datetime(),
  },
});

export type Attachment = InferEntity<typeof AttachmentEntity>;
