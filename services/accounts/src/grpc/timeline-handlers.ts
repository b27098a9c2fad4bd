import { authorize } from '@crm/authz';
import type { UnaryHandlers } from '@crm/grpc';
import { pageSize } from '@crm/paging';
import type { TimelineServiceService } from '@crm/proto/crm/accounts/v1/timeline';
import { addNote, deleteNote } from '../commands/note-commands.js';
import { subjectExists } from '../commands/subjects.js';
import { TIMELINE_SORT, TimelineRepository } from '../db/timeline-repository.js';
import { subjectNotFound } from '../domain/subject.js';
import { parseNoteBody } from '../domain/timeline.js';
import { changing, reading, type HandlerDeps } from './handler-deps.js';
import { cursorAfter, pageInfoOf, recordIdOf } from './request-values.js';
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
      const after = cursorAfter(request.page, TIMELINE_SORT, [TIMELINE_SORT]);
      const page = await reading(deps, async (em) => {
        if (!(await subjectExists(em, subject))) throw subjectNotFound(subject.type);
        return new TimelineRepository(em).list(subject, limit, after);
      });
      return {
        entries: page.entries.map(toTimelineEntryMessage),
        page: pageInfoOf(page.next),
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
      const id = recordIdOf(request.id, 'Note');
      await changing(deps, call.caller, (tx, journal) =>
        deleteNote(tx, journal, { id, visibility }),
      );
      return {};
    },
  };
}
