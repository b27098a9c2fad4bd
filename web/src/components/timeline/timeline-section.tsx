import { Skeleton, Stack, Timeline } from '@mantine/core';
import {
  IconArrowMerge,
  IconFileImport,
  IconLink,
  IconNote,
  IconPaperclip,
  IconPencil,
  IconPlus,
  IconUser,
  type TablerIcon,
} from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error.js';
import type { Subject } from '../../api/subjects.js';
import { useDeleteNote, useTimeline } from '../../api/timeline-queries.js';
import type { TimelineEntry, TimelineKind } from '../../api/timeline.js';
import { allows, allowsOn } from '../../auth/access.js';
import { useSession } from '../../auth/session-context.js';
import { useUserLookup } from '../../lib/user-lookup.js';
import { ConfirmModal } from '../confirm-modal.js';
import { PagedSectionList } from '../paged-section-list.js';
import { SectionCard } from '../section-card.js';
import { AddNoteForm } from './add-note-form.js';
import { TimelineEntryItem } from './timeline-entry-item.js';

const KIND_ICONS: Readonly<Record<TimelineKind, TablerIcon>> = {
  note: IconNote,
  created: IconPlus,
  updated: IconPencil,
  merged: IconArrowMerge,
  attachment_added: IconPaperclip,
  attachment_removed: IconPaperclip,
  contact_added: IconUser,
  contact_removed: IconUser,
  deal_linked: IconLink,
  task_linked: IconLink,
  imported: IconFileImport,
};

/** What happened to an account or contact, newest first, with notes written here. */
export function TimelineSection({ subject }: { readonly subject: Subject }) {
  const me = useSession();
  const { nameOf } = useUserLookup();
  const timeline = useTimeline(subject);
  const deleteNote = useDeleteNote(subject);
  const [noteToDelete, setNoteToDelete] = useState<TimelineEntry | null>(null);

  const actorOf = (entry: TimelineEntry) =>
    entry.actorUserId === null ? 'The system' : (nameOf(entry.actorUserId) ?? 'Another user');
  const mayDelete = (entry: TimelineEntry) =>
    entry.kind === 'note' && allowsOn(me, 'notes', 'delete', entry.actorUserId);

  const closeDelete = () => {
    setNoteToDelete(null);
    deleteNote.reset();
  };

  return (
    <SectionCard title="Timeline">
      {allows(me.permissions, 'notes', 'create') && <AddNoteForm subject={subject} />}
      <PagedSectionList
        query={timeline}
        what="timeline"
        pageOf="timeline entries"
        empty="Nothing has happened yet."
        placeholder={
          <Stack gap="xs" aria-busy>
            <Skeleton height={14} width="70%" />
            <Skeleton height={14} width="50%" />
          </Stack>
        }
      >
        {(entries) => (
          <Timeline bulletSize={24} lineWidth={2} aria-label="Timeline entries">
            {entries.map((entry) => {
              const Icon = KIND_ICONS[entry.kind];
              return (
                <Timeline.Item key={entry.id} bullet={<Icon size={14} aria-hidden />}>
                  <TimelineEntryItem
                    entry={entry}
                    actor={actorOf(entry)}
                    nameOf={nameOf}
                    onDelete={mayDelete(entry) ? () => setNoteToDelete(entry) : null}
                  />
                </Timeline.Item>
              );
            })}
          </Timeline>
        )}
      </PagedSectionList>
      <ConfirmModal
        opened={noteToDelete !== null}
        title="Delete note?"
        confirmLabel="Delete note"
        loading={deleteNote.isPending}
        error={deleteNote.isError ? errorMessage(deleteNote.error) : null}
        onConfirm={() => {
          if (noteToDelete) deleteNote.mutate(noteToDelete.id, { onSuccess: closeDelete });
        }}
        onClose={closeDelete}
      >
        The note is removed from the timeline for everyone.
      </ConfirmModal>
    </SectionCard>
  );
}
