import { Anchor, Badge, Button, Grid, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconGitMerge, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/api-error.js';
import { useContact, useDeleteContact, useUpdateContact } from '../../api/contact-queries.js';
import { contactName, contactSchema, type Contact, type ContactPatch } from '../../api/contacts.js';
import { contactKeys } from '../../api/query-keys.js';
import { allows, allowsOn } from '../../auth/access.js';
import { useSession } from '../../auth/session-context.js';
import { AttachmentsSection } from '../../components/attachments/attachments-section.js';
import { ConfirmModal } from '../../components/confirm-modal.js';
import { ConflictAlert } from '../../components/conflict/conflict-alert.js';
import { useVersionedSave } from '../../components/conflict/use-versioned-save.js';
import { QueryErrorAlert } from '../../components/query-error-alert.js';
import { TimelineSection } from '../../components/timeline/timeline-section.js';
import { UpcomingSections } from '../../components/upcoming-sections.js';
import { leaveThenForget } from '../../lib/leave-then-forget.js';
import { ContactDetailsCard } from './contact-details-card.js';
import { MergeContactModal } from './merge-contact-modal.js';

function BackLink() {
  return (
    <Anchor component={Link} to="/contacts" size="sm">
      <IconArrowLeft size={14} aria-hidden /> Contacts
    </Anchor>
  );
}

type Dialog = 'merge' | 'delete' | null;

function ContactView({ contact }: { readonly contact: Contact }) {
  const me = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const update = useUpdateContact();
  const remove = useDeleteContact();
  const [dialog, setDialog] = useState<Dialog>(null);
  const versioned = useVersionedSave({
    record: contact,
    schema: contactSchema,
    update: (patch: ContactPatch, version) =>
      update.mutateAsync({ id: contact.id, patch, version }),
    reload: (current) => {
      if (current) queryClient.setQueryData(contactKeys.detail(contact.id), current);
      else void queryClient.invalidateQueries({ queryKey: contactKeys.detail(contact.id) });
    },
  });
  const subject = { type: 'contact', id: contact.id } as const;
  const name = contactName(contact);

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
            {contact.primary && <Badge variant="light">Primary</Badge>}
          </Group>
          {(contact.title || contact.accountId) && (
            <Text c="dimmed" size="sm">
              {contact.title}
              {contact.title && contact.accountId && ' at '}
              {contact.accountId && (
                <Anchor
                  component={Link}
                  to={`/accounts/${encodeURIComponent(contact.accountId)}`}
                  size="sm"
                >
                  {contact.accountName ?? 'Account'}
                </Anchor>
              )}
            </Text>
          )}
        </Stack>
        <Group gap="xs">
          {allows(me.permissions, 'contacts', 'merge') && (
            <Button
              variant="default"
              leftSection={<IconGitMerge size={16} aria-hidden />}
              onClick={() => setDialog('merge')}
            >
              Merge…
            </Button>
          )}
          {allowsOn(me, 'contacts', 'delete', contact.ownerId) && (
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
          what="contact"
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
          <ContactDetailsCard
            contact={contact}
            editable={allows(me.permissions, 'contacts', 'update')}
            save={versioned.save}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <TimelineSection subject={subject} />
            <AttachmentsSection subject={subject} />
          </Stack>
        </Grid.Col>
      </Grid>
      <UpcomingSections what="contact" />

      {dialog === 'merge' && <MergeContactModal contact={contact} onClose={closeDialog} />}
      <ConfirmModal
        opened={dialog === 'delete'}
        title="Delete contact?"
        confirmLabel="Delete contact"
        loading={remove.isPending}
        error={remove.isError ? errorMessage(remove.error) : null}
        onConfirm={() =>
          remove.mutate(contact, {
            onSuccess: () => {
              notifications.show({ color: 'green', title: 'Contact deleted', message: name });
              void leaveThenForget(navigate('/contacts'), () =>
                queryClient.removeQueries({ queryKey: contactKeys.detail(contact.id) }),
              );
            },
          })
        }
        onClose={closeDialog}
      >
        {`${name} is deleted with their timeline and files.`}
      </ConfirmModal>
    </Stack>
  );
}

export function ContactDetailPage() {
  const { id = '' } = useParams();
  const contact = useContact(id);

  let content;
  if (contact.isPending) {
    content = (
      <Stack gap="sm" aria-busy>
        <Skeleton height={28} width="40%" />
        <Skeleton height={14} width="60%" />
      </Stack>
    );
  } else if (contact.isError) {
    content =
      contact.error instanceof ApiError && contact.error.status === 404 ? (
        <Stack gap="xs" align="flex-start">
          <Title order={2}>Contact not found</Title>
          <Text c="dimmed">
            It may have been deleted or merged, or you may not have access to it.
          </Text>
        </Stack>
      ) : (
        <QueryErrorAlert
          title="Could not load the contact"
          error={contact.error}
          onRetry={() => void contact.refetch()}
        />
      );
  } else {
    content = <ContactView key={contact.data.id} contact={contact.data} />;
  }

  return (
    <Stack gap="md">
      <BackLink />
      {content}
    </Stack>
  );
}
