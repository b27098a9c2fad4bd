import { Alert, Box, Button, Group } from '@mantine/core';
import { useInViewport } from '@mantine/hooks';
import { useEffect } from 'react';
import { errorMessage } from '../api/api-error.js';
import type { Page } from '../api/page.js';

/** The part of an infinite query that paging needs. */
export interface Pager {
  readonly hasNextPage: boolean;
  readonly isFetchingNextPage: boolean;
  readonly isFetchNextPageError: boolean;
  readonly error: unknown;
  readonly fetchNextPage: () => Promise<unknown>;
}

/** The part of an infinite query that a paged list needs. */
export interface PagedQuery<T> extends Pager {
  readonly data: { readonly pages: ReadonlyArray<Page<T>> } | undefined;
  readonly isPending: boolean;
  readonly isError: boolean;
  readonly refetch: () => Promise<unknown>;
}

export interface LoadMoreProps {
  readonly pager: Pager;
  /** What is being paged, for the failure message ("accounts"). */
  readonly what: string;
  /** Loads the next page by itself once the end of the list scrolls into view. */
  readonly auto?: boolean;
}

/**
 * The end of a paged list: the next page loads when the end scrolls into view (infinite
 * scrolling), and a "Load more" button does the same for keyboards and when scrolling is not
 * enough. A failed page stops the automatic loading until the button is pressed.
 */
export function LoadMore({ pager, what, auto = true }: LoadMoreProps) {
  const { ref, inViewport } = useInViewport<HTMLDivElement>();
  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = pager;

  useEffect(() => {
    if (auto && inViewport && hasNextPage && !isFetchingNextPage && !isFetchNextPageError) {
      void fetchNextPage();
    }
  }, [auto, inViewport, hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage]);

  return (
    <>
      {isFetchNextPageError && (
        <Alert color="red" role="alert" title={`Could not load more ${what}`}>
          {errorMessage(pager.error)}
        </Alert>
      )}
      {hasNextPage && (
        <Group justify="center">
          <Box ref={ref}>
            <Button
              variant="default"
              loading={isFetchingNextPage}
              onClick={() => void fetchNextPage()}
            >
              Load more
            </Button>
          </Box>
        </Group>
      )}
    </>
  );
}
