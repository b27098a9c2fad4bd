import type { ComboboxItem } from '@mantine/core';
import { useMemo } from 'react';
import { usePeopleDirectory } from '../api/user-queries.js';
import { useSession } from '../auth/session-context.js';

export interface UserLookup {
  /** The user's name; null while loading or for a user the caller may not see. */
  readonly nameOf: (id: string | null) => string | null;
  /** Active users, by name, for owner pickers. */
  readonly options: readonly ComboboxItem[];
}

/**
 * Names for the user ids records carry (owners, authors, uploaders), from the names-only directory
 * every signed-in user may read; the signed-in user is always known.
 */
export function useUserLookup(): UserLookup {
  const directory = usePeopleDirectory();
  const { user: me } = useSession();
  return useMemo(() => {
    const users = directory.data ?? [];
    const names = new Map(users.map((user) => [user.id, user.name]));
    names.set(me.id, me.name);
    const active = users.some((user) => user.id === me.id) ? users : [me, ...users];
    return {
      nameOf: (id) => (id === null ? null : (names.get(id) ?? null)),
      options: active
        .filter((user) => user.active)
        .map((user) => ({ value: user.id, label: user.name }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    };
  }, [directory.data, me]);
}
