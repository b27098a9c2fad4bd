import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useContacts } from '../../api/contact-queries.js';
import { contactName, type Contact } from '../../api/contacts.js';
import { RemoteSelect } from './remote-select.js';

const SEARCH_DEBOUNCE_MS = 250;

export interface ContactSelectProps {
  readonly label: string;
  readonly value: string | null;
  readonly onChange: (contact: Contact | null) => void;
  readonly excludeId?: string;
  readonly autoFocus?: boolean;
}

export function contactLabel(contact: Contact): string {
  const name = contactName(contact);
  return contact.email && contact.email !== name ? `${name} (${contact.email})` : name;
}

/** Picks a contact by searching for it. */
export function ContactSelect({ value, onChange, excludeId, ...props }: ContactSelectProps) {
  const [search, setSearch] = useState('');
  // The chosen contact stays among the options while the search moves on.
  const [chosen, setChosen] = useState<Contact | null>(null);
  const shown = chosen && chosen.id === value ? contactLabel(chosen) : null;
  const [q] = useDebouncedValue(search === shown ? '' : search.trim(), SEARCH_DEBOUNCE_MS);
  const matches = useContacts({ q });

  const contacts = useMemo(() => {
    const found = matches.data?.pages[0]?.items ?? [];
    const all = chosen && chosen.id === value ? [chosen, ...found] : found;
    const unique = new Map(all.map((contact) => [contact.id, contact]));
    if (excludeId !== undefined) unique.delete(excludeId);
    return [...unique.values()];
  }, [matches.data, chosen, value, excludeId]);

  return (
    <RemoteSelect
      {...props}
      value={value}
      items={contacts.map((contact) => ({ id: contact.id, label: contactLabel(contact) }))}
      search={search}
      onSearchChange={setSearch}
      onChange={(id) => {
        const contact = contacts.find((candidate) => candidate.id === id) ?? null;
        setChosen(contact);
        onChange(contact);
      }}
      loading={matches.isFetching}
    />
  );
}
