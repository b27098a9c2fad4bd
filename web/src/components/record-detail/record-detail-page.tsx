import { Anchor, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import { Fragment, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/api-error.js';
import type { SubjectType } from '../../api/subjects.js';
import { RECORD_NOUNS } from '../../lib/record-nouns.js';
import { QueryErrorAlert } from '../query-error-alert.js';

export interface RecordDetailPageProps<T extends { readonly id: string }> {
  readonly type: SubjectType;
  readonly query: UseQueryResult<T>;
  /** Placeholder lines under the title while the record loads. */
  readonly placeholderLines: number;
  /** The loaded record's page. */
  readonly children: (record: T) => ReactNode;
}

/** An account's or contact's page: the way back to the list, and the record once it is loaded. */
export function RecordDetailPage<T extends { readonly id: string }>({
  type,
  query,
  placeholderLines,
  children,
}: RecordDetailPageProps<T>) {
  const nouns = RECORD_NOUNS[type];

  let content;
  if (query.isPending) {
    content = (
      <Stack gap="sm" aria-busy>
        <Skeleton height={28} width="40%" />
        {Array.from({ length: placeholderLines }, (_, line) => (
          <Skeleton key={line} height={14} width="60%" />
        ))}
      </Stack>
    );
  } else if (query.isError) {
    content =
      query.error instanceof ApiError && query.error.status === 404 ? (
        <Stack gap="xs" align="flex-start">
          <Title order={2}>{`${nouns.One} not found`}</Title>
          <Text c="dimmed">
            It may have been deleted or merged, or you may not have access to it.
          </Text>
        </Stack>
      ) : (
        <QueryErrorAlert
          title={`Could not load the ${nouns.one}`}
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      );
  } else {
    // Keyed: another record (after a merge) starts with no open dialog or pending conflict.
    content = <Fragment key={query.data.id}>{children(query.data)}</Fragment>;
  }

  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/${nouns.many}`} size="sm">
        <IconArrowLeft size={14} aria-hidden /> {nouns.Many}
      </Anchor>
      {content}
    </Stack>
  );
}
