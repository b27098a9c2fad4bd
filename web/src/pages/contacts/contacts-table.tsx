import { Anchor, Table } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { Contact, ContactFieldSort, ContactSort } from '../../api/contacts.js';
import { EmptyValue } from '../../components/empty-value.js';
import { RecordTable } from '../../components/record-list/record-table.js';
import { UserName } from '../../components/user-name.js';
import type { SortDirection } from '../../lib/column-sort.js';
import { formatDate } from '../../lib/format.js';
import { ContactNameLink } from './contact-name-link.js';

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
        <ContactNameLink contact={contact} fw={500} />
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

export interface ContactsTableProps {
  readonly contacts: readonly Contact[];
  readonly loading: boolean;
  readonly sort: ContactSort;
  readonly onSort: (sort: ContactFieldSort) => void;
  readonly describedBy: string | undefined;
}

export function ContactsTable({ contacts, ...table }: ContactsTableProps) {
  return (
    <RecordTable
      {...table}
      label="Contacts"
      minWidth={1000}
      columns={8}
      firstDirection={FIRST_DIRECTION}
      head={(header) => (
        <>
          {header('lastName', 'Name')}
          <Table.Th>Email</Table.Th>
          <Table.Th>Phone</Table.Th>
          <Table.Th>Job title</Table.Th>
          <Table.Th>Account</Table.Th>
          <Table.Th>Owner</Table.Th>
          {header('updatedAt', 'Updated')}
          {header('createdAt', 'Created')}
        </>
      )}
    >
      {contacts.map((contact) => (
        <ContactRow key={contact.id} contact={contact} />
      ))}
    </RecordTable>
  );
}
