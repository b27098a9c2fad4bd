import { Anchor, Button, Group, Table } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import { useContacts } from '../../api/contact-queries.js';
import { NO_CONTACT_FILTERS } from '../../api/contacts.js';
import { allows } from '../../auth/access.js';
import { useSession } from '../../auth/session-context.js';
import { EmptyValue } from '../../components/empty-value.js';
import { PagedSectionList } from '../../components/paged-section-list.js';
import { SectionCard } from '../../components/section-card.js';
import { ContactNameLink } from '../contacts/contact-name-link.js';
import { CreateContactModal } from '../contacts/create-contact-modal.js';

/** The people at an account, with a way to add one. */
export function AccountContactsSection({ accountId }: { readonly accountId: string }) {
  const { permissions } = useSession();
  const [modalOpened, modal] = useDisclosure(false);
  const contacts = useContacts({
    q: '',
    sort: 'lastName',
    filters: { ...NO_CONTACT_FILTERS, accountId: [accountId] },
  });

  return (
    <SectionCard
      title="Contacts"
      actions={
        <Group gap="xs">
          <Anchor
            component={Link}
            to={`/contacts?accountId=${encodeURIComponent(accountId)}`}
            size="sm"
          >
            Open in Contacts
          </Anchor>
          {allows(permissions, 'contacts', 'create') && (
            <Button
              size="xs"
              variant="default"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={modal.open}
            >
              Add contact
            </Button>
          )}
        </Group>
      }
    >
      <PagedSectionList query={contacts} what="contacts" empty="No contacts yet.">
        {(items) => (
          <Table.ScrollContainer minWidth={520}>
            <Table aria-label="Contacts of the account">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Job title</Table.Th>
                  <Table.Th>Email</Table.Th>
                  <Table.Th>Phone</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((contact) => (
                  <Table.Tr key={contact.id}>
                    <Table.Td>
                      <ContactNameLink contact={contact} />
                    </Table.Td>
                    <Table.Td>{contact.title ?? <EmptyValue />}</Table.Td>
                    <Table.Td>
                      {contact.email ? (
                        <Anchor href={`mailto:${contact.email}`}>{contact.email}</Anchor>
                      ) : (
                        <EmptyValue />
                      )}
                    </Table.Td>
                    <Table.Td>{contact.phone ?? <EmptyValue />}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </PagedSectionList>
      <CreateContactModal opened={modalOpened} onClose={modal.close} accountId={accountId} />
    </SectionCard>
  );
}
