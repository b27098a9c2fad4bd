import { Button, EmptyState, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAddressBook, IconFileImport, IconPlus, IconSearch } from '@tabler/icons-react';
import { useId, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useContacts } from '../../api/contact-queries.js';
import { contactsCsvUrl, type Contact } from '../../api/contacts.js';
import { allows } from '../../auth/access.js';
import { useSession } from '../../auth/session-context.js';
import { ExportCsvButton } from '../../components/export-csv-button.js';
import { LoadMore } from '../../components/load-more.js';
import { QueryErrorAlert } from '../../components/query-error-alert.js';
import { ContactFiltersBar } from './contact-filters.js';
import { useContactListParams } from './contact-list-params.js';
import { ContactsTable } from './contacts-table.js';
import { CreateContactModal } from './create-contact-modal.js';

const SEARCH_MAX_LENGTH = 200;

export function ContactsPage() {
  const { permissions } = useSession();
  const params = useContactListParams();
  const { q, sort, filters } = params;
  const [modalOpened, modal] = useDisclosure(false);
  const [created, setCreated] = useState<readonly Contact[]>([]);
  const byRelevance = sort === 'relevance';
  const relevanceHintId = useId();
  const contacts = useContacts({ q, sort, filters });

  const rows = useMemo(() => {
    const loaded = contacts.data?.pages.flatMap((page) => page.items) ?? [];
    const loadedIds = new Set(loaded.map((contact) => contact.id));
    return [...created.filter((contact) => !loadedIds.has(contact.id)), ...loaded];
  }, [contacts.data, created]);

  const changeList =
    <A extends unknown[]>(change: (...args: A) => void) =>
    (...args: A) => {
      setCreated([]);
      change(...args);
    };

  const showSkeleton = contacts.isPending;
  const failedFirstLoad = contacts.isError && !contacts.isFetchNextPageError;
  const narrowed = q !== '' || params.filtered;

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>Contacts</Title>
        <Group gap="xs">
          {allows(permissions, 'imports', 'create') && (
            <Button
              component={Link}
              to="/imports/new?entity=contacts"
              variant="default"
              leftSection={<IconFileImport size={16} aria-hidden />}
            >
              Import
            </Button>
          )}
          <ExportCsvButton href={contactsCsvUrl({ q, sort, filters })} />
          {allows(permissions, 'contacts', 'create') && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={modal.open}>
              New contact
            </Button>
          )}
        </Group>
      </Group>

      <TextInput
        type="search"
        aria-label="Search contacts"
        placeholder="Search contacts by name or email"
        leftSection={<IconSearch size={16} aria-hidden />}
        maxLength={SEARCH_MAX_LENGTH}
        value={params.search}
        onChange={(event) => changeList(params.setSearch)(event.currentTarget.value)}
        maw={420}
      />

      <ContactFiltersBar
        filters={filters}
        onChange={changeList(params.setFilter)}
        onClear={changeList(params.clearFilters)}
        filtered={params.filtered}
      />

      {failedFirstLoad ? (
        <QueryErrorAlert
          title="Could not load contacts"
          error={contacts.error}
          onRetry={() => void contacts.refetch()}
        />
      ) : !showSkeleton && rows.length === 0 ? (
        <EmptyState
          icon={<IconAddressBook aria-hidden />}
          title={narrowed ? 'No matching contacts' : 'No contacts yet'}
          description={
            q
              ? `Nothing matches “${q}”${params.filtered ? ' with these filters' : ''}.`
              : narrowed
                ? 'No contact has what the filters ask for.'
                : 'Add the people you work with, or import them from a CSV file.'
          }
        />
      ) : (
        <Stack gap="xs">
          {byRelevance && (
            <Text id={relevanceHintId} size="sm" c="dimmed">
              Best matches first
            </Text>
          )}
          <ContactsTable
            contacts={rows}
            loading={showSkeleton}
            sort={sort}
            onSort={changeList(params.setSort)}
            describedBy={byRelevance ? relevanceHintId : undefined}
          />
        </Stack>
      )}

      {!failedFirstLoad && <LoadMore pager={contacts} what="contacts" />}

      <CreateContactModal
        // Keyed: a new contact starts at the account the list is filtered to.
        key={filters.accountId[0] ?? ''}
        opened={modalOpened}
        onClose={modal.close}
        accountId={filters.accountId[0]}
        onCreated={(contact) => setCreated((previous) => [contact, ...previous])}
      />
    </Stack>
  );
}
