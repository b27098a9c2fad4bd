import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { errorMessage, isUnauthorized } from '../api/api-error.js';
import { onUnauthorized } from '../api/http.js';
import { useMe } from '../api/session-queries.js';
import { AppLayout } from '../layout/app-layout.js';
import { SessionContext } from './session-context.js';
import { signInPath } from './sign-in-path.js';

/** Any request of the signed-in app answered 401 sends the user to sign in, then back here. */
function useSignInOnUnauthorized(): void {
  const navigate = useNavigate();
  const location = useLocation();
  const here = useRef('');
  useEffect(() => {
    here.current = `${location.pathname}${location.search}${location.hash}`;
  }, [location]);

  useEffect(
    () =>
      onUnauthorized(() => {
        void navigate(signInPath(here.current), { replace: true });
      }),
    [navigate],
  );
}

function FullPageLoader() {
  return (
    <Center h="100vh">
      <Loader aria-label="Loading" />
    </Center>
  );
}

/** Loads the signed-in user, then renders the app shell with them; the sign-in page otherwise. */
export function RequireSession() {
  useSignInOnUnauthorized();
  const me = useMe();

  // A 401 is being redirected by the hook above; the loader covers the moment until it lands.
  if (me.isPending || (me.isError && isUnauthorized(me.error))) return <FullPageLoader />;
  if (me.isError) {
    return (
      <Center h="100vh" p="md">
        <Alert color="red" role="alert" title="Could not load your session">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{errorMessage(me.error)}</Text>
            <Button size="xs" variant="light" color="red" onClick={() => void me.refetch()}>
              Retry
            </Button>
          </Stack>
        </Alert>
      </Center>
    );
  }
  return (
    <SessionContext value={me.data}>
      <AppLayout />
    </SessionContext>
  );
}
