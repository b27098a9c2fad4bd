import { Anchor, Badge, Group, Table, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { Account, AccountFieldSort, AccountSort } from '../../api/accounts.js';
import { EmptyValue } from '../../components/empty-value.js';
import { RecordTable } from '../../components/record-list/record-table.js';
import { UserName } from '../../components/user-name.js';
import type { SortDirection } from '../../lib/column-sort.js';
import { formatDate } from '../../lib/format.js';
import { ACCOUNT_STATUS_COLORS, ACCOUNT_STATUS_LABELS } from '../../lib/record-fields.js';

/** Beyond this many tags a row shows "+n". */
const TAGS_SHOWN = 3;

type SortableColumn = 'name' | 'updatedAt' | 'createdAt';
// A column's first click gives its most useful order: names A→Z, the most recent first.
const FIRST_DIRECTION: Readonly<Record<SortableColumn, SortDirection>> = {
  name: 'ascending',
  updatedAt: 'descending',
  createdAt: 'descending',
};

function TagList({ tags }: { readonly tags: readonly string[] }) {
  if (tags.length === 0) return <EmptyValue />;
  const hidden = tags.length - TAGS_SHOWN;
  return (
    <Group gap={4}>
      {tags.slice(0, TAGS_SHOWN).map((tag) => (
        <Badge key={tag} variant="light" size="sm" tt="none" miw="max-content">
          {tag}
        </Badge>
      ))}
      {hidden > 0 && (
        <Text size="xs" c="dimmed" title={tags.slice(TAGS_SHOWN).join(', ')}>
          +{hidden}
        </Text>
      )}
    </Group>
  );
}

function AccountRow({ account }: { readonly account: Account }) {
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor component={Link} to={`/accounts/${encodeURIComponent(account.id)}`} fw={500}>
          {account.name}
        </Anchor>
      </Table.Td>
      <Table.Td>{account.domain ?? <EmptyValue />}</Table.Td>
      <Table.Td>
        {/* Never cut short: "Former customer" must read whole in a narrow column. */}
        <Badge
          variant="light"
          color={ACCOUNT_STATUS_COLORS[account.status]}
          tt="none"
          miw="max-content"
        >
          {ACCOUNT_STATUS_LABELS[account.status]}
        </Badge>
      </Table.Td>
      <Table.Td>
        <UserName id={account.ownerId} />
      </Table.Td>
      <Table.Td>{account.industry ?? <EmptyValue />}</Table.Td>
      <Table.Td>
        <TagList tags={account.tags} />
      </Table.Td>
      <Table.Td ta="right">{account.contactCount}</Table.Td>
      <Table.Td>
        <time dateTime={account.updatedAt}>{formatDate(account.updatedAt)}</time>
      </Table.Td>
      <Table.Td>
        <time dateTime={account.createdAt}>{formatDate(account.createdAt)}</time>
      </Table.Td>
    </Table.Tr>
  );
}

export interface AccountsTableProps {
  readonly accounts: readonly Account[];
  readonly loading: boolean;
  readonly sort: AccountSort;
  readonly onSort: (sort: AccountFieldSort) => void;
  /** Set while the rows are in relevance order: the hint that says so. */
  readonly describedBy: string | undefined;
}

export function AccountsTable({ accounts, ...table }: AccountsTableProps) {
  return (
    <RecordTable
      {...table}
      label="Accounts"
      minWidth={1040}
      columns={9}
      firstDirection={FIRST_DIRECTION}
      head={(header) => (
        <>
          {header('name', 'Name')}
          <Table.Th>Domain</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>Owner</Table.Th>
          <Table.Th>Industry</Table.Th>
          <Table.Th>Tags</Table.Th>
          <Table.Th ta="right">Contacts</Table.Th>
          {header('updatedAt', 'Updated')}
          {header('createdAt', 'Created')}
        </>
      )}
    >
      {accounts.map((account) => (
        <AccountRow key={account.id} account={account} />
      ))}
    </RecordTable>
  );
}
