import { useMergeAccounts } from '../../api/account-queries.js';
import type { Account } from '../../api/accounts.js';
import { accountKeys } from '../../api/query-keys.js';
import { RecordMergeModal } from '../../components/merge/record-merge-modal.js';
import { AccountSelect, accountLabel } from '../../components/pickers/account-select.js';
import { useUserLookup } from '../../lib/user-lookup.js';
import { accountMergeRows } from './account-merge.js';

export interface MergeAccountModalProps {
  readonly account: Account;
  readonly onClose: () => void;
}

/** Merges a duplicate into this account (or this one into it), then opens the kept one. */
export function MergeAccountModal({ account, onClose }: MergeAccountModalProps) {
  const { nameOf } = useUserLookup();
  const merge = useMergeAccounts();
  return (
    <RecordMergeModal
      type="account"
      record={account}
      onClose={onClose}
      merge={merge}
      detailKey={accountKeys.detail}
      picker={(picker) => <AccountSelect {...picker} placeholder="Search accounts" />}
      displayName={(named) => named.name}
      labelOf={accountLabel}
      rows={(survivor, merged) => accountMergeRows(survivor, merged, nameOf)}
      explanation="The contacts, timeline, files and links of the merged account move to the kept one, which fills its empty fields from it, combines the tags and keeps both notes. The merged account is then deleted."
    />
  );
}
