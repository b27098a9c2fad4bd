import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../api/api-error.js';
import { useMergeContacts } from '../../api/contact-queries.js';
import { contactName, type Contact } from '../../api/contacts.js';
import { contactKeys } from '../../api/query-keys.js';
import { MergeModal } from '../../components/merge/merge-modal.js';
import { ContactSelect, contactLabel } from '../../components/pickers/contact-select.js';
import { leaveThenForget } from '../../lib/leave-then-forget.js';
import { useUserLookup } from '../../lib/user-lookup.js';
import { contactMergeRows } from './contact-merge.js';

export interface MergeContactModalProps {
  readonly contact: Contact;
  readonly onClose: () => void;
}

/** Merges a duplicate contact into this one (or this one into it), then opens the kept one. */
export function MergeContactModal({ contact, onClose }: MergeContactModalProps) {
  const { nameOf } = useUserLookup();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const merge = useMergeContacts();
  const [other, setOther] = useState<Contact | null>(null);

  return (
    <MergeModal<Contact>
      opened
      onClose={onClose}
      title="Merge contacts"
      current={contact}
      other={other}
      picker={
        <ContactSelect
          label="Contact to merge with"
          value={other?.id ?? null}
          onChange={(picked) => {
            setOther(picked);
            merge.reset();
          }}
          excludeId={contact.id}
          autoFocus
        />
      }
      labelOf={contactLabel}
      rows={(survivor, merged) => contactMergeRows(survivor, merged, nameOf)}
      explanation="The timeline, files and links of the merged contact move to the kept one, which fills its empty fields from it and keeps every email address and phone number of both. The merged contact is then deleted."
      merging={merge.isPending}
      error={merge.isError ? errorMessage(merge.error) : null}
      onMerge={(survivor, merged) =>
        merge.mutate(
          { survivor, merged },
          {
            onSuccess: (kept) => {
              notifications.show({
                color: 'green',
                title: 'Contacts merged',
                message: `${contactName(merged)} was merged into ${contactName(kept)}.`,
              });
              onClose();
              void leaveThenForget(navigate(`/contacts/${encodeURIComponent(kept.id)}`), () =>
                queryClient.removeQueries({ queryKey: contactKeys.detail(merged.id) }),
              );
            },
          },
        )
      }
    />
  );
}
