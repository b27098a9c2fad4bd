import { Badge } from '@mantine/core';
import { useParams } from 'react-router-dom';
import { useAccount, useDeleteAccount, useUpdateAccount } from '../../api/account-queries.js';
import { accountSchema, type Account } from '../../api/accounts.js';
import { accountKeys } from '../../api/query-keys.js';
import { RecordDetailPage } from '../../components/record-detail/record-detail-page.js';
import { RecordDetailView } from '../../components/record-detail/record-detail-view.js';
import { ACCOUNT_STATUS_COLORS, ACCOUNT_STATUS_LABELS } from '../../lib/record-fields.js';
import { AccountContactsSection } from './account-contacts-section.js';
import { AccountDetailsCard } from './account-details-card.js';
import { MergeAccountModal } from './merge-account-modal.js';

function AccountView({ account }: { readonly account: Account }) {
  const update = useUpdateAccount();
  const remove = useDeleteAccount();
  return (
    <RecordDetailView
      type="account"
      record={account}
      schema={accountSchema}
      detailKey={accountKeys.detail(account.id)}
      name={account.name}
      badges={
        <Badge variant="light" color={ACCOUNT_STATUS_COLORS[account.status]} tt="none">
          {ACCOUNT_STATUS_LABELS[account.status]}
        </Badge>
      }
      update={update}
      remove={remove}
      deleteWarning={`${account.name} is deleted with its timeline and files. An account that still has contacts cannot be deleted: move or merge them first.`}
      details={(card) => <AccountDetailsCard account={account} {...card} />}
      sections={<AccountContactsSection accountId={account.id} />}
      mergeModal={(onClose) => <MergeAccountModal account={account} onClose={onClose} />}
    />
  );
}

export function AccountDetailPage() {
  const { id = '' } = useParams();
  const account = useAccount(id);
  return (
    <RecordDetailPage type="account" query={account} placeholderLines={2}>
      {(record) => <AccountView account={record} />}
    </RecordDetailPage>
  );
}
