import {
  useInfiniteQuery,
  useMutation,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { timelineKeys } from './query-keys.js';
import type { Subject } from './subjects.js';
import { addNote, deleteNote, listTimeline } from './timeline.js';
import { cursorPaging } from './page.js';

export const TIMELINE_PAGE_SIZE = 25;

/** What happened to `subject`, newest first, one page per `nextCursor`. */
export function useTimeline(subject: Subject) {
  return useInfiniteQuery({
    queryKey: timelineKeys.subject(subject),
    queryFn: ({ pageParam, signal }) =>
      listTimeline(subject, { cursor: pageParam, limit: TIMELINE_PAGE_SIZE }, signal),
    ...cursorPaging,
  });
}

function refreshTimeline(queryClient: QueryClient, subject: Subject): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: timelineKeys.subject(subject) });
}

export function useAddNote(subject: Subject) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => addNote(subject, text),
    // Awaited so the form clears only once the new note is on screen.
    onSuccess: () => refreshTimeline(queryClient, subject),
  });
}

export function useDeleteNote(subject: Subject) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteNote(id),
    onSuccess: () => refreshTimeline(queryClient, subject),
  });
}
