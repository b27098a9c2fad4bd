import { Anchor, Badge, Group, Skeleton, Table } from '@mantine/core';
import { Link } from 'react-router-dom';
import {
  contactName,
  type Contact,
  type ContactFieldSort,
  type ContactSort,
} from '../../api/contacts.js';
import { EmptyValue } from '../../components/empty-value.js';
import { SortableHeader } from '../../components/sortable-header.js';
import { UserName } from '../../components/user-name.js';
import { nextSort, sortDirection, type SortDirection } from '../../lib/column-sort.js';
import { formatDate } from '../../lib/format.js';

const SKELETON_ROWS = 5;
const COLUMN_COUNT = 8;

type SortableColumn = 'lastName' | 'updatedAt' | 'createdAt';
const FIRST_DIRECTION: Readonly<Record<SortableColumn, SortDirection>> = {
  lastName: 'ascending',
  updatedAt: 'descending',
  createdAt: 'descending',
};

function ContactRow({ contact }: { readonly contact: Contact }) {
  return (
    <Table.Tr>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Anchor component={Link} to={`/contacts/${encodeURIComponent(contact.id)}`} fw={500}>
            {contactName(contact)}
          </Anchor>
          {contact.primary && (
            <Badge size="xs" variant="light">
              Primary
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>{contact.email ?? <EmptyValue />}</Table.Td>
      <Table.Td>{contact.phone ?? <EmptyValue />}</Table.Td>
      <Table.Td>{contact.title ?? <EmptyValue />}</Table.Td>
      <Table.Td>
        {contact.accountId ? (
          <Anchor component={Link} to={`/accounts/${encodeURIComponent(contact.accountId)}`}>
            {contact.accountName ?? 'Account'}
          </Anchor>
        ) : (
          <EmptyValue />
        )}
      </Table.Td>
      <Table.Td>
        <UserName id={contact.ownerId} />
      </Table.Td>
      <Table.Td>
        <time dateTime={contact.updatedAt}>{formatDate(contact.updatedAt)}</time>
      </Table.Td>
      <Table.Td>
        <time dateTime={contact.createdAt}>{formatDate(contact.createdAt)}</time>
      </Table.Td>
    </Table.Tr>
  );
}

function SkeletonRows() {
  return Array.from({ length: SKELETON_ROWS }, (_, row) => (
    <Table.Tr key={row} aria-hidden>
      {Array.from({ length: COLUMN_COUNT }, (_, cell) => (
        <Table.Td key={cell}>
          <Skeleton height={14} radius="sm" />
        </Table.Td>
      ))}
    </Table.Tr>
  ));
}

export interface ContactsTableProps {
  readonly contacts: readonly Contact[];
  readonly loading: boolean;
  readonly sort: ContactSort;
  readonly onSort: (sort: ContactFieldSort) => void;
  readonly describedBy: string | undefined;
}

export function ContactsTable({
  contacts,
  loading,
  sort,
  onSort,
  describedBy,
}: ContactsTableProps) {
  const header = (column: SortableColumn, label: string) => (
    <SortableHeader
      label={label}
      direction={sortDirection(sort, column)}
      onSort={() => onSort(nextSort(sort, column, FIRST_DIRECTION[column]))}
    />
  );
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table
        highlightOnHover
        aria-label="Contacts"
        aria-busy={loading}
        aria-describedby={describedBy}
      >
        <Table.Thead>
          <Table.Tr>
            {header('lastName', 'Name')}
            <Table.Th>Email</Table.Th>
            <Table.Th>Phone</Table.Th>
            <Table.Th>Job title</Table.Th>
            <Table.Th>Account</Table.Th>
            <Table.Th>Owner</Table.Th>
            {header('updatedAt', 'Updated')}
            {header('createdAt', 'Created')}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {loading ? (
            <SkeletonRows />
          ) : (
            contacts.map((contact) => <ContactRow key={contact.id} contact={contact} />)
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
