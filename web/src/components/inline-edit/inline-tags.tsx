import { Badge, Button, Group, Stack, TagsInput } from '@mantine/core';
import { EmptyValue } from '../empty-value.js';
import { InlineField } from './inline-field.js';
import { useInlineEdit } from './use-inline-edit.js';

export interface InlineTagsProps {
  readonly label: string;
  readonly fieldPath: string;
  readonly value: readonly string[];
  readonly editable: boolean;
  /** Offered while typing; anything else may be typed too. */
  readonly suggestions?: readonly string[];
  readonly validate?: (values: readonly string[]) => string | null;
  /** Tidies what was typed (e.g. lower-cases tags) before it is compared and saved. */
  readonly normalise?: (values: readonly string[]) => string[];
  readonly onSave: (values: string[]) => Promise<void>;
}

function sameValues(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/** A list of short values (tags, extra email addresses) edited in place, saved with a button. */
export function InlineTags({
  label,
  fieldPath,
  value,
  editable,
  suggestions,
  validate,
  normalise = (values) => [...values],
  onSave,
}: InlineTagsProps) {
  const edit = useInlineEdit<readonly string[]>({
    value,
    fieldPath,
    validate,
    equals: (a, b) => sameValues(normalise(a), normalise(b)),
    onSave: (draft) => onSave(normalise(draft)),
  });

  return (
    <InlineField
      label={label}
      editable={editable}
      editing={edit.editing}
      onEdit={edit.start}
      display={
        value.length === 0 ? (
          <EmptyValue />
        ) : (
          <Group gap={4}>
            {value.map((item) => (
              <Badge key={item} variant="light" tt="none">
                {item}
              </Badge>
            ))}
          </Group>
        )
      }
    >
      <Stack gap="xs">
        <TagsInput
          aria-label={label}
          value={[...edit.draft]}
          onChange={edit.setDraft}
          data={suggestions ? [...suggestions] : []}
          onKeyDown={(event) => {
            if (event.key === 'Escape') edit.cancel();
          }}
          error={edit.error}
          disabled={edit.saving}
          description="Enter adds a value"
          autoFocus
        />
        <Group gap="xs">
          <Button size="xs" loading={edit.saving} onClick={() => void edit.commit()}>
            Save {label}
          </Button>
          <Button size="xs" variant="default" onClick={edit.cancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </InlineField>
  );
}
