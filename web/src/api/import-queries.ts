import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { useCallback } from 'react';
import {
  getImport,
  isSettled,
  listImportErrors,
  listImports,
  previewImport,
  startImport,
  undoImport,
  type ImportEntity,
  type ImportJob,
  type StartImportInput,
} from './imports.js';
import { accountKeys, contactKeys, importKeys, timelineKeys } from './query-keys.js';
import { cursorPaging } from './page.js';

export const IMPORTS_PAGE_SIZE = 50;
export const IMPORT_ERRORS_PAGE_SIZE = 100;
/** How often a job still in progress is asked about. */
export const IMPORT_POLL_MS = 1_000;

/** Import history, newest first; polled while any listed job is still moving. */
export function useImports() {
  return useInfiniteQuery({
    queryKey: importKeys.lists(),
    queryFn: ({ pageParam, signal }) =>
      listImports({ cursor: pageParam, limit: IMPORTS_PAGE_SIZE }, signal),
    ...cursorPaging,
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.items.some((job) => !isSettled(job.status)))
        ? IMPORT_POLL_MS
        : false,
  });
}

/** One job, polled until it settles; `started` is shown until the first answer arrives. */
export function useImportJob(id: string, started: ImportJob) {
  return useQuery({
    queryKey: importKeys.detail(id),
    queryFn: ({ signal }) => getImport(id, signal),
    placeholderData: started,
    refetchInterval: (query) =>
      query.state.data && isSettled(query.state.data.status) ? false : IMPORT_POLL_MS,
    // Progress is only worth showing while someone looks at it.
    refetchIntervalInBackground: false,
  });
}

/** Every row error of a job beyond the first ones the job itself carries. */
export function useImportErrors(id: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: importKeys.errors(id),
    queryFn: ({ pageParam, signal }) =>
      listImportErrors(id, { cursor: pageParam, limit: IMPORT_ERRORS_PAGE_SIZE }, signal),
    ...cursorPaging,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function usePreviewImport() {
  return useMutation({
    mutationFn: ({ entity, file }: { readonly entity: ImportEntity; readonly file: File }) =>
      previewImport(entity, file),
  });
}

export function useStartImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: StartImportInput) => startImport(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: importKeys.lists() }),
  });
}

/** Once a real import has finished, the address book it changed is stale everywhere. */
export function useRefreshAfterImport() {
  const queryClient = useQueryClient();
  return useCallback(
    (entity: ImportEntity) => {
      void queryClient.invalidateQueries({ queryKey: importKeys.lists() });
      void queryClient.invalidateQueries({
        queryKey: entity === 'accounts' ? accountKeys.all : contactKeys.all,
      });
      // Contacts imports also change their accounts' counts; both record timeline entries.
      if (entity === 'contacts') void queryClient.invalidateQueries({ queryKey: accountKeys.all });
      void queryClient.invalidateQueries({ queryKey: timelineKeys.all });
    },
    [queryClient],
  );
}

export function useUndoImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => undoImport(id),
    onSuccess: (job) => {
      queryClient.setQueryData(importKeys.detail(job.id), job);
      return queryClient.invalidateQueries({ queryKey: importKeys.lists() });
    },
  });
}
