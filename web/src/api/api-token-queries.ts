import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createApiToken,
  listApiTokens,
  revokeApiToken,
  type CreateApiTokenInput,
} from './api-tokens.js';

export const apiTokenKeys = {
  all: ['api-tokens'] as const,
};

export function useApiTokens() {
  return useQuery({
    queryKey: apiTokenKeys.all,
    queryFn: async ({ signal }) => (await listApiTokens(signal)).items,
  });
}

/**
 * Creates a token. The caller receives the secret from `mutateAsync` and should `reset()` the
 * mutation right after: with no observer left, the answer holding the secret leaves the cache.
 */
export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateApiTokenInput) => createApiToken(input),
    // Kept no longer than something shows it: the default would hold the secret for minutes.
    gcTime: 0,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokenKeys.all }),
  });
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeApiToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokenKeys.all }),
  });
}
