import { authorize } from '@crm/authz';
import { DomainError } from '@crm/errors';
import type { UnaryHandlers } from '@crm/grpc';
import { pageSize } from '@crm/paging';
import type { TimelineServiceService } from '@crm/proto/crm/accounts/v1/timeline';
import { addNote, deleteNote } from '../commands/note-commands.js';
import { subjectExists } from '../commands/subjects.js';
import { TIMELINE_SORT, TimelineRepository } from '../db/timeline-repository.js';
import { decodeCursor, encodeCursor } from '../domain/cursor.js';
import { isUuid } from '../domain/ids.js';
import { subjectNotFound } from '../domain/subject.js';
import { parseNoteBody } from '../domain/timeline.js';
import { changing, reading, type HandlerDeps } from './handler-deps.js';
import { subjectOf } from './subject-mapper.js';
import { toTimelineEntryMessage } from './timeline-mapper.js';

const RESOURCES = { account: 'accounts', contact: 'contacts' } as const;

export function timelineHandlers(deps: HandlerDeps): UnaryHandlers<typeof TimelineServiceService> {
  return {
    async listTimeline(request, call) {
      const subject = subjectOf(request.subject);
      // Whoever may read the account or contact may read what happened to it.
      authorize(call.caller, RESOURCES[subject.type], 'read');
      const limit = pageSize(request.page?.limit ?? 0);
      const after = request.page?.cursor
        ? decodeCursor(request.page.cursor, TIMELINE_SORT, [TIMELINE_SORT])
        : undefined;
      const page = await reading(deps, async (em) => {
        if (!(await subjectExists(em, subject))) throw subjectNotFound(subject.type);
        return new TimelineRepository(em).list(subject, limit, after);
      });
      return {
        entries: page.entries.map(toTimelineEntryMessage),
        page: { nextCursor: page.next ? encodeCursor(page.next) : '' },
      };
    },

    async addNote(request, call) {
      authorize(call.caller, 'notes', 'create');
      const subject = subjectOf(request.subject);
      const body = parseNoteBody(request.body);
      const entry = await changing(deps, call.caller, (tx, journal) =>
        addNote(tx, journal, subject, body),
      );
      return { entry: toTimelineEntryMessage(entry) };
    },

    async deleteNote(request, call) {
      const visibility = authorize(call.caller, 'notes', 'delete');
      if (!isUuid(request.id)) throw DomainError.notFound('Note');
      const id = request.id.toLowerCase();
      await changing(deps, call.caller, (tx, journal) =>
        deleteNote(tx, journal, { id, visibility }),
      );
      return {};
    },
  };
}
