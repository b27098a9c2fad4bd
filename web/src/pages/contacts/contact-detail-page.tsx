import { Anchor, Badge, Text } from '@mantine/core';
import { Link, useParams } from 'react-router-dom';
import { useContact, useDeleteContact, useUpdateContact } from '../../api/contact-queries.js';
import { contactName, contactSchema, type Contact } from '../../api/contacts.js';
import { contactKeys } from '../../api/query-keys.js';
import { RecordDetailPage } from '../../components/record-detail/record-detail-page.js';
import { RecordDetailView } from '../../components/record-detail/record-detail-view.js';
import { ContactDetailsCard } from './contact-details-card.js';
import { MergeContactModal } from './merge-contact-modal.js';

/** "CTO at Acme": the job title and the account, whichever are known. */
function ContactByline({ contact }: { readonly contact: Contact }) {
  if (!contact.title && !contact.accountId) return null;
  return (
    <Text c="dimmed" size="sm">
      {contact.title}
      {contact.title && contact.accountId && ' at '}
      {contact.accountId && (
        <Anchor
          component={Link}
          to={`/accounts/${encodeURIComponent(contact.accountId)}`}
          size="sm"
        >
          {contact.accountName ?? 'Account'}
        </Anchor>
      )}
    </Text>
  );
}

function ContactView({ contact }: { readonly contact: Contact }) {
  const update = useUpdateContact();
  const remove = useDeleteContact();
  const name = contactName(contact);
  return (
    <RecordDetailView
      type="contact"
      record={contact}
      schema={contactSchema}
      detailKey={contactKeys.detail(contact.id)}
      name={name}
      badges={contact.primary && <Badge variant="light">Primary</Badge>}
      byline={<ContactByline contact={contact} />}
      update={update}
      remove={remove}
      deleteWarning={`${name} is deleted with their timeline and files.`}
      details={(card) => <ContactDetailsCard contact={contact} {...card} />}
      mergeModal={(onClose) => <MergeContactModal contact={contact} onClose={onClose} />}
    />
  );
}

export function ContactDetailPage() {
  const { id = '' } = useParams();
  const contact = useContact(id);
  return (
    <RecordDetailPage type="contact" query={contact} placeholderLines={1}>
      {(record) => <ContactView contact={record} />}
    </RecordDetailPage>
  );
}
