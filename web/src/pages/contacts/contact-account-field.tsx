import { Anchor, Button, Group, Stack } from '@mantine/core';
import { Link } from 'react-router-dom';
import { EmptyValue } from '../../components/empty-value.js';
import { InlineField } from '../../components/inline-edit/inline-field.js';
import { useInlineEdit } from '../../components/inline-edit/use-inline-edit.js';
import { AccountSelect } from '../../components/pickers/account-select.js';

export interface ContactAccountFieldProps {
  readonly accountId: string | null;
  readonly accountName: string | null;
  readonly editable: boolean;
  readonly onSave: (accountId: string | null) => Promise<void>;
}

/** The contact's account: a link, or a search to move the contact to another account. */
export function ContactAccountField({
  accountId,
  accountName,
  editable,
  onSave,
}: ContactAccountFieldProps) {
  const edit = useInlineEdit<string | null>({ value: accountId, fieldPath: 'accountId', onSave });
  return (
    <InlineField
      label="Account"
      editable={editable}
      editing={edit.editing}
      onEdit={edit.start}
      display={
        accountId === null ? (
          <EmptyValue />
        ) : (
          <Anchor component={Link} to={`/accounts/${encodeURIComponent(accountId)}`} size="sm">
            {accountName ?? 'Account'}
          </Anchor>
        )
      }
    >
      <Stack gap="xs">
        <AccountSelect
          label="Account"
          value={edit.draft}
          onChange={(account) => void edit.commit(account?.id ?? null)}
          error={edit.error}
          clearable
          autoFocus
          disabled={edit.saving}
        />
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={edit.cancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </InlineField>
  );
}
