import { Button, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';

/** The 403 state: the page exists, but the signed-in user's role may not use it. */
export function ForbiddenPage() {
  return (
    <Stack align="flex-start" gap="sm">
      <Title order={2}>You do not have access to this page</Title>
      <Text c="dimmed">Your role does not allow it. Ask an administrator if you need access.</Text>
      <Button component={Link} to="/" variant="light">
        Go to the start page
      </Button>
    </Stack>
  );
}
