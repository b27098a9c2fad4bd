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
 * mutation afterwards, so the secret does not linger in the mutation cache.
 */
export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateApiTokenInput) => createApiToken(input),
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
