import { Alert, Button, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { MergePreviewTable, type MergePreviewRow } from './merge-preview-table.js';

export interface MergeModalProps<T extends { readonly id: string }> {
  readonly opened: boolean;
  readonly onClose: () => void;
  /** "Merge accounts". */
  readonly title: string;
  /** The record whose page the merge started from. */
  readonly current: T;
  /** The record picked to merge with it, once picked. */
  readonly other: T | null;
  /** Where the other record is picked. */
  readonly picker: ReactNode;
  readonly labelOf: (record: T) => string;
  readonly rows: (survivor: T, merged: T) => MergePreviewRow[];
  /** What happens to the merged record and its relations. */
  readonly explanation: string;
  readonly onMerge: (survivor: T, merged: T) => void;
  readonly merging: boolean;
  readonly error: string | null;
}

/**
 * Folds two records into one: pick the other record, choose which one is kept, check the preview
 * of what the kept one holds afterwards, confirm.
 */
export function MergeModal<T extends { readonly id: string }>({
  opened,
  onClose,
  title,
  current,
  other,
  picker,
  labelOf,
  rows,
  explanation,
  onMerge,
  merging,
  error,
}: MergeModalProps<T>) {
  const [keepOther, setKeepOther] = useState(false);
  const pair =
    other === null
      ? null
      : keepOther
        ? { survivor: other, merged: current }
        : { survivor: current, merged: other };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      size="xl"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack gap="md">
        {picker}
        {pair && other && (
          <>
            <Radio.Group
              label="Which one is kept?"
              value={keepOther ? 'other' : 'current'}
              onChange={(value) => setKeepOther(value === 'other')}
            >
              <Group mt="xs">
                <Radio value="current" label={`${labelOf(current)} (this one)`} />
                <Radio value="other" label={labelOf(other)} />
              </Group>
            </Radio.Group>
            <Text size="sm" c="dimmed">
              {explanation}
            </Text>
            <MergePreviewTable
              survivorName={labelOf(pair.survivor)}
              mergedName={labelOf(pair.merged)}
              rows={rows(pair.survivor, pair.merged)}
            />
          </>
        )}
        {error && (
          <Alert color="red" role="alert" title="Could not merge">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color="red"
            disabled={pair === null}
            loading={merging}
            onClick={() => pair && onMerge(pair.survivor, pair.merged)}
          >
            Merge
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
