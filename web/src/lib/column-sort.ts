export type SortDirection = 'ascending' | 'descending';

/** An order by one column, descending when prefixed with `-` (the list APIs' `sort` values). */
export type ColumnSort<C extends string> = C | `-${C}`;

/** How `sort` orders `column`, as `aria-sort` names it; undefined when the list is ordered otherwise (another column, relevance). */
export function sortDirection(sort: string, column: string): SortDirection | undefined {
  if (sort === column) return 'ascending';
  if (sort === `-${column}`) return 'descending';
  return undefined;
}

/**
 * The order after a click on `column`: the other direction if it is already sorted on, else
 * `first`, the column's most useful order (names A→Z, the newest first).
 */
export function nextSort<C extends string>(
  sort: string,
  column: C,
  first: SortDirection,
): ColumnSort<C> {
  const current = sortDirection(sort, column);
  const direction =
    current === undefined ? first : current === 'ascending' ? 'descending' : 'ascending';
  return direction === 'ascending' ? column : `-${column}`;
}
