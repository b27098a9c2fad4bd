import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import {
  deleteAttachment,
  listAttachments,
  uploadAttachment,
  type UploadAttachmentInput,
} from './attachments.js';
import { attachmentKeys, timelineKeys } from './query-keys.js';
import type { Subject } from './subjects.js';
import { cursorPaging } from './page.js';

export const ATTACHMENTS_PAGE_SIZE = 50;

export function useAttachments(subject: Subject) {
  return useInfiniteQuery({
    queryKey: attachmentKeys.subject(subject),
    queryFn: ({ pageParam, signal }) =>
      listAttachments(subject, { cursor: pageParam, limit: ATTACHMENTS_PAGE_SIZE }, signal),
    ...cursorPaging,
  });
}

/** After an upload or a removal, the list and the timeline (which records both) are stale. */
function useRefreshSubject(subject: Subject) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: attachmentKeys.subject(subject) }),
      queryClient.invalidateQueries({ queryKey: timelineKeys.subject(subject) }),
    ]);
}

export function useUploadAttachment(subject: Subject) {
  const refresh = useRefreshSubject(subject);
  return useMutation({
    mutationFn: (input: Omit<UploadAttachmentInput, 'subject'>) =>
      uploadAttachment({ ...input, subject }),
    onSuccess: refresh,
  });
}

export function useDeleteAttachment(subject: Subject) {
  const refresh = useRefreshSubject(subject);
  return useMutation({
    mutationFn: (id: string) => deleteAttachment(id),
    onSuccess: refresh,
  });
}
