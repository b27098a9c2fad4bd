import { Skeleton, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { LoadMore, type PagedQuery } from './load-more.js';
import { QueryErrorAlert } from './query-error-alert.js';

export interface PagedSectionListProps<T> {
  readonly query: PagedQuery<T>;
  /** What failed to load, in the alert's title ("attachments": "Could not load the attachments"). */
  readonly what: string;
  /** What a further page holds, when not `what` ("timeline entries"). */
  readonly pageOf?: string;
  /** Said when there is nothing yet. */
  readonly empty: string;
  /** Stands in while the first page loads. */
  readonly placeholder?: ReactNode;
  /** The loaded items, at least one. */
  readonly children: (items: readonly T[]) => ReactNode;
}

/**
 * A paged list inside a detail page's section: its loading, failed and empty states, then the
 * items and a "Load more" button for the next page.
 */
export function PagedSectionList<T>({
  query,
  what,
  pageOf = what,
  empty,
  placeholder = <Skeleton height={14} width="60%" aria-busy />,
  children,
}: PagedSectionListProps<T>) {
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];

  let content;
  if (query.isPending) {
    content = placeholder;
  } else if (query.isError && !query.isFetchNextPageError) {
    content = (
      <QueryErrorAlert
        title={`Could not load the ${what}`}
        error={query.error}
        onRetry={() => void query.refetch()}
      />
    );
  } else if (items.length === 0) {
    content = (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  } else {
    content = children(items);
  }

  return (
    <>
      {content}
      <LoadMore pager={query} what={pageOf} auto={false} />
    </>
  );
}
