import { Alert, Anchor, Button, Group, List, Stack, Text } from '@mantine/core';
import { Link } from 'react-router-dom';

export interface DuplicateCandidate {
  readonly id: string;
  readonly label: string;
  /** What they have in common, e.g. the domain or email address. */
  readonly detail: string | null;
  readonly href: string;
}

export interface DuplicateWarningProps {
  readonly title: string;
  readonly candidates: readonly DuplicateCandidate[];
  /** Offered once the server refused the record as a duplicate: create it all the same. */
  readonly onCreateAnyway?: () => void;
  readonly creating?: boolean;
}

/** Records that look like the one being entered, each a link to open it instead. */
export function DuplicateWarning({
  title,
  candidates,
  onCreateAnyway,
  creating = false,
}: DuplicateWarningProps) {
  return (
    <Alert color="yellow" role="alert" title={title}>
      <Stack gap="xs">
        <List size="sm" spacing={4}>
          {candidates.map((candidate) => (
            <List.Item key={candidate.id}>
              <Group gap="xs" wrap="nowrap">
                <Text size="sm" fw={500}>
                  {candidate.label}
                </Text>
                {candidate.detail && (
                  <Text size="sm" c="dimmed">
                    {candidate.detail}
                  </Text>
                )}
                <Anchor
                  component={Link}
                  to={candidate.href}
                  size="sm"
                  aria-label={`Open existing ${candidate.label}`}
                >
                  Open existing
                </Anchor>
              </Group>
            </List.Item>
          ))}
        </List>
        {onCreateAnyway && (
          <Group>
            <Button
              size="xs"
              color="yellow"
              variant="light"
              loading={creating}
              onClick={onCreateAnyway}
            >
              Create anyway
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
