import { Alert, Button, Stack, Text } from '@mantine/core';
import { errorMessage } from '../api/api-error.js';

export interface QueryErrorAlertProps {
  readonly title: string;
  readonly error: unknown;
  readonly onRetry: () => void;
}

/** A failed load, explained, with a way to try again. */
export function QueryErrorAlert({ title, error, onRetry }: QueryErrorAlertProps) {
  return (
    <Alert color="red" role="alert" title={title}>
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{errorMessage(error)}</Text>
        <Button size="xs" variant="light" color="red" onClick={onRetry}>
          Retry
        </Button>
      </Stack>
    </Alert>
  );
}
