import { authorize } from '@crm/authz';
import { DomainError } from '@crm/errors';
import type { UnaryHandlers } from '@crm/grpc';
import { pageSize } from '@crm/paging';
import type { AttachmentsServiceService } from '@crm/proto/crm/accounts/v1/attachments';
import { deleteAttachment, registerAttachment } from '../commands/attachment-commands.js';
import { subjectExists } from '../commands/subjects.js';
import { ATTACHMENTS_SORT, AttachmentRepository } from '../db/attachment-repository.js';
import { parseNewAttachment } from '../domain/attachment.js';
import { subjectNotFound } from '../domain/subject.js';
import { toAttachmentMessage } from './attachment-mapper.js';
import { changing, reading, type HandlerDeps } from './handler-deps.js';
import { cursorAfter, pageInfoOf, recordIdOf } from './request-values.js';
import { subjectOf } from './subject-mapper.js';

const attachmentId = (id: string) => recordIdOf(id, 'Attachment');

export function attachmentsHandlers(
  deps: HandlerDeps,
): UnaryHandlers<typeof AttachmentsServiceService> {
  return {
    async registerAttachment(request, call) {
      authorize(call.caller, 'attachments', 'create');
      const input = parseNewAttachment({ ...request, subject: subjectOf(request.subject) });
      const attachment = await changing(deps, call.caller, (tx, journal) =>
        registerAttachment(tx, journal, input),
      );
      call.logger.info({ attachmentId: attachment.id }, 'attachment registered');
      return { attachment: toAttachmentMessage(attachment) };
    },

    async getAttachment(request, call) {
      authorize(call.caller, 'attachments', 'read');
      const id = attachmentId(request.id);
      const attachment = await reading(deps, (em) => new AttachmentRepository(em).findById(id));
      if (!attachment) throw DomainError.notFound('Attachment');
      return { attachment: toAttachmentMessage(attachment) };
    },

    async listAttachments(request, call) {
      authorize(call.caller, 'attachments', 'read');
      const subject = subjectOf(request.subject);
      const limit = pageSize(request.page?.limit ?? 0);
      const after = cursorAfter(request.page, ATTACHMENTS_SORT, [ATTACHMENTS_SORT]);
      const page = await reading(deps, async (em) => {
        if (!(await subjectExists(em, subject))) throw subjectNotFound(subject.type);
        return new AttachmentRepository(em).list(subject, limit, after);
      });
      return {
        attachments: page.attachments.map(toAttachmentMessage),
        page: pageInfoOf(page.next),
      };
    },

    async deleteAttachment(request, call) {
      const visibility = authorize(call.caller, 'attachments', 'delete');
      const id = attachmentId(request.id);
      const objectKey = await changing(deps, call.caller, (tx, journal) =>
        deleteAttachment(tx, journal, { id, visibility }),
      );
      call.logger.info({ attachmentId: id }, 'attachment deleted');
      return { objectKey };
    },
  };
}
