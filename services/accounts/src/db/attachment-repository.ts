import { LockMode, type EntityDictionary } from '@mikro-orm/core';
import { uuidv7, type OrmEntityManager } from '@crm/db';
import type { NewAttachment } from '../domain/attachment.js';
import type { ListCursor } from '../domain/cursor.js';
import type { Subject } from '../domain/subject.js';
import { AttachmentEntity, type Attachment } from './attachment.entity.js';
import { entityColumns, subjectPage } from './keyset-page.js';
import { schemaOf } from './sql-statement.js';

/** Attachments list newest first. */
export const ATTACHMENTS_SORT = '-createdAt';

export class AttachmentRepository {
  constructor(private readonly em: OrmEntityManager) {}

  create(attachment: NewAttachment, uploadedBy: string | null): Attachment {
    return this.em.create(AttachmentEntity, {
      id: uuidv7(),
      subjectType: attachment.subject.type,
      subjectId: attachment.subject.id,
      fileName: attachment.fileName,
      contentType: attachment.contentType,
      sizeBytes: attachment.sizeBytes,
      sha256: attachment.sha256,
      objectKey: attachment.objectKey,
      uploadedBy,
      createdAt: new Date(),
    });
  }

  findById(id: string): Promise<Attachment | null> {
    return this.em.findOne(AttachmentEntity, { id });
  }

  /** The attachment, locked for deleting it until the transaction ends; null once it is gone. */
  lock(id: string): Promise<Attachment | null> {
    return this.em.findOne(
      AttachmentEntity,
      { id },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
  }

  findByObjectKey(objectKey: string): Promise<Attachment | null> {
    return this.em.findOne(AttachmentEntity, { objectKey });
  }

  remove(attachment: Attachment): void {
    this.em.remove(attachment);
  }

  async list(
    subject: Subject,
    limit: number,
    after?: ListCursor,
  ): Promise<{ attachments: Attachment[]; next: ListCursor | undefined }> {
    const { rows, next } = await subjectPage(this.em, {
      table: 'attachments',
      column: 'created_at',
      sort: ATTACHMENTS_SORT,
      subject,
      after,
      limit,
    });
    const attachments = rows.map((row) =>
      this.em.map(AttachmentEntity, entityColumns(row) as EntityDictionary<Attachment>),
    );
    return { attachments, next };
  }

  async countFor(subject: Subject): Promise<number> {
    const [row] = await this.em.execute<Array<{ count: number }>>(
      'select count(*)::int as "count" from ??.?? where "subject_type" = ? and "subject_id" = ?',
      [schemaOf(this.em), 'attachments', subject.type, subject.id],
    );
    return Number(row?.count ?? 0);
  }

  /** Gives a merged record's files to the record it was merged into. */
  async moveSubject(from: Subject, toId: string): Promise<void> {
    await this.em.execute(
      'update ??.?? set "subject_id" = ? where "subject_type" = ? and "subject_id" = ?',
      [schemaOf(this.em), 'attachments', toId, from.type, from.id],
    );
  }
}
