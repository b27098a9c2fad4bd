import { Anchor, Badge, Button, Grid, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconGitMerge, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useAccount, useDeleteAccount, useUpdateAccount } from '../../api/account-queries.js';
import { ApiError, errorMessage } from '../../api/api-error.js';
import { accountSchema, type Account, type AccountPatch } from '../../api/accounts.js';
import { accountKeys } from '../../api/query-keys.js';
import { allows, allowsOn } from '../../auth/access.js';
import { useSession } from '../../auth/session-context.js';
import { AttachmentsSection } from '../../components/attachments/attachments-section.js';
import { ConfirmModal } from '../../components/confirm-modal.js';
import { ConflictAlert } from '../../components/conflict/conflict-alert.js';
import { useVersionedSave } from '../../components/conflict/use-versioned-save.js';
import { leaveThenForget } from '../../lib/leave-then-forget.js';
import { QueryErrorAlert } from '../../components/query-error-alert.js';
import { TimelineSection } from '../../components/timeline/timeline-section.js';
import { UpcomingSections } from '../../components/upcoming-sections.js';
import { ACCOUNT_STATUS_COLORS, ACCOUNT_STATUS_LABELS } from '../../lib/record-fields.js';
import { AccountContactsSection } from './account-contacts-section.js';
import { AccountDetailsCard } from './account-details-card.js';
import { MergeAccountModal } from './merge-account-modal.js';

function BackLink() {
  return (
    <Anchor component={Link} to="/accounts" size="sm">
      <IconArrowLeft size={14} aria-hidden /> Accounts
    </Anchor>
  );
}

type Dialog = 'merge' | 'delete' | null;

function AccountView({ account }: { readonly account: Account }) {
  const me = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const update = useUpdateAccount();
  const remove = useDeleteAccount();
  const [dialog, setDialog] = useState<Dialog>(null);
  const versioned = useVersionedSave({
    record: account,
    schema: accountSchema,
    update: (patch: AccountPatch, version) =>
      update.mutateAsync({ id: account.id, patch, version }),
    reload: (current) => {
      if (current) queryClient.setQueryData(accountKeys.detail(account.id), current);
      else void queryClient.invalidateQueries({ queryKey: accountKeys.detail(account.id) });
    },
  });
  const subject = { type: 'account', id: account.id } as const;
  const canMerge = allows(me.permissions, 'accounts', 'merge');
  const canDelete = allowsOn(me, 'accounts', 'delete', account.ownerId);

  const closeDialog = () => {
    setDialog(null);
    remove.reset();
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Group gap="sm">
          <Title order={2}>{account.name}</Title>
          <Badge variant="light" color={ACCOUNT_STATUS_COLORS[account.status]} tt="none">
            {ACCOUNT_STATUS_LABELS[account.status]}
          </Badge>
        </Group>
        <Group gap="xs">
          {canMerge && (
            <Button
              variant="default"
              leftSection={<IconGitMerge size={16} aria-hidden />}
              onClick={() => setDialog('merge')}
            >
              Merge…
            </Button>
          )}
          {canDelete && (
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
          what="account"
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
          <AccountDetailsCard
            account={account}
            editable={allows(me.permissions, 'accounts', 'update')}
            save={versioned.save}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <AccountContactsSection accountId={account.id} />
            <TimelineSection subject={subject} />
            <AttachmentsSection subject={subject} />
          </Stack>
        </Grid.Col>
      </Grid>
      <UpcomingSections what="account" />

      {dialog === 'merge' && <MergeAccountModal account={account} onClose={closeDialog} />}
      <ConfirmModal
        opened={dialog === 'delete'}
        title="Delete account?"
        confirmLabel="Delete account"
        loading={remove.isPending}
        error={remove.isError ? errorMessage(remove.error) : null}
        onConfirm={() =>
          remove.mutate(account, {
            onSuccess: () => {
              notifications.show({
                color: 'green',
                title: 'Account deleted',
                message: account.name,
              });
              void leaveThenForget(navigate('/accounts'), () =>
                queryClient.removeQueries({ queryKey: accountKeys.detail(account.id) }),
              );
            },
          })
        }
        onClose={closeDialog}
      >
        {`${account.name} is deleted with its timeline and files. An account that still has contacts cannot be deleted: move or merge them first.`}
      </ConfirmModal>
    </Stack>
  );
}

export function AccountDetailPage() {
  const { id = '' } = useParams();
  const account = useAccount(id);

  let content;
  if (account.isPending) {
    content = (
      <Stack gap="sm" aria-busy>
        <Skeleton height={28} width="40%" />
        <Skeleton height={14} width="60%" />
        <Skeleton height={14} width="60%" />
      </Stack>
    );
  } else if (account.isError) {
    content =
      account.error instanceof ApiError && account.error.status === 404 ? (
        <Stack gap="xs" align="flex-start">
          <Title order={2}>Account not found</Title>
          <Text c="dimmed">
            It may have been deleted or merged, or you may not have access to it.
          </Text>
        </Stack>
      ) : (
        <QueryErrorAlert
          title="Could not load the account"
          error={account.error}
          onRetry={() => void account.refetch()}
        />
      );
  } else {
    // Keyed: another account (after a merge) starts with no open dialog or pending conflict.
    content = <AccountView key={account.data.id} account={account.data} />;
  }

  return (
    <Stack gap="md">
      <BackLink />
      {content}
    </Stack>
  );
}
