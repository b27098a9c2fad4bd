import { IconAddressBook } from '@tabler/icons-react';
import { useContacts } from '../../api/contact-queries.js';
import { contactsCsvUrl } from '../../api/contacts.js';
import { RecordListPage } from '../../components/record-list/record-list-page.js';
import { ContactFiltersBar } from './contact-filters.js';
import { useContactListParams } from './contact-list-params.js';
import { ContactsTable } from './contacts-table.js';
import { CreateContactModal } from './create-contact-modal.js';

export function ContactsPage() {
  const params = useContactListParams();
  const { q, sort, filters } = params;
  const contacts = useContacts({ q, sort, filters });
  return (
    <RecordListPage
      type="contact"
      icon={<IconAddressBook aria-hidden />}
      searchPlaceholder="Search contacts by name or email"
      emptyHint="Add the people you work with, or import them from a CSV file."
      params={params}
      query={contacts}
      exportHref={contactsCsvUrl({ q, sort, filters })}
      filters={(handlers) => (
        <ContactFiltersBar filters={filters} filtered={params.filtered} {...handlers} />
      )}
      table={({ rows, ...table }) => <ContactsTable contacts={rows} sort={sort} {...table} />}
      createModal={(modal) => (
        <CreateContactModal
          // Keyed: a new contact starts at the account the list is filtered to.
          key={filters.accountId[0] ?? ''}
          accountId={filters.accountId[0]}
          {...modal}
        />
      )}
    />
  );
}
