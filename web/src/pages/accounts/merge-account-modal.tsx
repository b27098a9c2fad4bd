import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useMergeAccounts } from '../../api/account-queries.js';
import type { Account } from '../../api/accounts.js';
import { errorMessage } from '../../api/api-error.js';
import { accountKeys } from '../../api/query-keys.js';
import { MergeModal } from '../../components/merge/merge-modal.js';
import { AccountSelect, accountLabel } from '../../components/pickers/account-select.js';
import { leaveThenForget } from '../../lib/leave-then-forget.js';
import { useUserLookup } from '../../lib/user-lookup.js';
import { accountMergeRows } from './account-merge.js';

export interface MergeAccountModalProps {
  readonly account: Account;
  readonly onClose: () => void;
}

/** Merges a duplicate into this account (or this one into it), then opens the kept one. */
export function MergeAccountModal({ account, onClose }: MergeAccountModalProps) {
  const { nameOf } = useUserLookup();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const merge = useMergeAccounts();
  const [other, setOther] = useState<Account | null>(null);

  return (
    <MergeModal<Account>
      opened
      onClose={onClose}
      title="Merge accounts"
      current={account}
      other={other}
      picker={
        <AccountSelect
          label="Account to merge with"
          placeholder="Search accounts"
          value={other?.id ?? null}
          onChange={(picked) => {
            setOther(picked);
            merge.reset();
          }}
          excludeId={account.id}
          autoFocus
        />
      }
      labelOf={accountLabel}
      rows={(survivor, merged) => accountMergeRows(survivor, merged, nameOf)}
      explanation="The contacts, timeline, files and links of the merged account move to the kept one, which fills its empty fields from it, combines the tags and keeps both notes. The merged account is then deleted."
      merging={merge.isPending}
      error={merge.isError ? errorMessage(merge.error) : null}
      onMerge={(survivor, merged) =>
        merge.mutate(
          { survivor, merged },
          {
            onSuccess: (kept) => {
              notifications.show({
                color: 'green',
                title: 'Accounts merged',
                message: `${merged.name} was merged into ${kept.name}.`,
              });
              onClose();
              void leaveThenForget(navigate(`/accounts/${encodeURIComponent(kept.id)}`), () =>
                queryClient.removeQueries({ queryKey: accountKeys.detail(merged.id) }),
              );
            },
          },
        )
      }
    />
  );
}
