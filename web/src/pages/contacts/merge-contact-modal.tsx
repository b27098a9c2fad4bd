import { useMergeContacts } from '../../api/contact-queries.js';
import { contactName, type Contact } from '../../api/contacts.js';
import { contactKeys } from '../../api/query-keys.js';
import { RecordMergeModal } from '../../components/merge/record-merge-modal.js';
import { ContactSelect, contactLabel } from '../../components/pickers/contact-select.js';
import { useUserLookup } from '../../lib/user-lookup.js';
import { contactMergeRows } from './contact-merge.js';

export interface MergeContactModalProps {
  readonly contact: Contact;
  readonly onClose: () => void;
}

/** Merges a duplicate contact into this one (or this one into it), then opens the kept one. */
export function MergeContactModal({ contact, onClose }: MergeContactModalProps) {
  const { nameOf } = useUserLookup();
  const merge = useMergeContacts();
  return (
    <RecordMergeModal
      type="contact"
      record={contact}
      onClose={onClose}
      merge={merge}
      detailKey={contactKeys.detail}
      picker={(picker) => <ContactSelect {...picker} />}
      displayName={contactName}
      labelOf={contactLabel}
      rows={(survivor, merged) => contactMergeRows(survivor, merged, nameOf)}
      explanation="The timeline, files and links of the merged contact move to the kept one, which fills its empty fields from it and keeps every email address and phone number of both. The merged contact is then deleted."
    />
  );
}
