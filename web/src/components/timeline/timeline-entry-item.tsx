import { ActionIcon, Anchor, Group, List, Stack, Text, Tooltip } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import type { TimelineEntry } from '../../api/timeline.js';
import { formatDateTime } from '../../lib/format.js';
import { describeEntry } from './describe-entry.js';

export interface TimelineEntryItemProps {
  readonly entry: TimelineEntry;
  /** Who did it, by name. */
  readonly actor: string;
  readonly nameOf: (id: string) => string | null;
  /** Offered for notes the user may delete. */
  readonly onDelete: (() => void) | null;
}

/** One entry's content; the bullet and line around it come from the Timeline. */
export function TimelineEntryItem({ entry, actor, nameOf, onDelete }: TimelineEntryItemProps) {
  const description = describeEntry(entry, actor, nameOf);
  const isNote = entry.kind === 'note';
  return (
    <Stack gap={4}>
      <Group gap="xs" justify="space-between" wrap="nowrap" align="flex-start">
        <Text size="sm" fw={500}>
          {description.title}
          {description.link && (
            <>
              {' '}
              <Anchor component={Link} to={description.link.to} size="sm">
                {description.link.label}
              </Anchor>
            </>
          )}
        </Text>
        {onDelete && (
          <Tooltip label="Delete note">
            <ActionIcon
              variant="subtle"
              color="gray"
              size="sm"
              aria-label="Delete note"
              onClick={onDelete}
            >
              <IconTrash size={14} aria-hidden />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
      {isNote ? (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {entry.body}
        </Text>
      ) : (
        entry.body &&
        description.changes.length === 0 && (
          <Text size="sm" c="dimmed">
            {entry.body}
          </Text>
        )
      )}
      {description.changes.length > 0 && (
        <List size="sm" spacing={2}>
          {description.changes.map((change) => (
            <List.Item key={change}>
              <Text size="sm" lineClamp={3} style={{ overflowWrap: 'anywhere' }}>
                {change}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
      <Text size="xs" c="dimmed">
        <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt)}</time>
      </Text>
    </Stack>
  );
}
