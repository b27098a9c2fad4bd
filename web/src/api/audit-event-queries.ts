import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { listAuditEvents } from './audit-events.js';
import { cursorPaging } from './page.js';

export const AUDIT_PAGE_SIZE = 50;

export const auditEventKeys = {
  all: ['audit-events'] as const,
  list: (action: string | null) => [...auditEventKeys.all, { action }] as const,
};

/** The audit log, optionally narrowed to one action, one page per `nextCursor`. */
export function useAuditEvents(action: string | null) {
  return useInfiniteQuery({
    queryKey: auditEventKeys.list(action),
    queryFn: ({ pageParam, signal }) =>
      listAuditEvents(
        { action: action ?? undefined, cursor: pageParam, limit: AUDIT_PAGE_SIZE },
        signal,
      ),
    ...cursorPaging,
    placeholderData: keepPreviousData,
  });
}
