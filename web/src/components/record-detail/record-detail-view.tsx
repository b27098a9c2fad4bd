import { Button, Grid, Group, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconGitMerge, IconTrash } from '@tabler/icons-react';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import type { z } from 'zod';
import { errorMessage } from '../../api/api-error.js';
import type { SubjectType } from '../../api/subjects.js';
import { allows, allowsOn } from '../../auth/access.js';
import { useSession } from '../../auth/session-context.js';
import { leaveThenForget } from '../../lib/leave-then-forget.js';
import { RECORD_NOUNS } from '../../lib/record-nouns.js';
import { AttachmentsSection } from '../attachments/attachments-section.js';
import { ConfirmModal } from '../confirm-modal.js';
import { ConflictAlert } from '../conflict/conflict-alert.js';
import { useVersionedSave } from '../conflict/use-versioned-save.js';
import { TimelineSection } from '../timeline/timeline-section.js';
import { UpcomingSections } from '../upcoming-sections.js';
import type { DetailsCardBinding } from './details-card.js';

/**
 * What the page needs of a record: who owns it (for delete rights) and the version it is at. A
 * type, not an interface, so that a record also reads as the field map the conflict alert shows.
 */
export type DetailRecord = {
  readonly id: string;
  readonly version: number;
  readonly ownerId: string | null;
};

/** The part of a record type's update mutation the page uses. */
export interface UpdateRecordMutation<P> {
  readonly mutateAsync: (variables: {
    readonly id: string;
    readonly patch: P;
    readonly version: number;
  }) => Promise<unknown>;
}

/** The part of a record type's delete mutation the page uses. */
export interface DeleteRecordMutation<T> {
  readonly mutate: (record: T, options: { readonly onSuccess: () => void }) => void;
  readonly reset: () => void;
  readonly isPending: boolean;
  readonly isError: boolean;
  readonly error: unknown;
}

export interface RecordDetailViewProps<
  S extends z.ZodType<DetailRecord>,
  P extends Readonly<Record<string, unknown>>,
> {
  readonly type: SubjectType;
  readonly record: z.output<S>;
  /** Reads the current record out of a conflict. */
  readonly schema: S;
  /** The record's cache key, refreshed after a conflict and dropped after a delete. */
  readonly detailKey: QueryKey;
  /** How the record is called: the page's title, and the record in messages. */
  readonly name: string;
  /** Next to the name. */
  readonly badges?: ReactNode;
  /** Under the name. */
  readonly byline?: ReactNode;
  readonly update: UpdateRecordMutation<P>;
  readonly remove: DeleteRecordMutation<z.output<S>>;
  /** What deleting takes with it (or what stops it), in the confirmation. */
  readonly deleteWarning: string;
  readonly details: (card: DetailsCardBinding<P>) => ReactNode;
  /** Sections above the timeline. */
  readonly sections?: ReactNode;
  readonly mergeModal: (onClose: () => void) => ReactNode;
}

type Dialog = 'merge' | 'delete' | null;

/**
 * A loaded account or contact: its fields edited in place (with stale saves offered for
 * reloading or reapplying), its timeline, files and coming sections, merge and delete.
 */
export function RecordDetailView<
  S extends z.ZodType<DetailRecord>,
  P extends Readonly<Record<string, unknown>>,
>({
  type,
  record,
  schema,
  detailKey,
  name,
  badges,
  byline,
  update,
  remove,
  deleteWarning,
  details,
  sections,
  mergeModal,
}: RecordDetailViewProps<S, P>) {
  const nouns = RECORD_NOUNS[type];
  const me = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const versioned = useVersionedSave({
    record,
    schema,
    update: (patch: P, version) => update.mutateAsync({ id: record.id, patch, version }),
    reload: (current) => {
      if (current) queryClient.setQueryData(detailKey, current);
      else void queryClient.invalidateQueries({ queryKey: detailKey });
    },
  });
  const subject = { type, id: record.id } as const;

  const closeDialog = () => {
    setDialog(null);
    remove.reset();
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Group gap="sm">
            <Title order={2}>{name}</Title>
            {badges}
          </Group>
          {byline}
        </Stack>
        <Group gap="xs">
          {allows(me.permissions, nouns.many, 'merge') && (
            <Button
              variant="default"
              leftSection={<IconGitMerge size={16} aria-hidden />}
              onClick={() => setDialog('merge')}
            >
              Merge…
            </Button>
          )}
          {allowsOn(me, nouns.many, 'delete', record.ownerId) && (
            <Button
              variant="default"
              color="red"
              leftSection={<IconTrash size={16} aria-hidden />}
              onClick={() => setDialog('delete')}
            >
              Delete
            </Button>
          )}
        </Group>
      </Group>

      {versioned.conflict && (
        <ConflictAlert
          what={nouns.one}
          patch={versioned.conflict.patch}
          current={versioned.conflict.current}
          reapplying={versioned.reapplying}
          error={versioned.reapplyError}
          onReload={versioned.reload}
          onReapply={() => void versioned.reapply()}
        />
      )}

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4 }}>
          {details({
            editable: allows(me.permissions, nouns.many, 'update'),
            save: versioned.save,
          })}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            {sections}
            <TimelineSection subject={subject} />
            <AttachmentsSection subject={subject} />
          </Stack>
        </Grid.Col>
      </Grid>
      <UpcomingSections what={type} />

      {dialog === 'merge' && mergeModal(closeDialog)}
      <ConfirmModal
        opened={dialog === 'delete'}
        title={`Delete ${nouns.one}?`}
        confirmLabel={`Delete ${nouns.one}`}
        loading={remove.isPending}
        error={remove.isError ? errorMessage(remove.error) : null}
        onConfirm={() =>
          remove.mutate(record, {
            onSuccess: () => {
              notifications.show({ color: 'green', title: `${nouns.One} deleted`, message: name });
              void leaveThenForget(navigate(`/${nouns.many}`), () =>
                queryClient.removeQueries({ queryKey: detailKey }),
              );
            },
          })
        }
        onClose={closeDialog}
      >
        {deleteWarning}
      </ConfirmModal>
    </Stack>
  );
}
