import { notifications } from '@mantine/notifications';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import type { MergeVariables } from '../../api/account-queries.js';
import { errorMessage } from '../../api/api-error.js';
import { subjectPath, type SubjectType } from '../../api/subjects.js';
import { leaveThenForget } from '../../lib/leave-then-forget.js';
import { RECORD_NOUNS } from '../../lib/record-nouns.js';
import { MergeModal } from './merge-modal.js';
import type { MergePreviewRow } from './merge-preview-table.js';

/** The part of a record type's merge mutation the dialog uses. */
export interface MergeRecordsMutation<T> {
  readonly mutate: (
    variables: MergeVariables<T>,
    options: { readonly onSuccess: (kept: T) => void },
  ) => void;
  readonly reset: () => void;
  readonly isPending: boolean;
  readonly isError: boolean;
  readonly error: unknown;
}

/** What the picker of the other record is handed. */
export interface MergePickerProps<T> {
  readonly label: string;
  readonly value: string | null;
  readonly onChange: (picked: T | null) => void;
  /** The record being merged into: not a choice. */
  readonly excludeId: string;
  readonly autoFocus: boolean;
}

export interface RecordMergeModalProps<T extends { readonly id: string }> {
  readonly type: SubjectType;
  /** The record whose page the merge started from. */
  readonly record: T;
  readonly onClose: () => void;
  readonly merge: MergeRecordsMutation<T>;
  /** A record's cache key: the merged one's is dropped once its page is left. */
  readonly detailKey: (id: string) => QueryKey;
  readonly picker: (picker: MergePickerProps<T>) => ReactNode;
  /** The record's name, in the message that it was merged. */
  readonly displayName: (record: T) => string;
  /** The record as the picker and the preview name it. */
  readonly labelOf: (record: T) => string;
  readonly rows: (survivor: T, merged: T) => MergePreviewRow[];
  /** What happens to the merged record and its relations. */
  readonly explanation: string;
}

/** Merges a duplicate into this record (or this one into it), then opens the kept one. */
export function RecordMergeModal<T extends { readonly id: string }>({
  type,
  record,
  onClose,
  merge,
  detailKey,
  picker,
  displayName,
  labelOf,
  rows,
  explanation,
}: RecordMergeModalProps<T>) {
  const nouns = RECORD_NOUNS[type];
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [other, setOther] = useState<T | null>(null);

  return (
    <MergeModal<T>
      opened
      onClose={onClose}
      title={`Merge ${nouns.many}`}
      current={record}
      other={other}
      picker={picker({
        label: `${nouns.One} to merge with`,
        value: other?.id ?? null,
        onChange: (picked) => {
          setOther(picked);
          merge.reset();
        },
        excludeId: record.id,
        autoFocus: true,
      })}
      labelOf={labelOf}
      rows={rows}
      explanation={explanation}
      merging={merge.isPending}
      error={merge.isError ? errorMessage(merge.error) : null}
      onMerge={(survivor, merged) =>
        merge.mutate(
          { survivor, merged },
          {
            onSuccess: (kept) => {
              notifications.show({
                color: 'green',
                title: `${nouns.Many} merged`,
                message: `${displayName(merged)} was merged into ${displayName(kept)}.`,
              });
              onClose();
              void leaveThenForget(navigate(subjectPath({ type, id: kept.id })), () =>
                queryClient.removeQueries({ queryKey: detailKey(merged.id) }),
              );
            },
          },
        )
      }
    />
  );
}
