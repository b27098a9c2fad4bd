import { Anchor, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { orNull, PHONE_MAX_LENGTH, validatePhone } from '../../lib/field-rules.js';
import { useUserLookup } from '../../lib/user-lookup.js';
import { InlineSelect } from '../inline-edit/inline-select.js';
import { InlineText } from '../inline-edit/inline-text.js';
import { RecordTimestamps } from '../record-timestamps.js';
import { SectionCard } from '../section-card.js';

/** What a record's details card is handed. */
export interface DetailsCardBinding<P> {
  readonly editable: boolean;
  /** Saves a change against the version shown. */
  readonly save: (patch: P) => Promise<void>;
}

/** A record's fields, each edited in place, above when it was created and last changed. */
export function DetailsCard({
  record,
  children,
}: {
  readonly record: { readonly createdAt: string; readonly updatedAt: string };
  readonly children: ReactNode;
}) {
  return (
    <SectionCard title="Details">
      <Stack gap="sm">
        {children}
        <RecordTimestamps createdAt={record.createdAt} updatedAt={record.updatedAt} />
      </Stack>
    </SectionCard>
  );
}

/** One field of a details card, as the card binds it. */
export interface DetailsFieldProps<V> {
  readonly value: V | null;
  readonly editable: boolean;
  readonly onSave: (value: V | null) => Promise<void>;
}

/** The record's owner, picked among the users. */
export function InlineOwner({ value, editable, onSave }: DetailsFieldProps<string>) {
  const { options: owners, nameOf } = useUserLookup();
  return (
    <InlineSelect
      label="Owner"
      fieldPath="ownerId"
      value={value}
      data={owners}
      editable={editable}
      clearable
      searchable
      display={(id) => nameOf(id) ?? 'Another user'}
      onSave={onSave}
    />
  );
}

/** The record's phone number, a link that dials it. */
export function InlinePhone({ value, editable, onSave }: DetailsFieldProps<string>) {
  return (
    <InlineText
      label="Phone"
      fieldPath="phone"
      value={value}
      editable={editable}
      validate={validatePhone}
      maxLength={PHONE_MAX_LENGTH}
      onSave={(phone) => onSave(orNull(phone))}
      display={(phone) => (
        <Anchor href={`tel:${phone.replace(/[^0-9+]/g, '')}`} size="sm">
          {phone}
        </Anchor>
      )}
    />
  );
}
