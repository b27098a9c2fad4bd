import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  FileButton,
  Group,
  Progress,
  Stack,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { IconTrash, IconUpload } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { ApiError, errorMessage } from '../../api/api-error.js';
import {
  useAttachments,
  useDeleteAttachment,
  useUploadAttachment,
} from '../../api/attachment-queries.js';
import {
  ATTACHMENT_MAX_BYTES,
  attachmentContentUrl,
  type Attachment,
} from '../../api/attachments.js';
import type { Subject } from '../../api/subjects.js';
import { allows, allowsOn } from '../../auth/access.js';
import { useSession } from '../../auth/session-context.js';
import { formatBytes, formatDateTime } from '../../lib/format.js';
import { ConfirmModal } from '../confirm-modal.js';
import { PagedSectionList } from '../paged-section-list.js';
import { SectionCard } from '../section-card.js';
import { UserName } from '../user-name.js';

interface Upload {
  readonly fileName: string;
  readonly fraction: number;
}

function tooLarge(file: File): string {
  return `${file.name} is too large: files may be at most ${formatBytes(ATTACHMENT_MAX_BYTES)}.`;
}

/** Why a file was not attached, in terms of the file. */
function uploadFailure(file: File, error: unknown): string {
  if (error instanceof ApiError && error.status === 413) return tooLarge(file);
  return `${file.name} was not attached: ${errorMessage(error)}`;
}

/** Files on an account or contact: upload (with progress), download, delete. */
export function AttachmentsSection({ subject }: { readonly subject: Subject }) {
  const me = useSession();
  const attachments = useAttachments(subject);
  const upload = useUploadAttachment(subject);
  const remove = useDeleteAttachment(subject);
  const [current, setCurrent] = useState<Upload | null>(null);
  const [failures, setFailures] = useState<readonly string[]>([]);
  const [toDelete, setToDelete] = useState<Attachment | null>(null);
  const abort = useRef<AbortController | null>(null);

  const uploadFiles = async (files: readonly File[]) => {
    const problems: string[] = [];
    for (const file of files) {
      // Refused here rather than after sending megabytes the gateway would refuse.
      if (file.size > ATTACHMENT_MAX_BYTES) {
        problems.push(tooLarge(file));
        continue;
      }
      const controller = new AbortController();
      abort.current = controller;
      setCurrent({ fileName: file.name, fraction: 0 });
      try {
        await upload.mutateAsync({
          file,
          signal: controller.signal,
          onProgress: (fraction) => setCurrent({ fileName: file.name, fraction }),
        });
      } catch (error) {
        if (controller.signal.aborted) break;
        problems.push(uploadFailure(file, error));
      }
    }
    abort.current = null;
    setCurrent(null);
    setFailures(problems);
  };

  const closeDelete = () => {
    setToDelete(null);
    remove.reset();
  };

  return (
    <SectionCard
      title="Attachments"
      actions={
        allows(me.permissions, 'attachments', 'create') && (
          <FileButton onChange={(files) => void uploadFiles(files)} multiple>
            {(props) => (
              <Button
                {...props}
                size="xs"
                variant="default"
                leftSection={<IconUpload size={14} aria-hidden />}
                disabled={current !== null}
              >
                Upload files
              </Button>
            )}
          </FileButton>
        )
      }
    >
      <Text size="xs" c="dimmed">
        Up to {formatBytes(ATTACHMENT_MAX_BYTES)} per file; programs cannot be attached.
      </Text>
      {current && (
        <Stack gap={4}>
          <Group justify="space-between">
            <Text size="sm">
              Uploading {current.fileName}… {Math.round(current.fraction * 100)}%
            </Text>
            <Button size="xs" variant="subtle" color="gray" onClick={() => abort.current?.abort()}>
              Cancel upload
            </Button>
          </Group>
          <Progress
            value={current.fraction * 100}
            aria-label={`Uploading ${current.fileName}`}
            animated
          />
        </Stack>
      )}
      {failures.length > 0 && (
        <Alert
          color="red"
          role="alert"
          title="Some files were not attached"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setFailures([])}
        >
          <Stack gap={2}>
            {failures.map((failure) => (
              <Text key={failure} size="sm">
                {failure}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      <PagedSectionList query={attachments} what="attachments" empty="No files yet.">
        {(items) => (
          <Table.ScrollContainer minWidth={480}>
            <Table aria-label="Attachments">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>File</Table.Th>
                  <Table.Th>Size</Table.Th>
                  <Table.Th>Uploaded by</Table.Th>
                  <Table.Th>Uploaded</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((attachment) => (
                  <Table.Tr key={attachment.id}>
                    <Table.Td>
                      <Anchor
                        href={attachmentContentUrl(attachment.id)}
                        download={attachment.fileName}
                      >
                        {attachment.fileName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{formatBytes(attachment.sizeBytes)}</Table.Td>
                    <Table.Td>
                      <UserName id={attachment.uploadedBy} />
                    </Table.Td>
                    <Table.Td>
                      <time dateTime={attachment.createdAt}>
                        {formatDateTime(attachment.createdAt)}
                      </time>
                    </Table.Td>
                    <Table.Td>
                      {allowsOn(me, 'attachments', 'delete', attachment.uploadedBy) && (
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-label={`Delete ${attachment.fileName}`}
                          onClick={() => setToDelete(attachment)}
                        >
                          <IconTrash size={16} aria-hidden />
                        </ActionIcon>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </PagedSectionList>
      <ConfirmModal
        opened={toDelete !== null}
        title="Delete attachment?"
        confirmLabel="Delete"
        loading={remove.isPending}
        error={remove.isError ? errorMessage(remove.error) : null}
        onConfirm={() => {
          if (toDelete) remove.mutate(toDelete.id, { onSuccess: closeDelete });
        }}
        onClose={closeDelete}
      >
        {`${toDelete?.fileName ?? 'The file'} is deleted for everyone.`}
      </ConfirmModal>
    </SectionCard>
  );
}
