import { Text } from '@mantine/core';
import { useUserLookup } from '../lib/user-lookup.js';
import { EmptyValue } from './empty-value.js';

/** A user id shown as the person's name. */
export function UserName({ id }: { readonly id: string | null }) {
  const { nameOf } = useUserLookup();
  if (id === null) return <EmptyValue />;
  // Beyond the directory's first page, or a user since removed.
  return (
    nameOf(id) ?? (
      <Text c="dimmed" span>
        Another user
      </Text>
    )
  );
}
