import { Button, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Address } from '../../api/accounts.js';
import { EmptyValue } from '../../components/empty-value.js';
import { InlineField } from '../../components/inline-edit/inline-field.js';
import { useInlineEdit } from '../../components/inline-edit/use-inline-edit.js';
import {
  ADDRESS_MAX_LENGTHS,
  ADDRESS_PART_LABELS,
  EMPTY_ADDRESS,
  tidyAddress,
  validateAddress,
} from './account-form.js';

const PARTS = ['street', 'city', 'region', 'postalCode', 'country'] as const;

function sameAddress(a: Address | null, b: Address | null): boolean {
  const left = a === null ? null : tidyAddress(a);
  const right = b === null ? null : tidyAddress(b);
  if (left === null || right === null) return left === right;
  return PARTS.every((part) => left[part] === right[part]);
}

/** The address on up to three lines, as it is written on an envelope. */
function AddressText({ address }: { readonly address: Address }) {
  const lines = [
    address.street,
    [address.postalCode, address.city].filter(Boolean).join(' '),
    [address.region, address.country].filter(Boolean).join(', '),
  ].filter(Boolean);
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
      {lines.join('\n')}
    </Text>
  );
}

export interface AccountAddressFieldProps {
  readonly value: Address | null;
  readonly editable: boolean;
  /** Receives the tidied address, or null when every part was emptied. */
  readonly onSave: (address: Address | null) => Promise<void>;
}

/** The postal address edited in place, part by part; Enter in any part saves. */
export function AccountAddressField({ value, editable, onSave }: AccountAddressFieldProps) {
  const [partErrors, setPartErrors] = useState<Partial<Record<keyof Address, string>>>({});
  const edit = useInlineEdit<Address>({
    value: value ?? EMPTY_ADDRESS,
    fieldPath: 'address',
    equals: sameAddress,
    validate: (draft) => {
      const errors = validateAddress(draft);
      setPartErrors(errors);
      return Object.keys(errors).length > 0 ? 'Check the address' : null;
    },
    onSave: (draft) => onSave(tidyAddress(draft)),
  });

  return (
    <InlineField
      label="Address"
      editable={editable}
      editing={edit.editing}
      onEdit={() => {
        setPartErrors({});
        edit.start();
      }}
      display={value === null ? <EmptyValue /> : <AddressText address={value} />}
    >
      <Stack gap="xs">
        <SimpleGrid cols={2} spacing="xs">
          {PARTS.map((part, index) => (
            <TextInput
              key={part}
              size="xs"
              label={ADDRESS_PART_LABELS[part]}
              maxLength={ADDRESS_MAX_LENGTHS[part]}
              value={edit.draft[part]}
              onChange={(event) =>
                edit.setDraft({ ...edit.draft, [part]: event.currentTarget.value })
              }
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  void edit.commit();
                } else if (event.key === 'Escape') {
                  edit.cancel();
                }
              }}
              error={partErrors[part]}
              disabled={edit.saving}
              autoFocus={index === 0}
            />
          ))}
        </SimpleGrid>
        {edit.error && (
          <Text size="xs" c="red">
            {edit.error}
          </Text>
        )}
        <Group gap="xs">
          <Button size="xs" loading={edit.saving} onClick={() => void edit.commit()}>
            Save address
          </Button>
          <Button size="xs" variant="default" onClick={edit.cancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </InlineField>
  );
}
