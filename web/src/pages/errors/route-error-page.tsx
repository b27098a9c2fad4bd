import { Alert, Button, Code, Group, Stack, Title } from '@mantine/core';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router-dom';
import { errorMessage } from '../../api/api-error.js';
import { NotFoundPage } from './not-found-page.js';

/** Router `errorElement`: whatever a route's render or loader threw ends up here. */
export function RouteErrorPage() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;

  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : errorMessage(error);
  return (
    <Stack align="flex-start" gap="sm" p="md">
      <Title order={2}>Something went wrong</Title>
      <Alert color="red" role="alert" title="The page failed to load">
        <Code>{message}</Code>
      </Alert>
      <Group>
        <Button onClick={() => window.location.reload()}>Reload</Button>
        <Button component={Link} to="/" variant="light">
          Go to the start page
        </Button>
      </Group>
    </Stack>
  );
}
