import { ActionIcon, Box, Group, Stack, Text } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useEffect, useRef, type ReactNode } from 'react';

export interface InlineFieldProps {
  readonly label: string;
  /** The value as it reads when not being edited. */
  readonly display: ReactNode;
  readonly editable: boolean;
  readonly editing: boolean;
  readonly onEdit: () => void;
  /** The editor, shown while editing. */
  readonly children: ReactNode;
}

/**
 * One labelled field that turns into its editor on a click (on the value, or on the pencil button
 * keyboards reach).
 */
export function InlineField({
  label,
  display,
  editable,
  editing,
  onEdit,
  children,
}: InlineFieldProps) {
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  // When the closing editor took the focus with it (Enter, Escape), it returns to the field's
  // pencil rather than to the page top; focus the user moved elsewhere stays where it is.
  useEffect(() => {
    const focusLost = document.activeElement === null || document.activeElement === document.body;
    if (wasEditing.current && !editing && focusLost) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      {editing ? (
        children
      ) : (
        <Group gap={4} wrap="nowrap" align="flex-start">
          <Box
            onClick={editable ? onEdit : undefined}
            style={{ cursor: editable ? 'text' : undefined, minWidth: 0, overflowWrap: 'anywhere' }}
          >
            {display}
          </Box>
          {editable && (
            <ActionIcon
              ref={editButton}
              variant="subtle"
              color="gray"
              size="sm"
              aria-label={`Edit ${label}`}
              onClick={onEdit}
            >
              <IconPencil size={14} aria-hidden />
            </ActionIcon>
          )}
        </Group>
      )}
    </Stack>
  );
}
