import { useMutation, useQuery } from '@tanstack/react-query';
import { changePassword, getMe, signIn, signOut } from './session.js';

export const sessionKeys = {
  me: ['me'] as const,
};

/** The signed-in user, their team and what their role may do; a 401 means nobody is signed in. */
export function useMe() {
  return useQuery({
    queryKey: sessionKeys.me,
    queryFn: ({ signal }) => getMe(signal),
  });
}

export function useSignIn() {
  return useMutation({ mutationFn: signIn });
}

export function useSignOut() {
  return useMutation({ mutationFn: signOut });
}

export function useChangePassword() {
  return useMutation({ mutationFn: changePassword });
}
