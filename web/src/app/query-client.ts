import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/api-error.js';

const MAX_RETRIES = 2;

/** Client errors (4xx) will not change on a retry; server and network failures may. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < MAX_RETRIES;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 30_000 },
      // Mutations are not idempotent (a POST may have succeeded before the connection dropped).
      mutations: { retry: false },
    },
  });
}
