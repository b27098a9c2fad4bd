import type { AccountFieldSort, AccountSort } from '../../api/accounts.js';

export type SortableColumn = 'name' | 'createdAt';
export type SortDirection = 'ascending' | 'descending';

// A column's first click gives its most useful order: names A→Z, the newest accounts first.
const FIRST_DIRECTION: Readonly<Record<SortableColumn, SortDirection>> = {
  name: 'ascending',
  createdAt: 'descending',
};

/** How `sort` orders `column`, as `aria-sort` names it; undefined when the list is ordered otherwise (another column, relevance). */
export function sortDirection(
  sort: AccountSort,
  column: SortableColumn,
): SortDirection | undefined {
  if (sort === column) return 'ascending';
  if (sort === `-${column}`) return 'descending';
  return undefined;
}

/** The order after a click on `column`: the other direction if it is already sorted on, else its first. */
export function nextSort(sort: AccountSort, column: SortableColumn): AccountFieldSort {
  const current = sortDirection(sort, column);
  const direction =
    current === undefined
      ? FIRST_DIRECTION[column]
      : current === 'ascending'
        ? 'descending'
        : 'ascending';
  return direction === 'ascending' ? column : `-${column}`;
}
