import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';

export const SEARCH_DEBOUNCE_MS = 300;

export interface ListParams<F extends string> {
  /** What the search box shows, as typed. */
  readonly search: string;
  readonly setSearch: (value: string) => void;
  /** The trimmed search the list is asked for, a moment after typing stops. */
  readonly q: string;
  /** The `sort` in the address; the caller checks it is one it knows. */
  readonly sort: string | null;
  readonly setSort: (sort: string) => void;
  readonly filters: Readonly<Record<F, readonly string[]>>;
  readonly setFilter: (key: F, values: readonly string[]) => void;
  readonly clearFilters: () => void;
  readonly filtered: boolean;
}

/**
 * A list's search, order and filters, kept in the address: they survive opening a record and
 * coming back, and a filtered list can be bookmarked or shared. Replacing the entry keeps typing
 * out of the browser history.
 */
export function useListParams<F extends string>(filterKeys: readonly F[]): ListParams<F> {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [search, setSearchText] = useState(q);

  const update = (change: (next: URLSearchParams) => void) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        change(next);
        return next;
      },
      { replace: true },
    );

  const commitSearch = useDebouncedCallback((value: string) => {
    update((next) => {
      if (value === (next.get('q') ?? '')) return;
      if (value) next.set('q', value);
      else next.delete('q');
      // A new term asks for its best matches, whatever column ordered the previous one.
      next.delete('sort');
    });
  }, SEARCH_DEBOUNCE_MS);

  const filters = Object.fromEntries(filterKeys.map((key) => [key, params.getAll(key)])) as Record<
    F,
    string[]
  >;

  return {
    search,
    setSearch: (value) => {
      setSearchText(value);
      commitSearch(value.trim());
    },
    q,
    sort: params.get('sort'),
    setSort: (sort) => update((next) => next.set('sort', sort)),
    filters,
    setFilter: (key, values) =>
      update((next) => {
        next.delete(key);
        for (const value of values) next.append(key, value);
      }),
    clearFilters: () =>
      update((next) => {
        for (const key of filterKeys) next.delete(key);
      }),
    filtered: filterKeys.some((key) => filters[key].length > 0),
  };
}
