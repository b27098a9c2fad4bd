import { Button, EmptyState, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconFileImport, IconPlus, IconSearch } from '@tabler/icons-react';
import { useId, useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { SubjectType } from '../../api/subjects.js';
import { allows } from '../../auth/access.js';
import { useSession } from '../../auth/session-context.js';
import { RECORD_NOUNS } from '../../lib/record-nouns.js';
import type { ListParams } from '../../lib/use-list-params.js';
import { ExportCsvButton } from '../export-csv-button.js';
import { LoadMore, type PagedQuery } from '../load-more.js';
import { QueryErrorAlert } from '../query-error-alert.js';
import type { CreateDialogProps } from '../record-create/create-record-modal.js';

/** The API refuses a longer `q` outright, so the box never lets one be typed. */
const SEARCH_MAX_LENGTH = 200;

/** What the filters bar is handed: each change starts a new list. */
export interface RecordListFilterHandlers<F extends string> {
  readonly onChange: (key: F, values: readonly string[]) => void;
  readonly onClear: () => void;
}

/** What the table is handed. */
export interface RecordListTableProps<T> {
  readonly rows: readonly T[];
  readonly loading: boolean;
  readonly onSort: (sort: string) => void;
  /** Set while the rows are in relevance order: the hint that says so. */
  readonly describedBy: string | undefined;
}

export interface RecordListPageProps<T extends { readonly id: string }, F extends string> {
  readonly type: SubjectType;
  /** The empty state's picture. */
  readonly icon: ReactNode;
  readonly searchPlaceholder: string;
  /** The empty state's advice while nothing narrows the list. */
  readonly emptyHint: string;
  readonly params: ListParams<F>;
  readonly query: PagedQuery<T>;
  /** The whole list as the search, filters and order define it, as CSV. */
  readonly exportHref: string;
  readonly filters: (handlers: RecordListFilterHandlers<F>) => ReactNode;
  readonly table: (table: RecordListTableProps<T>) => ReactNode;
  readonly createModal: (modal: CreateDialogProps<T>) => ReactNode;
}

/**
 * A list of accounts or contacts: import, export and create next to the title, a search box and
 * filters (kept in the address), the table in pages, and the empty and failed states.
 */
export function RecordListPage<T extends { readonly id: string }, F extends string>({
  type,
  icon,
  searchPlaceholder,
  emptyHint,
  params,
  query,
  exportHref,
  filters,
  table,
  createModal,
}: RecordListPageProps<T, F>) {
  const nouns = RECORD_NOUNS[type];
  const { permissions } = useSession();
  const { q, filtered } = params;
  const [modalOpened, modal] = useDisclosure(false);
  // Records created here are shown at once, even when the server's order puts them on a later page.
  const [created, setCreated] = useState<readonly T[]>([]);
  const byRelevance = params.sort === 'relevance';
  const relevanceHintId = useId();

  const rows = useMemo(() => {
    const loaded = query.data?.pages.flatMap((page) => page.items) ?? [];
    const loadedIds = new Set(loaded.map((record) => record.id));
    return [...created.filter((record) => !loadedIds.has(record.id)), ...loaded];
  }, [query.data, created]);

  // A new search, order or filter defines a new list; the just-created rows belong to the old one.
  const changeList =
    <A extends unknown[]>(change: (...args: A) => void) =>
    (...args: A) => {
      setCreated([]);
      change(...args);
    };

  const showSkeleton = query.isPending;
  const failedFirstLoad = query.isError && !query.isFetchNextPageError;
  const narrowed = q !== '' || filtered;

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{nouns.Many}</Title>
        <Group gap="xs">
          {allows(permissions, 'imports', 'create') && (
            <Button
              component={Link}
              to={`/imports/new?entity=${nouns.many}`}
              variant="default"
              leftSection={<IconFileImport size={16} aria-hidden />}
            >
              Import
            </Button>
          )}
          <ExportCsvButton href={exportHref} />
          {allows(permissions, nouns.many, 'create') && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={modal.open}>
              {`New ${nouns.one}`}
            </Button>
          )}
        </Group>
      </Group>

      <TextInput
        type="search"
        aria-label={`Search ${nouns.many}`}
        placeholder={searchPlaceholder}
        leftSection={<IconSearch size={16} aria-hidden />}
        maxLength={SEARCH_MAX_LENGTH}
        value={params.search}
        onChange={(event) => changeList(params.setSearch)(event.currentTarget.value)}
        maw={420}
      />

      {filters({
        onChange: changeList(params.setFilter),
        onClear: changeList(params.clearFilters),
      })}

      {failedFirstLoad ? (
        <QueryErrorAlert
          title={`Could not load ${nouns.many}`}
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      ) : !showSkeleton && rows.length === 0 ? (
        <EmptyState
          icon={icon}
          title={narrowed ? `No matching ${nouns.many}` : `No ${nouns.many} yet`}
          description={
            q
              ? `Nothing matches “${q}”${filtered ? ' with these filters' : ''}.`
              : narrowed
                ? `No ${nouns.one} has what the filters ask for.`
                : emptyHint
          }
        />
      ) : (
        <Stack gap="xs">
          {byRelevance && (
            <Text id={relevanceHintId} size="sm" c="dimmed">
              Best matches first
            </Text>
          )}
          {table({
            rows,
            loading: showSkeleton,
            onSort: changeList(params.setSort),
            describedBy: byRelevance ? relevanceHintId : undefined,
          })}
        </Stack>
      )}

      {!failedFirstLoad && <LoadMore pager={query} what={nouns.many} />}

      {createModal({
        opened: modalOpened,
        onClose: modal.close,
        onCreated: (record) => setCreated((previous) => [record, ...previous]),
      })}
    </Stack>
  );
}
