import { Anchor, Badge, Group } from '@mantine/core';
import { Link } from 'react-router-dom';
import { contactName, type Contact } from '../../api/contacts.js';

export interface ContactNameLinkProps {
  readonly contact: Pick<Contact, 'id' | 'firstName' | 'lastName' | 'email' | 'primary'>;
  /** The link's font weight, where the name leads its row. */
  readonly fw?: number;
}

/** A contact's name as a link to their page, marked when they are their account's primary contact. */
export function ContactNameLink({ contact, fw }: ContactNameLinkProps) {
  return (
    <Group gap="xs" wrap="nowrap">
      <Anchor component={Link} to={`/contacts/${encodeURIComponent(contact.id)}`} fw={fw}>
        {contactName(contact)}
      </Anchor>
      {contact.primary && (
        <Badge size="xs" variant="light">
          Primary
        </Badge>
      )}
    </Group>
  );
}
