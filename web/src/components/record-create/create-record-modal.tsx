import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { subjectPath } from '../../api/subjects.js';
import { RECORD_NOUNS } from '../../lib/record-nouns.js';
import { DuplicateWarning } from '../duplicate-warning.js';
import type { CreateRecordForm } from './use-create-record.js';

/** How a record type's create dialog is opened, and told of the new record. */
export interface CreateDialogProps<T> {
  readonly opened: boolean;
  readonly onClose: () => void;
  readonly onCreated?: (record: T) => void;
}

export interface CreateRecordModalProps<V, T extends { readonly id: string }> {
  readonly opened: boolean;
  readonly create: CreateRecordForm<V, T>;
  /** The warning's title when the server refuses the record as a duplicate. */
  readonly refusedTitle: string;
  /** Records that look like the one being typed, found while typing. */
  readonly early: readonly T[];
  /** What a possible duplicate has in common with the new record. */
  readonly duplicateDetail: (record: T) => string | null;
  /** The form's fields. */
  readonly children: ReactNode;
}

/** The dialog a new account or contact is entered in, warning of duplicates. */
export function CreateRecordModal<V, T extends { readonly id: string }>({
  opened,
  create,
  refusedTitle,
  early,
  duplicateDetail,
  children,
}: CreateRecordModalProps<V, T>) {
  const { type, displayName } = create;
  const nouns = RECORD_NOUNS[type];
  const toCandidates = (records: readonly T[]) =>
    records.map((record) => ({
      id: record.id,
      label: displayName(record),
      detail: duplicateDetail(record),
      href: subjectPath({ type, id: record.id }),
    }));

  return (
    <Modal
      opened={opened}
      onClose={create.close}
      title={`New ${nouns.one}`}
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form onSubmit={create.submit} noValidate>
        <Stack gap="md">
          {create.formError && (
            <Alert color="red" role="alert" title={`Could not create the ${nouns.one}`}>
              {create.formError}
            </Alert>
          )}
          {create.refusedAs ? (
            <DuplicateWarning
              title={refusedTitle}
              candidates={toCandidates(create.refusedAs)}
              creating={create.creating}
              onCreateAnyway={create.createAnyway}
            />
          ) : (
            early.length > 0 && (
              <DuplicateWarning title="Possible duplicates" candidates={toCandidates(early)} />
            )
          )}
          {children}
          <Group justify="flex-end">
            <Button variant="default" onClick={create.close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.creating}>
              {`Create ${nouns.one}`}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
